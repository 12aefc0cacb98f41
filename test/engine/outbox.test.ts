import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOutboxDispatcher } from '../../src/engine/outbox.js';
import type { Notification } from '../../src/ports/notifier.js';
import { testEngine } from '../helpers/engine.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function queue(engine: Awaited<ReturnType<typeof testEngine>>['engine'], count: number, createdAt: Date) {
  await engine.db
    .insertInto('pw_outbox')
    .values(Array.from({ length: count }, (_, i) => ({ topic: 'test.notice', payload: JSON.stringify({ n: i }), created_at: createdAt })))
    .execute();
}

t.test('two dispatchers on one database deliver every notification exactly once', async (t) => {
  const { engine, clock } = await testEngine(t);
  await queue(engine, 60, clock.now());
  const delivered: number[] = [];
  // A slow gateway widens the window in which two processes could pick the same row.
  const notifier = { deliver: async (n: Notification) => { await sleep(2); delivered.push(n.id); } };
  const a = createOutboxDispatcher({ db: engine.db, notifier, clock, logger: quiet });
  const b = createOutboxDispatcher({ db: engine.db, notifier, clock, logger: quiet });
  const counts = await Promise.all([a.dispatch(20), b.dispatch(20), a.dispatch(20), b.dispatch(20), a.dispatch(20)]);
  t.equal(counts.reduce((x, y) => x + y, 0), 60, 'the dispatchers together delivered 60');
  t.equal(delivered.length, 60, 'no notification was handed to the notifier twice');
  t.equal(new Set(delivered).size, 60);
  const pending = await engine.db.selectFrom('pw_outbox').select('id').where('dispatched_at', 'is', null).execute();
  t.equal(pending.length, 0, 'every row is marked dispatched');
});

t.test('a row claimed by a process that died is delivered once its lease runs out', async (t) => {
  const { engine, clock } = await testEngine(t);
  await queue(engine, 1, clock.now());
  // The dead process claimed the row and never came back.
  await engine.db.updateTable('pw_outbox').set({ claimed_until: new Date(clock.now().getTime() + 5 * 60_000) }).execute();
  const delivered: number[] = [];
  const outbox = createOutboxDispatcher({ db: engine.db, notifier: { deliver: async (n) => void delivered.push(n.id) }, clock, logger: quiet });
  t.equal(await outbox.dispatch(), 0, 'a row under another claim is left alone');
  clock.advance(5 * 60_000 + 1);
  t.equal(await outbox.dispatch(), 1, 'after the lease it is delivered');
  t.equal(delivered.length, 1);
  const row = await engine.db.selectFrom('pw_outbox').selectAll().executeTakeFirstOrThrow();
  t.ok(row.dispatched_at, 'marked dispatched');
  t.equal(row.claimed_until, null, 'the claim is released');
});
