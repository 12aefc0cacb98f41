/**
 * Issue 9 item 1: races over real sockets. Concurrent conflicting decisions
 * on one application, and batch reports, decisions and the deadline sweep
 * racing over many, must leave every application in one valid state with a
 * gap-free history that agrees with every answer the clients received.
 */
import t from 'tap';
import { sql } from 'kysely';
import {
  decision,
  enterApplications,
  historyProblems,
  inParallel,
  listeningDemoServer,
  loginTo,
  openProjectId,
  request,
} from '../helpers/processes.js';

// Real processes and hundreds of requests on two shared cores: allow more than the suite's default 120 s.
t.setTimeout(300_000);

const figures: Record<string, unknown> = {};
t.teardown(() => t.comment(`figures ${JSON.stringify(figures)}`));
// One demo server for the file; each test works on applications of its own.
const { url, engine } = await listeningDemoServer(t);
const unit = await loginTo(url, 'WS-00000-034-19');
const projectId = await openProjectId(url, unit);

t.test('200 concurrent conflicting decisions with one expectedVersion: exactly one is accepted per version, the rest get VERSION_CONFLICT', async (t) => {
  const [id] = await enterApplications(url, unit, projectId, 1, 0);
  const accepted: { version: number; type: string; state: string }[] = [];
  let conflicts = 0;
  let requests = 0;
  for (let version = 1; version <= 3; version++) {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        request(`${url}/api/v1/applications/${id}/events`, { body: { ...decision(n), expectedVersion: version }, headers: unit }),
      ),
    );
    requests += answers.length;
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    t.equal(ok.length, 1, `version ${version}: exactly one of 200 accepted`);
    t.same(
      [...new Set(refused.map((a) => `${a.status} ${a.body?.error?.code}`))],
      ['409 VERSION_CONFLICT'],
      `version ${version}: the other ${refused.length} got 409 VERSION_CONFLICT`,
    );
    conflicts += refused.length;
    accepted.push({ version: ok[0]!.body.version, type: ok[0]!.body.history.at(-1).event, state: ok[0]!.body.state });
    t.equal(ok[0]!.body.version, version + 1, 'the accepted one moved the version by one');
  }
  const history = await engine.db.selectFrom('pw_history').selectAll().where('entity_id', '=', id!).orderBy('seq').execute();
  t.same(
    history.slice(1).map((h) => ({ version: h.seq, type: h.event_type, state: h.to_state })),
    accepted,
    'the history holds exactly the accepted decisions, in order',
  );
  t.same(await historyProblems(engine.db), [], 'every entity agrees with its history');
  figures.oneVersion = { requests, accepted: accepted.length, conflicts };
});

t.test('200 concurrent decisions without expectedVersion are serialised: each accepted one is a history row with its own version', async (t) => {
  const [id] = await enterApplications(url, unit, projectId, 1, 1);
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, n) => request(`${url}/api/v1/applications/${id}/events`, { body: decision(n), headers: unit })),
  );
  const statuses = [...new Set(answers.map((a) => a.status))];
  t.same(statuses, [200], 'decisions are re-editable, so every one is a valid later transition');
  const history = await engine.db.selectFrom('pw_history').select(['seq', 'to_state']).where('entity_id', '=', id!).orderBy('seq').execute();
  t.equal(history.length, 201, 'one history row per accepted decision plus the creation: versions 2…201');
  // The answer is the detail read after the commit, so it may already show a later decision; it must be one the history holds.
  const inconsistent = answers.filter((a) => history[(a.body.version as number) - 1]?.to_state !== a.body.state);
  t.same(inconsistent.length, 0, 'every answer shows a (version, state) pair the history holds');
  t.same(await historyProblems(engine.db), [], 'history gap-free and consistent with the row');
  figures.serialised = { requests: answers.length, accepted: answers.length };
});

