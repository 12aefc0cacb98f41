/**
 * The seed's onboarding finished over text messages, with the bundled server
 * as a real process and SMS_PROVIDER=webhook pointed at a local receiver:
 * register → approve → the admin phone gets 机构证号 and 激活码 → 申请查询's
 * code is texted → query → activate → log in.
 */
import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyWebhookSignature } from '../../src/notifications/webhook-sms.js';
import { loginTo, registration, request, startServer, waitUntil } from '../helpers/processes.js';
import { smsReceiver } from '../helpers/sms-receiver.js';

t.setTimeout(180_000);

const secret = 'test-webhook-secret-0123456789';
const gateway = await smsReceiver(t);
const dataDir = await mkdtemp(join(tmpdir(), 'pw-sms-'));
t.teardown(() => rm(dataDir, { recursive: true, force: true }));
const server = await startServer({
  DATA_DIR: dataDir,
  DEMO: '1',
  SMS_PROVIDER: 'webhook',
  SMS_WEBHOOK_URL: `${gateway.url}/sms`,
  SMS_WEBHOOK_SECRET: secret,
  SMS_SIGN_NAME: '湖北卫生人才',
});
t.teardown(() => server.stop());

// The demo data texts its own institutions too: only messages to the registered admin phone count.
const adminPhone = '13912345678';
const texts = () =>
  gateway.received
    .filter((r) => r.url === '/sms')
    .map((r) => ({ ...r, json: JSON.parse(r.body) as Record<string, any> }))
    .filter((m) => m.json.phone === adminPhone);

t.test('an institution registers, is approved, and finishes 申请查询 → 激活 → 登录 with the codes texted to its admin phone', async (t) => {
  const { body, headers } = registration(7);
  const registered = await fetch(`${server.url}/api/v1/institution-registrations`, { method: 'POST', body, headers });
  t.equal(registered.status, 201, 'registered');
  const { id } = (await registered.json()) as { id: string };
  const creditCode = /name="creditCode"\r\n\r\n([^\r]+)/.exec(body.toString('utf8'))![1]!;

  const admin = await loginTo(server.url, 'admin');
  const approved = await request(`${server.url}/api/v1/institutions/${id}/events`, { body: { type: 'APPROVE' }, headers: admin });
  t.equal(approved.status, 200, 'approved by the exam district');

  t.ok(await waitUntil(() => texts().some((m) => m.json.topic === 'institution.activationCode'), { timeoutMs: 60_000 }), 'the activation text reached the gateway');
  const activationText = texts().find((m) => m.json.topic === 'institution.activationCode')!;
  t.ok(verifyWebhookSignature(activationText.body, activationText.headers['x-signature'], secret), 'signed with SMS_WEBHOOK_SECRET');
  t.notOk(verifyWebhookSignature(activationText.body, activationText.headers['x-signature'], 'another-secret-0123456789'), 'and not with another secret');
  t.equal(activationText.json.phone, adminPhone, 'to the registered admin phone');
  t.match(activationText.json.params, { accountNo: /^JG\d{5}$/, activationCode: /\S+/ });
  t.match(activationText.json.text, new RegExp(`^【湖北卫生人才】.*机构证号：${activationText.json.params.accountNo}，激活码：${activationText.json.params.activationCode}`));

  const asked = await request(`${server.url}/api/v1/institution-registrations/query-code`, { body: { creditCode } });
  t.equal(asked.status, 202, '申请查询 code requested');
  t.ok(await waitUntil(() => texts().some((m) => m.json.topic === 'institution.queryCode'), { timeoutMs: 60_000 }), 'the query code reached the gateway');
  const queryText = texts().find((m) => m.json.topic === 'institution.queryCode')!;
  t.match(queryText.json.text, /验证码：\d{6}，\d+分钟内有效/);
  const answer = await request(`${server.url}/api/v1/institution-registrations/query`, { body: { creditCode, code: queryText.json.params.queryCode } });
  t.equal(answer.status, 200, 'query with the texted code');
  t.equal(answer.body.accountNo, activationText.json.params.accountNo, 'the query shows the 机构证号 of the text');

  const activated = await request(`${server.url}/api/v1/activations`, {
    body: { accountNo: answer.body.accountNo, activationCode: answer.body.activationCode, password: 'Hospital@2026' },
  });
  t.equal(activated.status, 200, 'activated');
  const session = await loginTo(server.url, answer.body.accountNo, 'Hospital@2026');
  const me = await request(`${server.url}/api/v1/me`, { headers: session });
  t.equal(me.status, 200, 'and logged in as the institution');

  const outbox = await request(`${server.url}/api/v1/outbox?pageSize=100`, { headers: admin });
  const delivered = outbox.body.items.filter((i: any) => i.topic.startsWith('institution.') && i.dispatchedAt);
  t.ok(delivered.length >= 2, 'the outbox records the deliveries');
  t.notOk(JSON.stringify(outbox.body).includes(queryText.json.params.queryCode), 'and no code is readable there');
  const logged = server.output();
  t.notOk(logged.includes(adminPhone), 'the phone never appears in the log');
  t.notOk(logged.includes(activationText.json.params.activationCode), 'nor the activation code');
  t.notOk(new RegExp(`\\b${queryText.json.params.queryCode}\\b`).test(logged), 'nor the query code');
});
