/**
 * Issue 9 item 2: crashes. The bundled server runs as a real process under
 * sustained load (decisions and registrations with file uploads) and is
 * killed with SIGKILL several times, then restarted on the same data. Every
 * transition whose answer reached the client must be there, nothing may be
 * half-written (each entity's state = its last history row, gap-free; no
 * attachment row without its file, no file without its row) and every
 * restart must come up cleanly by itself.
 *
 * Runs on the database of the suite run: the embedded database (DATA_DIR)
 * when DATABASE_URL is unset, else real PostgreSQL in a schema of its own.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { openDatabase } from '../../src/persistence/database.js';
import { createFileStorage } from '../../src/storage/file-storage.js';
import {
  attachmentProblems,
  decision,
  enterApplications,
  historyProblems,
  loginTo,
  openProjectId,
  registration,
  request,
  requireBuild,
  startServer,
  waitUntil,
  type ServerProcess,
} from '../helpers/processes.js';

// Real processes and hundreds of requests on two shared cores: allow more than the suite's default 120 s.
t.setTimeout(300_000 * Math.max(1, Number(process.env.PW_RELIABILITY_SCALE) || 1));

requireBuild();
/** PW_RELIABILITY_SCALE=n: n times the kills (3 by default), for a longer run by hand. */
const scale = Math.max(1, Number(process.env.PW_RELIABILITY_SCALE) || 1);
const url = process.env.DATABASE_URL || undefined;
const mode = url ? 'postgres' : 'embedded';
const schema = `rel_crash_${process.pid}_${randomBytes(3).toString('hex')}`;
const dataDir = await mkdtemp(join(tmpdir(), 'pw-crash-'));
t.teardown(() => rm(dataDir, { recursive: true, force: true }));
const env: Record<string, string> = {
  DATA_DIR: dataDir,
  DEMO: '1',
  LOG_LEVEL: 'info',
  // One process owns this directory: orphans of a killed one can go at once.
  FILES_ORPHAN_GRACE_SECONDS: '0',
  ...(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema } : {}),
};
/** The server's database, opened by the test while the server is down (embedded) or beside it (PostgreSQL). */
const openServerDatabase = () => (url ? openDatabase({ url, schema, maxConnections: 2 }) : openDatabase({ dataDir: join(dataDir, 'pgdata') }));
if (url) {
  t.teardown(async () => {
    const database = await openDatabase({ url, maxConnections: 1 });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.kysely);
    await database.close();
  });
}

t.test('the orphan cleanup removes what a killed process left (unreferenced files, partial uploads) and keeps everything still in use', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'pw-orphans-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const pdf = (tag: string) => Readable.from([Buffer.from(`%PDF-1.4\n% ${tag}\n%%EOF\n`)]);
  // What a killed process left: two stored files (one with a row, one without) and a partial upload.
  const killed = createFileStorage(root);
  const referenced = await killed.put(pdf('row'), { maxBytes: 1 << 20 });
  const orphan = await killed.put(pdf('orphan'), { maxBytes: 1 << 20 });
  await mkdir(join(root, 'tmp'), { recursive: true });
  await writeFile(join(root, 'tmp', 'cut-off.part'), '%PDF-1.4 half');
  const rows = new Set([referenced.key]);
  const isReferenced = async (keys: string[]) => new Set(keys.filter((k) => rows.has(k)));

  const withGrace = createFileStorage(root, { orphanGraceMs: 60_000 });
  t.same(await withGrace.removeOrphans!(isReferenced), { files: 0, partials: 0 }, 'within the grace period nothing is removed');
  // Seconds pass before the restart.
  const earlier = new Date(Date.now() - 5000);
  await utimes(join(root, 'sha256', orphan.sha256.slice(0, 2), orphan.sha256.slice(2, 4), orphan.sha256), earlier, earlier);
  await utimes(join(root, 'tmp', 'cut-off.part'), earlier, earlier);
  const restarted = createFileStorage(root, { orphanGraceMs: 0 });
  // A file this process stored for a request that has not committed yet.
  const pending = await restarted.put(pdf('pending'), { maxBytes: 1 << 20 });
  const old = new Date(Date.now() - 3_600_000);
  await utimes(join(root, 'sha256', pending.sha256.slice(0, 2), pending.sha256.slice(2, 4), pending.sha256), old, old);
  t.same(await restarted.removeOrphans!(isReferenced), { files: 1, partials: 1 }, 'the orphan file and the partial upload are removed');
  t.same(
    await attachmentProblemsOf(root, [referenced.key, pending.key]),
    [],
    'the referenced file and the one this process is about to commit stay; the orphan is gone',
  );
  await t.rejects(restarted.get(orphan.key), { code: 'NOT_FOUND' });
});

/** Stored files other than `keys`, and any file outside sha256/ (a partial upload). */
async function attachmentProblemsOf(root: string, keys: string[]): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const expected = keys.map((k) => join(root, 'sha256', k.slice(7, 9), k.slice(9, 11), k.slice(7)));
  return [...files.filter((f) => !expected.includes(f)).map((f) => `unexpected ${f}`), ...expected.filter((f) => !files.includes(f)).map((f) => `missing ${f}`)];
}