t.test('batch reports, decisions and deadline sweeps racing over 40 applications leave each in one valid state with a gap-free history', async (t) => {
  const secondUnitSession = await loginTo(url, 'WS-00000-034-19');
  const district = await loginTo(url, 'wuhan');
  const ids = await enterApplications(url, unit, projectId, 40, 100);
  // Half approved up front so the first batch report has something to report.
  await inParallel(20, 8, (i) => request(`${url}/api/v1/applications/${ids[i]}/events`, { body: decision(0), headers: unit }));
  // Every third application is past its deadline: the sweep closes it while decisions race with it.
  const overdue = ids.filter((_, i) => i % 3 === 0);
  await engine.db.updateTable('pw_applications').set({ due_at: new Date(Date.now() - 60_000) }).where('id', 'in', overdue).execute();

  const raceStart = new Date();
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  let reported = 0;
  let swept = 0;
  const decisions = (session: { authorization: string }, offset: number) =>
    inParallel(240, 6, async (n) => {
      const id = ids[(n * 7 + offset) % ids.length]!;
      const body = n % 10 === 9 ? { type: 'DISTRICT_APPROVE' } : decision(n + offset);
      const res = await request(`${url}/api/v1/applications/${id}/events`, { body, headers: n % 10 === 9 ? district : session });
      count(`${res.status} ${res.body?.error?.code ?? 'ok'}`);
    });
  const reports = inParallel(6, 3, async () => {
    const res = await request(`${url}/api/v1/projects/${projectId}/report`, { method: 'POST', headers: unit });
    count(`report ${res.status}`);
    if (res.status === 200) reported += (res.body.reported as number) + (res.body.rejectedByUnit as number);
  });
  const sweeps = inParallel(4, 2, async () => {
    const result = await engine.sweepDeadlines();
    t.comment(`sweep ${JSON.stringify(result)}`);
    swept += result.closed;
  });
  await Promise.all([decisions(unit, 0), decisions(secondUnitSession, 3), reports, sweeps]);
  swept += (await engine.sweepDeadlines()).closed;

  for (const [key, n] of statuses) {
    t.ok(/^(200|409 (VERSION_CONFLICT|INVALID_TRANSITION)|422 DEADLINE_PASSED|report 200)/.test(key) || key.startsWith('403 FORBIDDEN'), `${n}× ${key}`);
  }
  t.notOk([...statuses.keys()].some((k) => /\b5\d\d\b/.test(k)), 'no 5xx');
  t.same(await historyProblems(engine.db), [], 'every application: one valid state, history gap-free and ending in that state');

  const rows = await engine.db.selectFrom('pw_applications').select(['id', 'open', 'state']).where('id', 'in', ids).execute();
  const stillOpen = rows.filter((r) => overdue.includes(r.id) && r.open);
  t.same(stillOpen, [], 'every overdue application was closed');
  const closes = await engine.db
    .selectFrom('pw_history')
    .select(['entity_id', sql<number>`count(*)::int`.as('n')])
    .where('event_type', '=', 'CLOSE')
    .where('entity_id', 'in', ids)
    .groupBy('entity_id')
    .execute();
  t.ok(
    closes.every((c) => c.n === 1),
    'no application was closed twice',
  );
  t.equal(swept, closes.length, 'the sweeps report exactly the CLOSE rows written');
  // The batches also report the seed's own decided applications of the project.
  const reports2 = await engine.db
    .selectFrom('pw_history')
    .select(['entity_id', sql<number>`count(*)::int`.as('n')])
    .where('event_type', '=', 'REPORT')
    .where('created_at', '>=', raceStart)
    .groupBy('entity_id')
    .execute();
  t.ok(
    reports2.every((r) => r.n === 1),
    'no application was reported twice by the racing batches',
  );
  t.equal(reported, reports2.length, 'the batches report exactly the REPORT rows written');
  const transitions = Number(
    (await engine.db.selectFrom('pw_history').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', 'in', ids).executeTakeFirstOrThrow()).n,
  );
  figures.mixed = {
    applications: ids.length,
    requests: [...statuses.values()].reduce((a, b) => a + b, 0),
    outcomes: Object.fromEntries(statuses),
    reported,
    swept,
    transitionsVerified: transitions,
  };
});
