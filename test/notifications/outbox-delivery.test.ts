import t, { type Test } from 'tap';
import { createEngine } from '../../src/create-engine.js';
import { fixedClock } from '../../src/engine/clock.js';
import { retryDelayMs } from '../../src/engine/outbox.js';
import { createSmsNotifier } from '../../src/notifications/sms-notifier.js';
import { createWebhookSmsProvider, verifyWebhookSignature } from '../../src/notifications/webhook-sms.js';
import { queueSms, smsTopics } from '../../src/onboarding/sms.js';
import { listOutbox } from '../../src/onboarding/outbox-listing.js';
import { createFileStorage } from '../../src/storage/file-storage.js';
import { openTestDatabase } from '../helpers/database.js';
import { admin } from '../helpers/engine.js';
import { smsReceiver } from '../helpers/sms-receiver.js';

const secret = 'outbox-test-secret-0123456789';

/** An engine whose texts go to a local webhook receiver, with a clock the test moves. */
async function webhookWorld(t: Test, maxAttempts = 3) {
  const gateway = await smsReceiver(t);
  const database = await openTestDatabase(t);
  const clock = fixedClock('2026-03-01T08:00:00.000Z');
  const logged: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const log = (level: string) => (obj: Record<string, unknown>, msg: string) => logged.push({ level, obj, msg });
  const logger = { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') } as never;
  const engine = await createEngine({
    db: database,
    clock,
    logger,
    storage: createFileStorage(t.testdir()),
    notifier: createSmsNotifier({ db: database.kysely, provider: createWebhookSmsProvider({ url: `${gateway.url}/sms`, secret, timeoutMs: 2000 }) }),
    outboxRetry: { maxAttempts, baseDelayMs: 60_000, maxDelayMs: 3_600_000 },
  });
  t.teardown(() => engine.close());
  const queueQueryCode = async (queryCode: string) => {
    await queueSms(
      engine.db,
      { topic: smsTopics.queryCode, institutionId: '00000000-0000-4000-8000-000000000001', phone: '13812341234', content: { queryCode, expiresAt: '2026-03-01T08:10:00.000Z' } },
      clock.now(),
    );
  };
  const row = async () => engine.db.selectFrom('pw_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { gateway, engine, clock, logged, queueQueryCode, row };
}

t.test('the webhook gets the whole text, signed; after delivery the outbox keeps no code and no full phone', async (t) => {
  const w = await webhookWorld(t);
  await w.queueQueryCode('048213');
  t.equal(await w.engine.dispatchOutbox(), 1, 'delivered');
  t.equal(w.gateway.received.length, 1);
  const sent = w.gateway.received[0]!;
  t.equal(sent.method, 'POST');
  t.ok(verifyWebhookSignature(sent.body, sent.headers['x-signature'], secret), 'x-signature is the HMAC-SHA256 of the raw body');
  const body = JSON.parse(sent.body);
  t.same(Object.keys(body).sort(), ['id', 'params', 'phone', 'text', 'topic']);
  t.match(body, { topic: 'institution.queryCode', phone: '13812341234', params: { queryCode: '048213', minutes: '10' } });
  t.equal(body.text, '您正在查询机构注册申请结果，验证码：048213，10分钟内有效。如非本人操作，请忽略本短信。');
  const row = await w.row();
  t.ok(row.dispatched_at, 'marked dispatched');
  t.same(row.payload, { channel: 'sms', phone: '138****1234', expiresAt: '2026-03-01T08:10:00.000Z', withheld: ['queryCode'] }, 'the code is gone, the phone masked');
  t.notOk(JSON.stringify(row).includes('048213'));
});

t.test('a gateway answering 500 is retried with growing, jittered waits; attempts and the last error are visible in GET /outbox', async (t) => {
  const w = await webhookWorld(t, 8);
  w.gateway.answer = () => ({ status: 500, body: '{"error":"down"}' });
  await w.queueQueryCode('111222');
  t.equal(await w.engine.dispatchOutbox(), 0, 'the first attempt failed');
  let row = await w.row();
  t.equal(row.attempts, 1);
  t.equal(row.last_error, 'SMS webhook answered HTTP 500');
  const firstWait = row.next_attempt_at!.getTime() - w.clock.now().getTime();
  t.ok(firstWait >= 30_000 && firstWait <= 60_000, `first wait ${firstWait} ms: half to all of the 60 s base`);
  t.equal(await w.engine.dispatchOutbox(), 0, 'not retried before its time');
  t.equal(w.gateway.received.length, 1, 'the gateway was not called again early');

  w.clock.advance(firstWait);
  t.equal(await w.engine.dispatchOutbox(), 0, 'the second attempt failed too');
  row = await w.row();
  const secondWait = row.next_attempt_at!.getTime() - w.clock.now().getTime();
  t.ok(secondWait >= 60_000 && secondWait <= 120_000, `second wait ${secondWait} ms: the base doubled`);
  const listed = (await listOutbox(w.engine.db, admin, { topic: 'institution.queryCode' })).items[0]!;
  t.match(listed, { attempts: 2, lastError: 'SMS webhook answered HTTP 500', dispatchedAt: null, failedAt: null });
  t.equal(listed.nextAttemptAt, row.next_attempt_at!.toISOString());

  w.gateway.answer = () => ({ status: 200, body: '{}' });
  w.clock.advance(secondWait);
  t.equal(await w.engine.dispatchOutbox(), 1, 'delivered once the gateway is back');
  t.equal(w.gateway.received.length, 3, 'three attempts in all, the message sent once successfully');
  t.equal(w.logged.filter((l) => l.level === 'warn' && l.msg.includes('will retry')).length, 2, 'each failure logged as a warning');
});

t.test('a message is given up after the attempt limit: marked failed, scrubbed, logged at error once, never retried', async (t) => {
  const w = await webhookWorld(t, 3);
  w.gateway.answer = () => ({ status: 503, body: '{}' });
  await w.queueQueryCode('333444');
  for (let i = 0; i < 3; i++) {
    await w.engine.dispatchOutbox();
    w.clock.advance(3_600_000);
  }
  const row = await w.row();
  t.equal(row.attempts, 3);
  t.ok(row.failed_at, 'marked failed');
  t.equal(row.dispatched_at, null);
  t.notOk(JSON.stringify(row.payload).includes('333444'), 'the code is removed from the given-up row');
  t.equal(w.logged.filter((l) => l.level === 'error').length, 1, 'one error line');
  t.match(w.logged.find((l) => l.level === 'error')!.obj, { outboxId: row.id, attempts: 3 });
  w.clock.advance(24 * 3_600_000);
  t.equal(await w.engine.dispatchOutbox(), 0);
  t.equal(w.gateway.received.length, 3, 'never tried again');
  const listed = (await listOutbox(w.engine.db, admin, {})).items[0]!;
  t.equal(listed.failedAt, row.failed_at!.toISOString(), 'GET /outbox shows when it was given up');
});

t.test('a gateway that does not answer within the timeout fails the attempt', async (t) => {
  const { createServer } = await import('node:http');
  // Accepts the request and never answers.
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    silent.closeAllConnections();
    silent.close();
  });
  const port = (silent.address() as { port: number }).port;
  const provider = createWebhookSmsProvider({ url: `http://127.0.0.1:${port}/sms`, secret, timeoutMs: 300 });
  await t.rejects(provider.send({ id: 1, topic: 'institution.queryCode', phone: '13812341234', text: 'x', params: {} }), /no answer within 300 ms/);
});

t.test('retry waits grow exponentially up to the cap, with jitter between half and all of the step', async (t) => {
  const retry = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
  t.equal(retryDelayMs(1, retry, () => 1), 30_000);
  t.equal(retryDelayMs(1, retry, () => 0), 15_000);
  t.equal(retryDelayMs(4, retry, () => 1), 240_000);
  t.equal(retryDelayMs(20, retry, () => 1), 3_600_000, 'capped');
  t.equal(retryDelayMs(20, retry, () => 0), 1_800_000);
});
