/**
 * A host Fastify service that embeds the probation workflow under its own
 * prefix with its OWN authentication: callers present the host's API key
 * (`x-api-key`), which the host maps to an engine Actor. The engine's
 * sessions are not used; the engine still checks every permission on the
 * actor the host returns.
 *
 * Database: the embedded PostgreSQL in a fresh temporary directory, or
 * DATABASE_URL in a fresh schema dropped on shutdown. The demo data (SPEC §7)
 * is seeded so there is something to see.
 *
 *   PORT=3100 node host-service.js
 *   curl -H 'x-api-key: district-key' http://127.0.0.1:3100/probation/projects
 *
 * PORT=0 picks a free port; the address is printed as `listening on <url>`.
 * SIGINT / SIGTERM close the server, the engine and the database, exit 0.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { createEngine, createFileStorage, openDatabase, seedDemo, type Actor, type Engine } from 'probation-workflow';
import { probationPlugin, type Authenticate } from 'probation-workflow/fastify';

/** The host's own user directory: API keys of its users and the actor each acts as. */
const hostUsers = new Map<string, { name: string; actor: Actor }>([
  ['admin-key', { name: '省卫健委 系统管理员', actor: { id: 'host-user-1', kind: 'admin', departmentId: '420000' } }],
  ['district-key', { name: '武汉市考区 审核员', actor: { id: 'host-user-17', kind: 'district', departmentId: '420100' } }],
]);

/** The host's authentication: its API key header, never the engine's bearer sessions. */
const authenticate: Authenticate = (request) => {
  const key = request.headers['x-api-key'];
  const user = typeof key === 'string' ? hostUsers.get(key) : undefined;
  return user ? { ...user.actor, ip: request.ip } : null;
};

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || undefined;
  const workDir = await mkdtemp(join(tmpdir(), 'pw-host-service-'));
  const schema = url ? `pw_example_${randomBytes(6).toString('hex')}` : undefined;
  const database = await openDatabase(url ? { url, schema } : { dataDir: join(workDir, 'pgdata') });
  let engine: Engine | undefined;
  const app = Fastify({ logger: false });

  const shutdown = async () => {
    await app.close();
    await engine?.close();
    if (schema && engine) await engine.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database.close();
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    engine = await createEngine({ db: database, storage: createFileStorage(join(workDir, 'files')) });
    await seedDemo(engine);
    engine.startBackgroundTasks(60_000);

    // The host's own routes live beside the plugin, untouched by its validator and error handler.
    app.get('/', async () => ({ service: 'host-service', probation: '/probation' }));
    await app.register(probationPlugin, { engine, prefix: '/probation', authenticate, docs: false });

    const address = await app.listen({ port: Number(process.env.PORT ?? 3100), host: process.env.HOST ?? '127.0.0.1' });
    console.log(`listening on ${address}`);
  } catch (error) {
    await shutdown().catch(() => undefined);
    throw error;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`host-service failed to shut down: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(`host-service failed: ${String((error as Error)?.stack ?? error)}`);
  process.exit(1);
});
