import t from 'tap';
import { testEngine } from '../helpers/engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { findInstitutionByCheckCode } from '../../src/onboarding/check-codes.js';
import { redactPayload } from '../../src/onboarding/outbox-listing.js';
import { admin, anonymous, hospital, huangshiReviewer, lastSms, medicalFiles, parts, refusal, wuhanReviewer } from './fixtures.js';

t.test('the check code is shown to the main account, its reviewers and admins, and rotated to a new value', async (t) => {
  const { engine } = await testEngine(t);
  const { id } = await engine.onboarding.register(parts(hospital, medicalFiles()), anonymous);
  t.same(await engine.onboarding.checkCode(id, wuhanReviewer), { institutionId: id, checkCode: null }, 'none before approval');
  t.match(await refusal(engine.onboarding.rotateCheckCode(id, admin)), { code: 'INVALID_TRANSITION' });
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, admin);
  const main: Actor = { id: 'main', kind: 'institution', institutionId: id };
  const { checkCode } = await engine.onboarding.checkCode(id, main);
  t.match(checkCode, /^\d{6}$/);
  t.same(await findInstitutionByCheckCode(engine.db, hospital.licenseNo, checkCode!), { id, name: hospital.name, state: 'approved', departmentId: '420102' });

  const rotated = await engine.onboarding.rotateCheckCode(id, main);
  t.not(rotated.checkCode, checkCode);
  t.equal((await engine.onboarding.checkCode(id, admin)).checkCode, rotated.checkCode);
  t.equal(await findInstitutionByCheckCode(engine.db, hospital.licenseNo, checkCode!), undefined, 'the old code no longer binds');
  const audit = await engine.db.selectFrom('pw_audit').selectAll().where('action', '=', 'institution.checkCode.rotate').execute();
  t.equal(audit.length, 1);
  t.notMatch(JSON.stringify(audit), rotated.checkCode!, 'the audit row does not hold the code');

  t.match(await refusal(engine.onboarding.checkCode(id, huangshiReviewer)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.rotateCheckCode(id, huangshiReviewer)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.checkCode(id, { id: 'other', kind: 'institution', institutionId: crypto.randomUUID() })), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.checkCode(id, { id: 'b', kind: 'business', institutionId: id, businessCode: '19' })), { code: 'FORBIDDEN' });
  t.match(await refusal(engine.onboarding.checkCode('not-a-uuid', admin)), { code: 'NOT_FOUND' });
});

t.test('attachments download for those who may see the registration, and every download is audited', async (t) => {
  const { engine } = await testEngine(t);
  const files = medicalFiles();
  const { id } = await engine.onboarding.register(parts(hospital, files), anonymous);
  const [form] = (await engine.onboarding.getInstitution(id, admin)).attachments;
  const download = await engine.onboarding.attachment(form!.id, wuhanReviewer);
  t.match(download, { fileName: '申请表.pdf', contentType: 'application/pdf', size: files.registrationForm!.content.length });
  const chunks: Buffer[] = [];
  for await (const chunk of download.stream) chunks.push(chunk as Buffer);
  t.same(Buffer.concat(chunks), files.registrationForm!.content);
  const audit = await engine.db.selectFrom('pw_audit').selectAll().where('action', '=', 'attachment.download').execute();
  t.match(audit, [{ actor_id: 'wuhan-1', actor_kind: 'district', subject_id: form!.id }]);

  for (const actor of [huangshiReviewer, anonymous, { id: 'x', kind: 'institution', institutionId: crypto.randomUUID() } as Actor]) {
    t.match(await refusal(engine.onboarding.attachment(form!.id, actor)), { code: 'NOT_FOUND' }, `${actor.kind} ${actor.departmentId ?? ''}`);
  }
  t.match(await refusal(engine.onboarding.attachment(crypto.randomUUID(), admin)), { code: 'NOT_FOUND' });
  t.equal((await engine.db.selectFrom('pw_audit').select('id').where('action', '=', 'attachment.download').execute()).length, 1, 'refused downloads are not recorded as downloads');
});

t.test('GET /outbox is for admins, masks phones and withholds codes', async (t) => {
  const { engine } = await testEngine(t);
  const { id } = await engine.onboarding.register(parts(hospital, medicalFiles()), anonymous);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, admin);
  const sms = await lastSms(engine, 'institution.activationCode', id);
  const page = await engine.onboarding.outbox(admin);
  t.equal(page.total, 2);
  const listed = page.items.find((i) => i.topic === 'institution.activationCode')!;
  t.match(listed.payload, { phone: '138****1234', accountNo: 'JG00000', withheld: ['activationCode'] }, 'delivered: the code is gone, its kind named');
  t.notOk('activationCode' in listed.payload);
  t.notMatch(JSON.stringify(page), sms!.activationCode!);
  t.notMatch(JSON.stringify(page), '13812341234');
  t.equal((await engine.onboarding.outbox(admin, { topic: 'institution.approved' })).total, 1);
  t.match(await refusal(engine.onboarding.outbox(wuhanReviewer)), { code: 'FORBIDDEN' });
  t.same(redactPayload({ a: [{ queryCode: '123456', mobile: '13912345678' }] }), { a: [{ queryCode: '[withheld]', mobile: '139****5678' }] });
});
