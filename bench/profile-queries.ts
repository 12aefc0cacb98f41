/**
 * Where a transition's time goes on the database side: runs the engine's
 * REJECT/APPROVE loop on a Kysely instance that logs every query with its
 * duration, then prints the statements by total time. Used to explain the
 * transitions figures (docs/performance.md); not part of `npm run bench`.
 *
 * Options: --clients N (default 8), --seconds S (default 5).
 */
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createEngine } from '../src/create-engine.js';
import { createFileStorage } from '../src/storage/file-storage.js';
import type { Tables } from '../src/persistence/schema.js';
import { pgTypeOverrides } from '../src/persistence/type-parsers.js';
import { benchArgs, benchUrl, log, table } from './bench-support.js';
import { decidableApplications, runFor, unitActor } from './bench-fixtures.js';

async function main(): Promise<void> {
  const args = benchArgs();
  const clients = Number(args.get('clients') ?? 8);
  const seconds = Number(args.get('seconds') ?? 5);
  const stats = new Map<string, { n: number; ms: number }>();
  let recording = false;
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: benchUrl(), max: clients + 2, types: pgTypeOverrides }) }),
    log: (event: LogEvent) => {
      if (!recording) return;
      const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 110);
      const s = stats.get(key) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += event.queryDurationMillis;
      stats.set(key, s);
    },
  });
  const engine = await createEngine({ db, logger: pino({ level: 'error' }), storage: createFileStorage(await mkdtemp(join(tmpdir(), 'pw-prof-'))) });
  try {
    const apps = await decidableApplications(engine, clients);
    recording = true;
    const steps = new Array(clients).fill(0);
    const wall = performance.now();
    const n = await runFor(clients, seconds, async (c) => {
      const app = apps[c]!;
      await engine.workflows.application.send(app.id, { type: steps[c]++ % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' }, unitActor(app.institutionId));
    });
    recording = false;
    const elapsed = performance.now() - wall;
    log(`${n} transitions in ${(elapsed / 1000).toFixed(1)} s (${Math.round((n * 1000) / elapsed)} /s)`);
    const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms).map(([q, s]) => [q, s.n / n, s.ms / s.n, (s.ms / n)]);
    console.log(table(['statement (first 110 chars)', 'per transition', 'mean ms', 'ms per transition'], rows.map((r) => [String(r[0]).replace(/\|/g, '\\|'), Number(r[1]).toFixed(2), Number(r[2]).toFixed(2), Number(r[3]).toFixed(2)])));
  } finally {
    await engine.close();
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
