import t from 'tap';
import { machines } from '../../machines/index.js';
import { stateNodes } from '../../machines/shared/introspect.js';
import { isSmsTopic, renderSms, smsTexts, smsTopicNames } from '../../src/notifications/sms-texts.js';
import { scrubDeliveredPayload } from '../../src/logging/payload-scrub.js';

t.test('every text names what the seed calls it and fills every placeholder', async (t) => {
  t.match(smsTexts['institution.activationCode'].template, /机构证号：\$\{accountNo\}，激活码：\$\{activationCode\}，有效期至\$\{expiresAt\}/);
  t.match(smsTexts['institution.activationCode'].template, /账号激活/);
  t.match(smsTexts['institution.queryCode'].template, /验证码：\$\{queryCode\}，\$\{minutes\}分钟内有效/);
  t.match(smsTexts['application.returned'].template, /退回，原因：\$\{explanation\}/);
  for (const topic of smsTopicNames) {
    const params = Object.fromEntries(smsTexts[topic].params.map((p) => [p, `<${p}>`]));
    const text = renderSms(topic, params);
    t.notMatch(text, /\$\{/, `${topic}: no placeholder left`);
    for (const p of smsTexts[topic].params) t.ok(text.includes(`<${p}>`), `${topic}: ${p} appears`);
  }
  t.throws(() => renderSms('institution.queryCode', { queryCode: '123456' }), /missing parameter minutes/);
  t.equal(renderSms('institution.queryCode', { queryCode: '123456', minutes: '10' }, '湖北卫生人才').slice(0, 8), '【湖北卫生人才】');
});

t.test('every message topic a machine sends to a candidate has its text', async (t) => {
  const topics = new Set<string>();
  for (const machine of Object.values(machines)) {
    for (const { node } of stateNodes(machine)) {
      for (const transitions of Object.values(node.on ?? {})) {
        for (const transition of transitions as unknown as { actions?: readonly unknown[] }[]) {
          for (const action of transition.actions ?? []) {
            const a = action as { type?: string; params?: { topic?: string } };
            if (a.type === 'notify' && a.params?.topic?.startsWith('application.')) topics.add(a.params.topic);
          }
        }
      }
    }
  }
  t.ok(topics.size >= 5, `${[...topics].join(', ')}`);
  t.same([...topics].filter((topic) => !isSmsTopic(topic)), [], 'no candidate topic without a text');
});

t.test('a delivered payload keeps which code was sent, never the code, and a masked phone', async (t) => {
  t.same(scrubDeliveredPayload({ channel: 'sms', phone: '13812341234', accountNo: 'JG00001', activationCode: 'K7PD-3QXM-H2TW' }), {
    channel: 'sms',
    phone: '138****1234',
    accountNo: 'JG00001',
    withheld: ['activationCode'],
  });
  const once = scrubDeliveredPayload({ phone: '13812341234', queryCode: '123456' });
  t.same(scrubDeliveredPayload(once), once, 'scrubbing twice changes nothing');
});
