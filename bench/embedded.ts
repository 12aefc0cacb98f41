/**
 * The embedded database (SPEC §9: ready in ≤ 3 s on an existing data
 * directory; PGlite's own ~0.5 GB reported and kept flat) and its
 * transition rate.
 *
 * 1. A child process creates a data directory: migrations, the demo seed
 *    and --physicians N registry rows (default 100,000) through the import.
 * 2. Three fresh child processes each open that directory and time it from
 *    process start to a ready engine (openDatabase + createEngine, which
 *    checks the migrations); they report RSS when ready.
 * 3. The last one then runs REJECT/APPROVE through the engine against the
 *    same SQL bare on the same PGlite (BEGIN; UPDATE … version; INSERT
 *    history; COMMIT, rows of the engine's size) and against the engine's
 *    own statements run bare, interleaved, and reports RSS after the load.
 *
 * Options: --seconds S per loop (default 5), --physicians N.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import pino from 'pino';
import { openDatabase } from '../src/persistence/database.js';
import { createEngine } from '../src/create-engine.js';
import { createFileStorage } from '../src/storage/file-storage.js';
import { seedDemo } from '../src/demo/seed.js';
import { importPhysicians, physicianCsvColumns } from '../src/registry/csv-import.js';
import { benchArgs, log, mb, median, ratioLine, reportLoad, table } from './bench-support.js';
import { lockStatement } from '../src/engine/runner/entity-read.js';
import { lockedIndicatorInputs } from '../src/applications/application-indicators.js';
import { decidableApplications, engineWrite, runFor, unitActor, type DecisionTarget } from './bench-fixtures.js';

const self = fileURLToPath(import.meta.url);

/** Runs this file in a child process in `mode` and returns what it sends back. */
function child<T>(mode: string, dataDir: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = fork(self, ['--mode', mode, '--dir', dataDir, ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: T | undefined;
    p.on('message', (m) => (result = m as T));
    p.on('exit', (code) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`${mode} exited with ${code}`))));
  });
}

async function open(dataDir: string) {
  const database = await openDatabase({ dataDir });
  const engine = await createEngine({ db: database, logger: pino({ level: 'error' }), storage: createFileStorage(join(dataDir, '..', 'files')) });
  return { database, engine };
}

async function prepare(dataDir: string, physicians: number): Promise<void> {
  const { database, engine } = await open(dataDir);
  await seedDemo(engine);
  const lines = function* () {
    yield `${physicianCsvColumns.join(',')}\n`;
    for (let i = 0; i < physicians; i++) yield `3104201${String(i).padStart(8, '0')},王${i % 97}明,执业医师,临床,武汉市第${i % 500}医院,注册\n`;
  };
  const result = await importPhysicians(database.kysely, Readable.from(lines()));
  await engine.close();
  await database.close();
  process.send!({ inserted: result.inserted });
}

