/**
 * Issue 9 item 4: retries. Clients that retry — sequentially or with
 * concurrent duplicates of one request — and reuse the Idempotency-Key get
 * exactly one transition per key and the same answer every time.
 */
import t from 'tap';
import { sql } from 'kysely';
import { decision, directEntry, enterApplications, inParallel, listeningDemoServer, loginTo, openProjectId, request } from '../helpers/processes.js';

// Real processes and hundreds of requests on two shared cores: allow more than the suite's default 120 s.
t.setTimeout(300_000);

const figures: Record<string, unknown> = {};
t.teardown(() => t.comment(`figures ${JSON.stringify(figures)}`));
const { url, engine } = await listeningDemoServer(t);
const unit = await loginTo(url, 'WS-00000-034-19');
const projectId = await openProjectId(url, unit);

/** How many history rows carry this key. */
const rowsWithKey = async (key: string) =>
  Number(
    (await engine.db.selectFrom('pw_history').select((eb) => eb.fn.countAll<number>().as('n')).where('idempotency_key', '=', key).executeTakeFirstOrThrow()).n,
  );

t.test('900 event requests, 20 concurrent duplicates for each of 45 Idempotency-Keys: one transition per key and identical answers', async (t) => {
  const ids = await enterApplications(url, unit, projectId, 45, 300);
  const keys = ids.map((_, k) => `retry-event-${k}-${Date.now()}`);
  // Duplicates of one key are sent together; keys are interleaved so their duplicates overlap in the pool too.
  const order = Array.from({ length: 900 }, (_, i) => ({ k: i % 45, copy: Math.floor(i / 45) }));
  const answers = await inParallel(order.length, 100, async (i) => {
    const { k } = order[i]!;
    const res = await request(`${url}/api/v1/applications/${ids[k]}/events`, {
      body: decision(k),
      headers: { ...unit, 'idempotency-key': keys[k]! },
    });
    return { k, ...res };
  });
  t.same([...new Set(answers.map((a) => a.status))], [200], 'every duplicate answered 200');
  let differing = 0;
  for (let k = 0; k < 45; k++) {
    const bodies = answers.filter((a) => a.k === k).map((a) => JSON.stringify(a.body));
    if (new Set(bodies).size !== 1) differing++;
  }
  t.equal(differing, 0, 'the 20 answers of each key are identical');
  const perKey = await Promise.all(keys.map(rowsWithKey));
  t.same([...new Set(perKey)], [1], 'exactly one history row per key');
  const versions = await engine.db.selectFrom('pw_applications').select('version').where('id', 'in', ids).execute();
  t.same([...new Set(versions.map((v) => v.version))], [2], 'each application moved once: creation + one decision');

  const later = await request(`${url}/api/v1/applications/${ids[0]}/events`, { body: decision(0), headers: { ...unit, 'idempotency-key': keys[0]! } });
  t.same(later.body, answers.find((a) => a.k === 0)!.body, 'a retry long after the first answer gets the same answer');
  const reused = await request(`${url}/api/v1/applications/${ids[0]}/events`, {
    body: decision(1),
    headers: { ...unit, 'idempotency-key': keys[0]! },
  });
  t.equal(reused.status, 422, 'the key reused for another event is refused');
  t.equal(reused.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
  t.equal(await rowsWithKey(keys[0]!), 1, 'and appends nothing');
  figures.events = { requests: answers.length + 2, keys: keys.length, transitions: perKey.reduce((a, b) => a + b, 0) };
});

t.test('100 creation requests, 10 concurrent duplicates for each of 10 Idempotency-Keys: one application per key and identical answers', async (t) => {
  const keys = Array.from({ length: 10 }, (_, k) => `retry-create-${k}-${Date.now()}`);
  const before = Number(
    (await engine.db.selectFrom('pw_applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const order = Array.from({ length: 100 }, (_, i) => ({ k: i % 10 }));
  const answers = await inParallel(order.length, 100, async (i) => {
    const { k } = order[i]!;
    const res = await request(`${url}/api/v1/projects/${projectId}/applications`, {
      body: directEntry(500 + k),
      headers: { ...unit, 'idempotency-key': keys[k]! },
    });
    return { k, ...res };
  });
  const statuses = new Map<string, number>();
  for (const a of answers) statuses.set(`${a.status} ${a.body?.error?.code ?? ''}`.trim(), (statuses.get(`${a.status} ${a.body?.error?.code ?? ''}`.trim()) ?? 0) + 1);
  t.same(Object.fromEntries(statuses), { '201': 100 }, 'every duplicate answered 201 (none ALREADY_APPLIED, none 5xx)');
  let differing = 0;
  for (let k = 0; k < 10; k++) {
    const bodies = answers.filter((a) => a.k === k).map((a) => JSON.stringify(a.body));
    if (new Set(bodies).size !== 1) differing++;
  }
  t.equal(differing, 0, 'the 10 answers of each key are identical (same application id)');
  const after = Number(
    (await engine.db.selectFrom('pw_applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  t.equal(after - before, 10, 'exactly one application per key');
  const perKey = await Promise.all(keys.map(rowsWithKey));
  t.same([...new Set(perKey)], [1], 'exactly one CREATE history row per key');
  figures.creates = { requests: answers.length, keys: keys.length, transitions: perKey.reduce((a, b) => a + b, 0) };
});

t.test('a retried batch report with its key reports each application once', async (t) => {
  const ids = await enterApplications(url, unit, projectId, 10, 600);
  await inParallel(ids.length, 5, (i) => request(`${url}/api/v1/applications/${ids[i]}/events`, { body: decision(i * 3), headers: unit }));
  const key = `retry-report-${Date.now()}`;
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => request(`${url}/api/v1/projects/${projectId}/report`, { method: 'POST', headers: { ...unit, 'idempotency-key': key } })),
  );
  t.same([...new Set(answers.map((a) => a.status))], [200], 'every retry answered 200');
  const reported = await engine.db
    .selectFrom('pw_history')
    .select(['entity_id', sql<number>`count(*)::int`.as('n')])
    .where('event_type', '=', 'REPORT')
    .where('idempotency_key', '=', key)
    .groupBy('entity_id')
    .execute();
  t.ok(reported.length >= ids.length, 'every approved application of the batch was reported');
  t.same([...new Set(reported.map((r) => r.n))], [1], 'none twice');
  figures.report = { requests: answers.length, reported: reported.length };
});