t.test(`SIGKILL under load on the ${mode} database loses no acknowledged transition and leaves nothing half-written`, async (t) => {
  const kills = 3 * scale;
  let server: ServerProcess = await startServer(env, { readyTimeoutMs: 120_000 });
  t.teardown(() => server.kill());
  let unit = await loginTo(server.url, 'WS-00000-034-19');
  const projectId = await openProjectId(server.url, unit);
  const ids = await enterApplications(server.url, unit, projectId, 24, 0, 4);

  const acknowledged: { id: string; key: string }[] = [];
  const registered: string[] = [];
  let attempted = 0;
  let cutOff = 0;
  const restartMs: number[] = [];
  const restartErrors: string[] = [];
  let orphansRemoved = 0;
  /** Reads a server's log when its run ends: errors, and what the orphan cleanup removed. */
  const collectLogs = (process: ServerProcess) => {
    for (const line of process.logs()) {
      if (Number(line.level) >= 50) restartErrors.push(JSON.stringify(line));
      if (line.msg === 'orphan files removed') orphansRemoved += Number(line.files) + Number(line.partials);
    }
  };

  for (let cycle = 0; cycle <= kills; cycle++) {
    let running = true;
    const base = server.url;
    const session = unit;
    const decide = async (w: number) => {
      for (let n = 0; running; n++) {
        const id = ids[(w * 5 + n) % ids.length]!;
        const key = `crash-${cycle}-${w}-${n}`;
        attempted++;
        try {
          const res = await request(`${base}/api/v1/applications/${id}/events`, { body: decision(n + w), headers: { ...session, 'idempotency-key': key } });
          if (res.status === 200) acknowledged.push({ id, key });
          else if (res.status >= 500) t.fail(`decision answered ${res.status} ${JSON.stringify(res.body)}`);
        } catch {
          cutOff++;
          return;
        }
      }
    };
    const upload = async (w: number) => {
      for (let n = 0; running; n++) {
        const { body, headers } = registration(100_000 * (cycle + 1) + 1000 * w + n);
        attempted++;
        try {
          const res = await fetch(`${base}/api/v1/institution-registrations`, { method: 'POST', body, headers, signal: AbortSignal.timeout(30_000) });
          const answer = (await res.json()) as { id?: string };
          if (res.status === 201) registered.push(answer.id!);
          else t.fail(`registration answered ${res.status} ${JSON.stringify(answer)}`);
        } catch {
          cutOff++;
          return;
        }
      }
    };
    const load = Promise.all([...Array.from({ length: 6 }, (_, w) => decide(w)), ...Array.from({ length: 2 }, (_, w) => upload(w))]);
    // Killed at a random moment (after a random number of acknowledged decisions, not a
    // fixed time), so the kill lands in different phases of the requests.
    const target = acknowledged.length + 30 + Math.floor(Math.random() * 60);
    const registrationsTarget = registered.length + 3;
    t.ok(
      await waitUntil(() => acknowledged.length >= target && registered.length >= registrationsTarget, { timeoutMs: 120_000 }),
      `cycle ${cycle}: decisions and uploads under way before the kill`,
    );
    if (cycle === kills) {
      running = false;
      await load;
      break;
    }
    await server.kill();
    collectLogs(server);
    running = false;
    await load;
    const started = performance.now();
    server = await startServer(env, { readyTimeoutMs: 120_000 });
    restartMs.push(Math.round(performance.now() - started));
    unit = await loginTo(server.url, 'WS-00000-034-19');
  }
  const stopped = await server.stop();
  // The last process's logs once it has stopped: its background cleanup has run or logged by then.
  collectLogs(server);
  t.same(restartErrors, [], `${kills} restarts after SIGKILL logged no error`);
  t.equal(stopped.code, 0, 'the last run shut down cleanly');

  const database = await openServerDatabase();
  t.teardown(() => database.close());
  const db = database.kysely;
  const keys = new Map<string, string>();
  for (let i = 0; i < acknowledged.length; i += 1000) {
    const chunk = acknowledged.slice(i, i + 1000);
    const rows = await db
      .selectFrom('pw_history')
      .select(['entity_id', 'idempotency_key'])
      .where(
        'idempotency_key',
        'in',
        chunk.map((a) => a.key),
      )
      .execute();
    for (const row of rows) keys.set(row.idempotency_key!, row.entity_id);
  }
  const lost = acknowledged.filter((a) => keys.get(a.key) !== a.id);
  t.same(lost.slice(0, 10), [], `all ${acknowledged.length} acknowledged decisions are in the history`);
  const institutions = registered.length
    ? await db.selectFrom('pw_institutions').select('id').where('id', 'in', registered).execute()
    : [];
  t.equal(institutions.length, registered.length, `all ${registered.length} acknowledged registrations exist`);
  const withFiles = registered.length
    ? await db
        .selectFrom('pw_attachments')
        .select(['owner_id', sql<number>`count(*)::int`.as('n')])
        .where('owner_id', 'in', registered)
        .where('superseded_at', 'is', null)
        .groupBy('owner_id')
        .execute()
    : [];
  t.ok(
    withFiles.length === registered.length && withFiles.every((r) => r.n === 2),
    'each acknowledged registration has its two attachments',
  );
  t.same(await historyProblems(db), [], 'every entity: state = last history row, history gap-free');
  t.same(await attachmentProblems(db, join(dataDir, 'files')), [], 'no attachment row without its file, no file or partial upload without a row');
  const transitions = Number((await db.selectFrom('pw_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  t.comment(
    `figures ${JSON.stringify({
      mode,
      kills,
      requestsTried: attempted,
      cutOffByKill: cutOff,
      decisionsAcknowledged: acknowledged.length,
      registrationsAcknowledged: registered.length,
      historyRowsVerified: transitions,
      orphansRemovedOnRestart: orphansRemoved,
      restartMs,
    })}`,
  );
});
