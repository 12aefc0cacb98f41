#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import pino from 'pino';
import { workflowsMarkdown } from '../../src/diagrams/workflows-markdown.js';
import { createEngine } from '../../src/engine/engine.js';
import { migrateToLatest } from '../../src/persistence/migrate.js';
import { openDatabase } from '../../src/persistence/database.js';
import { ConfigError, loadConfig, type ServerConfig } from '../server/config.js';
import { buildServer } from '../server/server.js';

const usage = `probation-workflow <command>

Commands:
  serve     start the bundled HTTP server (what \`npm start\` runs)
  migrate   bring the database schema to the latest version
  docs      regenerate docs/workflows.md from the machine definitions

Configuration comes from the environment: PORT, HOST, DATABASE_URL (unset: embedded
PostgreSQL under DATA_DIR), DATA_DIR, DEMO, LOG_LEVEL, SWEEP_INTERVAL_SECONDS.`;

/** The embedded database lives beside the stored files under DATA_DIR. */
const databaseOptions = (config: ServerConfig) =>
  config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: join(resolve(config.DATA_DIR), 'pgdata') };

async function serve(config: ServerConfig): Promise<void> {
  const logger = pino({ level: config.LOG_LEVEL });
  const started = Date.now();
  const database = await openDatabase(databaseOptions(config));
  const engine = await createEngine({ db: database, logger });
  const app = await buildServer({ engine, logger: { level: config.LOG_LEVEL } });
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

async function migrate(config: ServerConfig): Promise<void> {
  const database = await openDatabase(databaseOptions(config));
  try {
    const result = await migrateToLatest(database.kysely);
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
  } finally {
    await database.close();
  }
}

async function docs(): Promise<void> {
  const target = resolve('docs/workflows.md');
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, workflowsMarkdown());
  console.log(`wrote ${target}`);
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  try {
    switch (command) {
      case 'serve':
        await serve(loadConfig(process.env));
        return -1;
      case 'migrate':
        await migrate(loadConfig(process.env));
        return 0;
      case 'docs':
        await docs();
        return 0;
      case undefined:
      case 'help':
      case '--help':
        console.log(usage);
        return command === undefined ? 1 : 0;
      default:
        console.error(`unknown command: ${command}\n\n${usage}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running; the other commands end here.
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
