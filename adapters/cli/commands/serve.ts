import { createLogger } from '../../../src/logging/logger.js';
import { join, resolve } from 'node:path';
import { createEngine } from '../../../src/create-engine.js';
import { createFileStorage } from '../../../src/storage/file-storage.js';
import { openDatabase } from '../../../src/persistence/database.js';
import { loadConfig, securityFromConfig } from '../../server/config.js';
import { buildServer } from '../../server/server.js';
import { databaseOptions } from '../database-options.js';
import { seedDemo } from '../../../src/demo/seed.js';
import { smsNotifierFromConfig } from '../../server/sms.js';

/** `probation-workflow serve`: the bundled server until SIGINT/SIGTERM. */
export async function serve(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL });
  const started = Date.now();
  const database = await openDatabase(databaseOptions(config));
  const engine = await createEngine({
    db: database,
    logger,
    security: securityFromConfig(config),
    notifier: smsNotifierFromConfig(config, database.kysely, logger),
    outboxRetry: { maxAttempts: config.SMS_MAX_ATTEMPTS, baseDelayMs: config.SMS_RETRY_BASE_SECONDS * 1000 },
    storage: createFileStorage(join(resolve(config.DATA_DIR), 'files'), { orphanGraceMs: config.FILES_ORPHAN_GRACE_SECONDS * 1000 }),
  });
  if (config.DEMO) {
    const demo = await seedDemo(engine);
    if (demo.seeded) logger.info({ logins: demo.logins }, 'demo data seeded into the empty database (passwords in the README)');
  }
  const app = await buildServer({
    engine,
    logger,
    rateLimitPublic: config.RATE_LIMIT_PUBLIC,
    trustProxy: config.TRUST_PROXY,
    devSmsInbox: config.SMS_PROVIDER === 'inbox',
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await engine.close();
    await database.close();
    logger.info('stopped');
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  engine.startBackgroundTasks(config.SWEEP_INTERVAL_SECONDS * 1000);
  logger.info(
    { database: database.kind, url: `http://${config.HOST}:${config.PORT}`, readyInMs: Date.now() - started },
    'probation-workflow ready',
  );
}
