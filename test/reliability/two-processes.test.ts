/**
 * Issue 9 item 9: two bundled server processes on one PostgreSQL (a private
 * cluster of this test). Decisions split across both stay consistent, a
 * session opened on one works on the other, and the deadline sweep — which
 * both run every second — closes each overdue application exactly once,
 * one process at a time (advisory lock).
 */
import t from 'tap';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createEngine } from '../../src/create-engine.js';
import { lockName } from '../../src/engine/deadline-sweep.js';
import { openDatabase } from '../../src/persistence/database.js';
import { createFileStorage } from '../../src/storage/file-storage.js';
import {
  decision,
  enterApplications,
  historyProblems,
  loginTo,
  openProjectId,
  privateClusterSetup,
  request,
  sleep,
  startServer,
  waitUntil,
} from '../helpers/processes.js';

// Real processes and hundreds of requests on two shared cores: allow more than the suite's default 120 s.
t.setTimeout(300_000);

const setup = await privateClusterSetup(t, 'two-process tests', 'pw-two-');
if (setup) {
  const { postgres, dataDir, figures } = setup;
  const env = { DATABASE_URL: postgres.url, DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'info', SWEEP_INTERVAL_SECONDS: '1' };
  // The first seeds the empty database; the second finds it seeded.
  const a = await startServer(env);
  t.teardown(() => a.stop());
  const b = await startServer(env);
  t.teardown(() => b.stop());
  const database = await openDatabase({ url: postgres.url, maxConnections: 3 });
  t.teardown(() => database.close());
  const db = database.kysely;

  t.test('a session opened on one process works on the other, and ending it there ends it on both', async (t) => {
    const session = await loginTo(a.url, 'WS-00000-034-19');
    const onA = await request(`${a.url}/api/v1/me`, { headers: session });
    const onB = await request(`${b.url}/api/v1/me`, { headers: session });
    t.equal(onA.status, 200);
    t.equal(onB.status, 200, 'the token from A is accepted by B');
    t.same(onB.body, onA.body, 'both see the same account');
    const logout = await request(`${b.url}/api/v1/sessions/current`, { method: 'DELETE', headers: session });
    t.ok(logout.status === 204 || logout.status === 200, 'logged out on B');
    const afterwards = await request(`${a.url}/api/v1/me`, { headers: session });
    t.equal(afterwards.status, 401, 'A no longer accepts the token');
  });

  t.test('decisions alternated between the processes with expectedVersion, and racing on both, stay consistent', async (t) => {
    const unitA = await loginTo(a.url, 'WS-00000-034-19');
    const unitB = await loginTo(b.url, 'WS-00000-034-19');
    const projectId = await openProjectId(a.url, unitA);
    const ids = await enterApplications(a.url, unitA, projectId, 6, 0, 3);
    let alternated = 0;
    await Promise.all(
      ids.slice(0, 3).map(async (id, i) => {
        let version = 1;
        for (let n = 0; n < 20; n++) {
          const [url, session] = n % 2 === 0 ? [a.url, unitA] : [b.url, unitB];
          const res = await request(`${url}/api/v1/applications/${id}/events`, { body: { ...decision(n + i), expectedVersion: version }, headers: session });
          if (res.status !== 200) t.fail(`decision ${n} on ${n % 2 ? 'B' : 'A'}: ${res.status} ${JSON.stringify(res.body)}`);
          version = res.body.version;
          alternated++;
        }
        t.equal(version, 21, `application ${i}: 20 decisions, each on the version the other process left`);
      }),
    );
    let conflicts = 0;
    let accepted = 0;
    for (const id of ids.slice(3)) {
      for (let version = 1; version <= 3; version++) {
        const answers = await Promise.all(
          Array.from({ length: 40 }, (_, n) => {
            const [url, session] = n % 2 === 0 ? [a.url, unitA] : [b.url, unitB];
            return request(`${url}/api/v1/applications/${id}/events`, { body: { ...decision(n), expectedVersion: version }, headers: session });
          }),
        );
        const ok = answers.filter((x) => x.status === 200).length;
        const conflict = answers.filter((x) => x.status === 409 && x.body.error.code === 'VERSION_CONFLICT').length;
        t.equal(ok, 1, `exactly one of 40 (20 per process) accepted at version ${version}`);
        t.equal(conflict, 39, 'the others VERSION_CONFLICT');
        accepted += ok;
        conflicts += conflict;
      }
    }
    t.same(await historyProblems(db), [], 'every entity agrees with its gap-free history');
    figures.decisions = { alternated, racing: accepted + conflicts, accepted, conflicts };
  });

  t.test('both processes sweep every second, yet each overdue application is closed exactly once', async (t) => {
    const unit = await loginTo(a.url, 'WS-00000-034-19');
    const projectId = await openProjectId(a.url, unit);
    const ids = await enterApplications(b.url, unit, projectId, 30, 100, 4);
    await db.updateTable('pw_applications').set({ due_at: new Date(Date.now() - 1000) }).where('id', 'in', ids).execute();
    let open = ids.length;
    for (const started = Date.now(); open > 0 && Date.now() - started < 120_000; await sleep(250)) {
      open = Number(
        (await db.selectFrom('pw_applications').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', ids).where('open', '=', true).executeTakeFirstOrThrow()).n,
      );
    }
    t.equal(open, 0, 'every overdue application was closed');
    const closes = await db
      .selectFrom('pw_history')
      .select(['entity_id', sql<number>`count(*)::int`.as('n')])
      .where('event_type', '=', 'CLOSE')
      .where('entity_id', 'in', ids)
      .groupBy('entity_id')
      .execute();
    t.equal(closes.length, ids.length, 'one CLOSE row per application…');
    t.same([...new Set(closes.map((c) => c.n))], [1], '…and never two');
    const closedBy = (server: typeof a) =>
      server
        .logs()
        .filter((l) => l.msg === 'deadline sweep closed applications')
        .reduce((sum, l) => sum + Number(l.closed), 0);
    // A sweep logs after its commit: wait for the lines to arrive, not for a fixed time.
    await waitUntil(() => closedBy(a) + closedBy(b) >= ids.length, { timeoutMs: 60_000 });
    const byA = closedBy(a);
    const byB = closedBy(b);
    t.equal(byA + byB, ids.length, `the processes' own counts add up: A closed ${byA}, B closed ${byB}`);
    t.same(await historyProblems(db), [], 'histories consistent');
    figures.sweep = { overdue: ids.length, closedByA: byA, closedByB: byB };
  });

  t.test('a sweep finds the lock held by another process and skips the round, then sweeps once it is free', async (t) => {
    await a.stop();
    await b.stop();
    const engine = await createEngine({ db: database, storage: createFileStorage(join(dataDir, 'files')), migrate: false });
    t.teardown(() => engine.close());
    const other = await openDatabase({ url: postgres.url, maxConnections: 2 });
    t.teardown(() => other.close());
    const second = await createEngine({ db: other, storage: createFileStorage(join(dataDir, 'files')), migrate: false });
    t.teardown(() => second.close());
    const candidates = await db.selectFrom('pw_applications').select('id').where('open', '=', true).limit(6).execute();
    const ids = candidates.map((c) => c.id);
    t.equal(ids.length, 6, 'six open applications to close');
    await db.updateTable('pw_applications').set({ due_at: new Date(Date.now() - 1000) }).where('id', 'in', ids).execute();

    const holder = new pg.Client({ connectionString: postgres.url });
    await holder.connect();
    t.teardown(() => holder.end());
    await holder.query(`select pg_advisory_lock(hashtext(current_schema() || $1))`, [lockName]);
    t.same(await engine.sweepDeadlines(), { closed: 0, skipped: true }, 'while another session holds the lock the sweep skips');
    const stillOpen = await db.selectFrom('pw_applications').select('id').where('id', 'in', ids).where('open', '=', true).execute();
    t.equal(stillOpen.length, ids.length, 'and closes nothing');
    await holder.query(`select pg_advisory_unlock(hashtext(current_schema() || $1))`, [lockName]);

    const [first, racing] = await Promise.all([engine.sweepDeadlines(), second.sweepDeadlines()]);
    t.equal(first.closed + racing.closed, ids.length, `two engines sweeping at once closed ${first.closed} + ${racing.closed}`);
    const closes = await db
      .selectFrom('pw_history')
      .select(['entity_id', sql<number>`count(*)::int`.as('n')])
      .where('event_type', '=', 'CLOSE')
      .where('entity_id', 'in', ids)
      .groupBy('entity_id')
      .execute();
    t.same(
      closes.map((c) => c.n),
      ids.map(() => 1),
      'each exactly once',
    );
  });
}
