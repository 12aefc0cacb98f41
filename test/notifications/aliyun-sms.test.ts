import t from 'tap';
import { createHash, createHmac } from 'node:crypto';
import { createAliyunSmsProvider } from '../../src/notifications/aliyun-sms.js';
import { smsReceiver, type ReceivedRequest } from '../helpers/sms-receiver.js';

const accessKeyId = 'LTAItestAccessKeyId';
const accessKeySecret = 'testAccessKeySecret0123456789';

// Alibaba Cloud's V3 request signature (ACS3-HMAC-SHA256), written from its
// documentation, so the stand-in checks what the SDK sends instead of trusting it.
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
function expectedAuthorization(r: ReceivedRequest): string {
  const url = new URL(r.url, 'http://stand-in');
  const query = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${encode(v)}`).join('&');
  const signed = Object.keys(r.headers)
    .filter((h) => h.startsWith('x-acs-') || h === 'host' || h === 'content-type')
    .sort();
  const canonicalHeaders = signed.map((h) => `${h}:${String(r.headers[h]).trim()}\n`).join('');
  const payloadHash = createHash('sha256').update(r.body).digest('hex');
  const canonicalRequest = [r.method, url.pathname, query, canonicalHeaders, signed.join(';'), payloadHash].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const signature = createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex');
  return `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
}

async function standIn(t: Parameters<typeof smsReceiver>[0]) {
  const gateway = await smsReceiver(t);
  gateway.answer = () => ({ status: 200, body: JSON.stringify({ Code: 'OK', Message: 'OK', BizId: '900000000000000000^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' }) });
  const provider = createAliyunSmsProvider({
    accessKeyId,
    accessKeySecret,
    signName: '湖北卫生人才',
    templates: { 'institution.activationCode': 'SMS_100000001', 'institution.queryCode': 'SMS_100000002' },
    endpoint: gateway.url,
    timeoutMs: 5000,
  });
  return { gateway, provider };
}

t.test('SendSms goes out as the official SDK makes it: the template, its parameters as JSON, and a valid V3 signature', async (t) => {
  const { gateway, provider } = await standIn(t);
  await provider.send({
    id: 42,
    topic: 'institution.activationCode',
    phone: '13812341234',
    text: '（全文仅供 webhook 与收件箱使用）',
    params: { institutionName: '武汉市第1911医院', accountNo: 'JG00007', activationCode: 'K7PD-3QXM-H2TW', expiresAt: '2026年3月31日 16:00' },
  });
  t.equal(gateway.received.length, 1, 'one request');
  const r = gateway.received[0]!;
  t.equal(r.method, 'POST');
  t.equal(r.headers['x-acs-action'], 'SendSms');
  t.equal(r.headers['x-acs-version'], '2017-05-25');
  const url = new URL(r.url, 'http://stand-in');
  const sent = Object.fromEntries([...url.searchParams.entries(), ...new URLSearchParams(r.body).entries()]);
  t.match(sent, { PhoneNumbers: '13812341234', SignName: '湖北卫生人才', TemplateCode: 'SMS_100000001', OutId: '42' });
  t.same(JSON.parse(sent.TemplateParam!), { institutionName: '武汉市第1911医院', accountNo: 'JG00007', activationCode: 'K7PD-3QXM-H2TW', expiresAt: '2026年3月31日 16:00' });
  t.equal(r.headers['x-acs-content-sha256'], createHash('sha256').update(r.body).digest('hex'), 'the body hash header matches the body');
  t.equal(r.headers.authorization, expectedAuthorization(r), 'Authorization recomputed from the request with the secret matches');
});

t.test('any answer but Code OK is a failed delivery with the provider\'s code, and topics without a template are not sent', async (t) => {
  const { gateway, provider } = await standIn(t);
  gateway.answer = () => ({ status: 200, body: JSON.stringify({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发小时级流控Permits:5', RequestId: 'x' }) });
  await t.rejects(
    provider.send({ id: 1, topic: 'institution.queryCode', phone: '13812341234', text: '', params: { queryCode: '123456', minutes: '10' } }),
    /isv\.BUSINESS_LIMIT_CONTROL/,
  );
  gateway.answer = () => ({ status: 500, body: JSON.stringify({ Code: 'ServiceUnavailable', Message: 'down', RequestId: 'y' }) });
  await t.rejects(provider.send({ id: 2, topic: 'institution.queryCode', phone: '13812341234', text: '', params: { queryCode: '123456', minutes: '10' } }), /Alibaba Cloud SMS/);
  t.ok(provider.unsupportedTopics?.has('application.certified'), 'no template registered: the topic is skipped');
  t.notOk(provider.unsupportedTopics?.has('institution.queryCode'));
});
