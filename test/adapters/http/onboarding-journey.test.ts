import t from 'tap';
import { testServer } from '../../helpers/server.js';
import { hospital, lastSms, medicalFiles, multipart } from '../../onboarding/fixtures.js';

// The seed's whole institution side (操作指南 一 and 二.1–2) over HTTP: register →
// the exam district approves → 申请查询 → 账号激活 → log in → 点我生成 business
// account 19 → activate it → log in as it.

t.test('the seed’s institution journey end to end over HTTP', async (t) => {
  const { app, engine, login } = await testServer(t);
  const api = '/api/v1';

  // 2.2 the blank registration form to print and stamp.
  const form = await app.inject({ method: 'GET', url: `${api}/registration-form` });
  t.equal(form.statusCode, 200);
  t.equal(form.headers['content-type'], 'application/pdf');
  t.match(form.headers['content-disposition'], /filename\*=UTF-8''%E5%8D%95%E4%BD%8D/);
  t.equal(form.rawPayload.subarray(0, 5).toString(), '%PDF-');

  // 2.1 机构注册 with the three attachments (public).
  const files = medicalFiles();
  const registration = await app.inject({ method: 'POST', url: `${api}/institution-registrations`, ...multipart(hospital, files) });
  t.equal(registration.statusCode, 201, registration.body);
  const { id } = registration.json();
  t.match(registration.json(), { state: 'applied', stateLabel: '待审核', resubmitted: false });

  // 3 the exam district reviews it.
  const wuhan = await login('wuhan');
  const list = await app.inject({ method: 'GET', url: `${api}/institutions?state=applied&q=1911`, headers: wuhan });
  t.equal(list.statusCode, 200);
  t.match(list.json(), { total: 1, page: 1, pageSize: 10, items: [{ id, name: '武汉市第1911医院', red: false, adminPhoneMasked: '138****1234' }] });
  const detail = await app.inject({ method: 'GET', url: `${api}/institutions/${id}`, headers: wuhan });
  t.equal(detail.statusCode, 200);
  t.equal(detail.json().attachments.length, 3);
  t.match(detail.json().indicators, [{ code: 'creditCodeCheck', level: 'green' }]);
  const attachment = detail.json().attachments[0];
  const download = await app.inject({ method: 'GET', url: `${api}/attachments/${attachment.id}`, headers: wuhan });
  t.equal(download.statusCode, 200);
  t.equal(download.headers['content-type'], 'application/pdf');
  t.match(download.headers['content-disposition'], /^attachment; filename="[^"]*"; filename\*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8\.pdf$/);
  t.same(download.rawPayload, files.registrationForm!.content);

  const approved = await app.inject({ method: 'POST', url: `${api}/institutions/${id}/events`, headers: wuhan, payload: { type: 'APPROVE', expectedVersion: 1 } });
  t.equal(approved.statusCode, 200, approved.body);
  t.match(approved.json(), { state: 'approved', stateLabel: '审核通过（待激活）', accountNo: 'JG00000', version: 2 });
  t.match(approved.json().history.map((h: { event: string }) => h.event), ['REGISTER', 'APPROVE']);

  // 3 申请查询 on the original registration screen: a 6-digit code to the registered phone.
  const codeRequest = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query-code`, payload: { creditCode: hospital.creditCode } });
  t.equal(codeRequest.statusCode, 202);
  const sms = await lastSms(engine, 'institution.queryCode', id);
  t.equal(sms!.phone, hospital.adminPhone);
  const query = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query`, payload: { creditCode: hospital.creditCode, code: sms!.queryCode } });
  t.equal(query.statusCode, 200, query.body);
  const { accountNo, activationCode } = query.json();
  t.match(query.json(), { state: 'approved', accountNo: 'JG00000', activationCode: /^[A-Z0-9-]{14}$/ });

  // 4 账号激活, then log in with the 机构证号.
  const activation = await app.inject({ method: 'POST', url: `${api}/activations`, payload: { accountNo, activationCode, password: 'Inst@2026' } });
  t.equal(activation.statusCode, 200, activation.body);
  t.same(activation.json(), { accountNo: 'JG00000', kind: 'institution', state: 'activated', stateLabel: '已激活' });
  const main = await login('JG00000', 'Inst@2026');
  const me = await app.inject({ method: 'GET', url: `${api}/me`, headers: main });
  t.match(me.json(), { account: { kind: 'institution', login: 'JG00000', institutionId: id }, institution: { id, state: 'activated' } });

  // 二.1 业务账号: the ten rows, 点我生成 for 19.
  const table = await app.inject({ method: 'GET', url: `${api}/institutions/${id}/business-accounts`, headers: main });
  t.equal(table.statusCode, 200);
  t.equal(table.json().items.length, 10);
  t.match(table.json().items[6], { seq: 7, businessCode: '19', businessName: '医师资格考试试用期考核证明申报管理', accountNo: null, state: 'unissued', activated: false });
  const generated = await app.inject({ method: 'POST', url: `${api}/institutions/${id}/business-accounts/19/events`, headers: main, payload: { type: 'GENERATE' } });
  t.equal(generated.statusCode, 200, generated.body);
  t.match(generated.json(), { accountNo: 'WS-00000-034-19', state: 'issued', activationCode: /^[A-Z0-9-]{14}$/ });

  // 二.2 activate the business account and log in as it.
  const businessActivation = await app.inject({
    method: 'POST',
    url: `${api}/activations`,
    payload: { accountNo: 'WS-00000-034-19', activationCode: generated.json().activationCode, password: 'Unit@2026' },
  });
  t.equal(businessActivation.statusCode, 200, businessActivation.body);
  t.match(businessActivation.json(), { kind: 'business', state: 'active' });
  const unit = await login('WS-00000-034-19', 'Unit@2026');
  const unitMe = await app.inject({ method: 'GET', url: `${api}/me`, headers: unit });
  t.match(unitMe.json(), { account: { kind: 'business', businessCode: '19', institutionId: id } });
  const after = await app.inject({ method: 'GET', url: `${api}/institutions/${id}/business-accounts`, headers: main });
  t.match(after.json().items[6], { accountNo: 'WS-00000-034-19', state: 'active', activated: true });

  // The check code candidates use to bind their probation to the institution.
  const checkCode = await app.inject({ method: 'GET', url: `${api}/institutions/${id}/check-code`, headers: main });
  t.match(checkCode.json(), { institutionId: id, checkCode: /^\d{6}$/ });
  const rotated = await app.inject({ method: 'POST', url: `${api}/institutions/${id}/check-code`, headers: main });
  t.equal(rotated.statusCode, 200);
  t.not(rotated.json().checkCode, checkCode.json().checkCode);

  // The notifications sent on the way, as the admin sees them.
  const outbox = await app.inject({ method: 'GET', url: `${api}/outbox`, headers: await login('admin') });
  t.equal(outbox.statusCode, 200);
  t.same(outbox.json().items.map((i: { topic: string }) => i.topic).sort(), [
    'institution.activationCode',
    'institution.approved',
    'institution.codeReissued',
    'institution.queryCode',
  ]);
  t.notMatch(outbox.body, sms!.queryCode!);
  t.notMatch(outbox.body, activationCode);
});