async function start(dataDir: string, seconds: number, load: boolean): Promise<void> {
  const { database, engine } = await open(dataDir);
  // performance.now() counts from the process's start: Node, the modules, PGlite's WASM and the data directory.
  const readyMs = performance.now();
  const rssReady = process.memoryUsage().rss;
  const out: Record<string, number> = { readyMs, rssReady };
  if (load) {
    const [app] = await decidableApplications(engine, 1);
    const db = database.kysely;
    // Rows of the engine's size: its own history payload of an APPROVE (as bench/transitions.ts).
    const sample = await db.selectFrom('pw_history').select('payload').where('entity_id', '=', app!.id).where('event_type', '=', 'APPROVE').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const payload = JSON.stringify(sample.payload);
    const target = async (): Promise<DecisionTarget> => {
      const row = await db.selectFrom('pw_applications').select(['version', 'state', 'context', 'submitted_at']).where('id', '=', app!.id).executeTakeFirstOrThrow();
      return { id: app!.id, version: row.version, state: row.state, context: JSON.stringify(row.context), submittedAt: row.submitted_at };
    };
    const engineRates: number[] = [];
    const bareRates: number[] = [];
    const ownRates: number[] = [];
    for (let round = 0; round < 3; round++) {
      let step = 0;
      const n = await runFor(2, seconds, async () => {
        await engine.workflows.application.send(app!.id, { type: step++ % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' }, unitActor(app!.institutionId));
      });
      engineRates.push(n / seconds);
      // The baseline: BEGIN; UPDATE … version; INSERT history; COMMIT, rows of the engine's size.
      const bare = await target();
      const m = await runFor(2, seconds, async () => {
        await db.transaction().execute(async (trx) => {
          const event = step++ % 2 === 0 ? 'REJECT' : 'APPROVE';
          const to = event === 'REJECT' ? 'unitReview.rejected' : 'unitReview.approved';
          const now = new Date();
          const { rows } = await sql<{ version: number }>`update pw_applications set state = ${to}, context = ${bare.context}, version = version + 1,
            updated_at = ${now}, note = '基准测试', red_count = 0 where id = ${app!.id} returning version`.execute(trx);
          const version = rows[0]!.version;
          const result = JSON.stringify({ id: app!.id, workflow: 'application', event, from: null, state: to, version, at: now.toISOString(), replayed: false });
          await sql`insert into pw_history (entity_type, entity_id, seq, from_state, to_state, event_type, payload, actor_role, result, created_at)
            values ('application', ${app!.id}, ${version}, null, ${to}, ${event}, ${payload}, 'business', ${result}, ${now})`.execute(trx);
        });
      });
      bareRates.push(m / seconds);
      // The engine's own statements on the same PGlite: the lock with the guards' reads, the one write.
      const own = await target();
      const k = await runFor(2, seconds, async () => {
        await db.transaction().execute(async (trx) => {
          const event = step++ % 2 === 0 ? 'REJECT' : 'APPROVE';
          const to = event === 'REJECT' ? 'unitReview.rejected' : 'unitReview.approved';
          const { rows } = await trx.executeQuery<{ version: number; state: string }>(CompiledQuery.raw(lockStatement('pw_applications', lockedIndicatorInputs()), [app!.id]));
          own.version = rows[0]!.version;
          own.state = rows[0]!.state;
          const { text, params } = engineWrite(own, event, to, payload, new Date());
          await trx.executeQuery(CompiledQuery.raw(text, params));
        });
      });
      ownRates.push(k / seconds);
    }
    out.own = median(ownRates);
    out.engine = median(engineRates);
    out.bare = median(bareRates);
    out.rssLoaded = process.memoryUsage().rss;
    out.peakRss = process.resourceUsage().maxRSS * 1024;
  }
  await engine.close();
  await database.close();
  process.send!(out);
}

async function main(): Promise<void> {
  const args = benchArgs();
  const seconds = Number(args.get('seconds') ?? 5);
  const mode = args.get('mode');
  const dir = args.get('dir');
  if (mode === 'prepare') return prepare(String(dir), Number(args.get('physicians') ?? 100_000));
  if (mode === 'start') return start(String(dir), seconds, false);
  if (mode === 'load') return start(String(dir), seconds, true);

  await reportLoad();
  const root = await mkdtemp(join(tmpdir(), 'pw-bench-embedded-'));
  const dataDir = join(root, 'pgdata');
  try {
    log('embedded: preparing a data directory …');
    const prepared = await child<{ inserted: number }>('prepare', dataDir);
    const starts: { readyMs: number; rssReady: number }[] = [];
    for (let i = 0; i < 3; i++) {
      starts.push(await child('start', dataDir));
      log(`  start ${i + 1}: ready in ${Math.round(starts[i]!.readyMs)} ms`);
    }
    log('embedded: transitions …');
    const loaded = await child<{ readyMs: number; rssReady: number; engine: number; bare: number; own: number; rssLoaded: number; peakRss: number }>('load', dataDir);
    const ready = median(starts.map((s) => s.readyMs));
    console.log(`\n### Embedded database (PGlite; demo data and ${prepared.inserted.toLocaleString('en-US')} registry rows)\n`);
    console.log(
      table(
        ['what', 'figure'],
        [
          ['start-up on the existing data directory, process start → engine ready (median of 3)', `${(ready / 1000).toFixed(2)} s (runs: ${starts.map((s) => (s.readyMs / 1000).toFixed(2)).join(', ')}; target ≤ 3 s ${ready <= 3000 ? 'met' : 'NOT met'})`],
          ['RSS when ready', mb(median(starts.map((s) => s.rssReady)))],
          ['bare SQL on the same PGlite: BEGIN; UPDATE; INSERT history; COMMIT, rows of the engine\'s size (2 callers)', `${Math.round(loaded.bare)} /s`],
          [
            "bare SQL on the same PGlite: the engine's own statements (BEGIN; lock + guards' reads; one write; COMMIT)",
            `${Math.round(loaded.own)} /s (${(loaded.own / loaded.bare).toFixed(2)} of bare: the database's share of the gap)`,
          ],
          [
            'engine: workflows.application.send REJECT/APPROVE (2 callers)',
            `${Math.round(loaded.engine)} /s (${(loaded.engine / loaded.bare).toFixed(2)} of bare; ${(loaded.engine / loaded.own).toFixed(2)} of its own statements)`,
          ],
          ['RSS after the transitions / peak', `${mb(loaded.rssLoaded)} / ${mb(loaded.peakRss)}`],
        ],
      ),
    );
    ratioLine('embedded/bare', loaded.engine / loaded.bare, 0.5);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
