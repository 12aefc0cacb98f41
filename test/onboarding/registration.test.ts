import t from 'tap';
import { Readable } from 'node:stream';
import { testEngine } from '../helpers/engine.js';
import {
  admin,
  anonymous,
  filesUnder,
  footprint,
  hospital,
  huangshiUnit,
  lastSms,
  medicalFiles,
  parts,
  pdf,
  plainFiles,
  redCreditCode,
  refusal,
  text,
  wuhanReviewer,
} from './fixtures.js';
import type { RegistrationPart } from '../../src/onboarding/registration-upload.js';

t.test('registers an institution with its form and three attachments, stored by content', async (t) => {
  const { engine, filesDir } = await testEngine(t);
  const result = await engine.onboarding.register(parts(hospital, medicalFiles()), anonymous);
  t.match(result, { state: 'applied', stateLabel: '待审核', resubmitted: false, version: 1 });
  const row = await engine.db.selectFrom('pw_institutions').selectAll().where('id', '=', result.id).executeTakeFirstOrThrow();
  t.match(row, {
    name: '武汉市第1911医院',
    credit_code: '12420102MB00000016',
    credit_code_check_ok: true,
    is_medical: true,
    license_no: '5252223212582111254',
    admin_name: '张敏',
    admin_phone: '13812341234',
    department_id: '420102',
    account_no: null,
    serial: null,
  });
  const detail = await engine.onboarding.getInstitution(result.id, wuhanReviewer);
  t.same(
    detail.attachments.map((a) => [a.kind, a.contentType, a.fileName]),
    [
      ['registrationForm', 'application/pdf', '申请表.pdf'],
      ['creditCertificate', 'image/jpeg', 'credit.jpg'],
      ['medicalLicense', 'image/png', 'license.png'],
    ],
  );
  t.match(detail.indicators, [{ code: 'creditCodeCheck', level: 'green' }]);
  t.match(detail.history, [{ seq: 1, from: null, to: 'applied', event: 'REGISTER', actorRole: 'public' }]);
  t.equal((await filesUnder(filesDir)).length, 3, 'three files stored');
});

t.test('stores a wrong credit-code check character as a red indicator, and APPROVE then needs a reason', async (t) => {
  const { engine } = await testEngine(t);
  const { id } = await engine.onboarding.register(parts({ ...hospital, creditCode: redCreditCode }, medicalFiles()), anonymous);
  const detail = await engine.onboarding.getInstitution(id, admin);
  t.equal(detail.red, true);
  t.match(detail.indicators, [{ code: 'creditCodeCheck', level: 'red', detail: /应为 6/ }]);
  const refused = await refusal(engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, wuhanReviewer));
  t.match(refused, { code: 'REASON_REQUIRED', details: { rule: 'reasonGivenWhenRed' } });
  t.equal((await engine.onboarding.getInstitution(id, admin)).state, 'applied', 'nothing changed');
  const approved = await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE', reason: '早期试点代码，经核实有效' }, wuhanReviewer);
  t.match(approved, { state: 'approved', reason: '早期试点代码，经核实有效', accountNo: 'JG00000' });
});

t.test('refuses every bad field with a field-level issue and stores no row and no file', async (t) => {
  const { engine, filesDir } = await testEngine(t);
  const cases: { name: string; fields: Record<string, string>; files?: ReturnType<typeof medicalFiles>; issues: [string, string][] }[] = [
    { name: 'a one-character name', fields: { ...hospital, name: '院' }, issues: [['name', 'tooShort']] },
    { name: 'no address', fields: { ...hospital, address: ' ' }, issues: [['address', 'required']] },
    { name: 'a malformed credit code', fields: { ...hospital, creditCode: '12420102MB0000001O' }, issues: [['creditCode', 'format']] },
    { name: 'a medical institution without licence number', fields: { ...hospital, licenseNo: '' }, issues: [['licenseNo', 'required']] },
    {
      name: 'a licence number for a non-medical institution',
      fields: { ...huangshiUnit, licenseNo: '5252223212582111254' },
      files: plainFiles(),
      issues: [['licenseNo', 'notApplicable']],
    },
    { name: 'a landline as mobile number', fields: { ...hospital, adminPhone: '027-88881234' }, issues: [['adminPhone', 'format']] },
    { name: 'an unknown department', fields: { ...hospital, departmentId: '999999' }, issues: [['departmentId', 'unknownDepartment']] },
    { name: 'a name with digits as administrator', fields: { ...hospital, adminName: '管理员1号' }, issues: [['adminName', 'invalidName']] },
    { name: 'an unknown field', fields: { ...hospital, role: 'admin' }, issues: [['role', 'unrecognized']] },
    { name: 'a NUL character', fields: { ...hospital, address: 'a\u0000b' }, issues: [['address', 'nulCharacter']] },
    {
      name: 'missing attachments',
      fields: hospital,
      files: { registrationForm: { content: pdf() } },
      issues: [
        ['creditCertificate', 'required'],
        ['medicalLicense', 'required'],
      ],
    },
    {
      name: 'a medical licence from a non-medical institution',
      fields: huangshiUnit,
      files: { ...plainFiles(), medicalLicense: { content: pdf('m') } },
      issues: [['medicalLicense', 'notApplicable']],
    },
    { name: 'an unknown file field', fields: hospital, files: { ...medicalFiles(), photo: { content: pdf('p') } }, issues: [['photo', 'unrecognized']] },
  ];
  for (const c of cases) {
    const error = await refusal(engine.onboarding.register(parts(c.fields, c.files ?? medicalFiles(c.name)), anonymous));
    t.equal(error.code, 'VALIDATION_FAILED', c.name);
    for (const [field, code] of c.issues) {
      t.ok((error.details as { field: string; code: string }[]).some((i) => i.field === field && i.code === code), `${c.name}: ${field} ${code}`);
    }
    t.same(await footprint(engine), { institutions: 0, attachments: 0, history: 0, accounts: 0, outbox: 0 }, `${c.name}: no row`);
    t.same(await filesUnder(filesDir), [], `${c.name}: no file`);
  }
});

t.test('refuses a renamed text file as UNSUPPORTED_FILE_TYPE and removes the files already stored', async (t) => {
  const { engine, filesDir } = await testEngine(t);
  const files = { ...medicalFiles(), medicalLicense: { content: text(), filename: 'license.pdf' } };
  const error = await refusal(engine.onboarding.register(parts(hospital, files), anonymous));
  t.match(error, { code: 'UNSUPPORTED_FILE_TYPE', status: 415 });
  t.same(await footprint(engine), { institutions: 0, attachments: 0, history: 0, accounts: 0, outbox: 0 });
  t.same(await filesUnder(filesDir), [], 'the two accepted files before it are gone too');
});

t.test('refuses a file over the limit as FILE_TOO_LARGE and stores nothing', async (t) => {
  const { engine, filesDir } = await testEngine(t);
  const big = Buffer.concat([pdf(), Buffer.alloc(2048, 0x20)]);
  const error = await refusal(
    engine.onboarding.register(parts(hospital, { ...medicalFiles(), creditCertificate: { content: big } }), anonymous, { maxFileBytes: 1024 }),
  );
  t.match(error, { code: 'FILE_TOO_LARGE', status: 413 });
  t.same(await footprint(engine), { institutions: 0, attachments: 0, history: 0, accounts: 0, outbox: 0 });
  t.same(await filesUnder(filesDir), []);
});

t.test('refuses a credit code registered in a live state with ALREADY_REGISTERED, keeping only the first registration’s files', async (t) => {
  const { engine, filesDir } = await testEngine(t);
  await engine.onboarding.register(parts(hospital, medicalFiles('first')), anonymous);
  const before = await footprint(engine);
  const filesBefore = (await filesUnder(filesDir)).sort();
  // The second request carries one file identical to the first registration's and two new ones.
  const second = { ...medicalFiles('first'), creditCertificate: { content: pdf('other') }, medicalLicense: { content: pdf('other2') } };
  const error = await refusal(engine.onboarding.register(parts({ ...hospital, name: '另一个名字' }, second), anonymous));
  t.match(error, { code: 'ALREADY_REGISTERED', status: 409, details: { rule: 'creditCodeNotRegistered' } });
  t.same(await footprint(engine), before, 'no row, attachment or history added');
  t.same((await filesUnder(filesDir)).sort(), filesBefore, 'the shared file stays, the new ones are removed');
});

t.test('two concurrent registrations of one credit code: one is registered, the other ALREADY_REGISTERED', async (t) => {
  const { engine, filesDir } = await testEngine(t);
  const outcomes = await Promise.allSettled([
    engine.onboarding.register(parts(hospital, medicalFiles('a')), anonymous),
    engine.onboarding.register(parts(hospital, medicalFiles('b')), anonymous),
  ]);
  t.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
  const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
  t.equal(rejected.reason.code, 'ALREADY_REGISTERED');
  t.equal((await footprint(engine)).institutions, 1);
  t.equal((await filesUnder(filesDir)).length, 3, 'only the winner’s files remain (their JPEG and PNG are shared)');
});

t.test('a rejected or returned registration is resubmitted with the new data and attachments', async (t) => {
  const { engine } = await testEngine(t);
  const first = await engine.onboarding.register(parts(hospital, medicalFiles('v1')), anonymous);
  await engine.onboarding.sendInstitutionEvent(first.id, { type: 'RETURN', reason: '申请表未盖章' }, wuhanReviewer);
  // The resubmission proves the registered phone with the texted 申请查询 code.
  const codeFor = async () => {
    await engine.onboarding.requestQueryCode({ creditCode: hospital.creditCode }, anonymous);
    return (await lastSms(engine, 'institution.queryCode', first.id))!.queryCode!;
  };
  const again = await engine.onboarding.register(
    parts({ ...hospital, address: '武汉市江岸区新地址2号', adminPhone: '13900001111', queryCode: await codeFor() }, medicalFiles('v2')),
    anonymous,
  );
  t.match(again, { id: first.id, state: 'applied', resubmitted: true, version: 3 });
  const detail = await engine.onboarding.getInstitution(first.id, admin);
  t.equal(detail.address, '武汉市江岸区新地址2号');
  t.equal(detail.adminPhone, '13900001111');
  t.equal(detail.attachments.filter((a) => a.supersededAt === null).length, 3, 'three current attachments');
  t.equal(detail.attachments.filter((a) => a.supersededAt !== null).length, 3, 'the three old ones kept, superseded');
  t.same(detail.history.map((h) => h.event), ['REGISTER', 'RETURN', 'RESUBMIT']);

  await engine.onboarding.sendInstitutionEvent(first.id, { type: 'REJECT', reason: '不符合条件' }, admin);
  const third = await engine.onboarding.register(parts({ ...hospital, queryCode: await codeFor() }, medicalFiles('v3')), anonymous);
  t.match(third, { id: first.id, state: 'applied', resubmitted: true });
  t.equal((await footprint(engine)).institutions, 1, 'still one registration');
});

t.test('a retried registration with the same idempotency key returns the first result and stores nothing twice', async (t) => {
  const { engine, filesDir } = await testEngine(t);
  const first = await engine.onboarding.register(parts(hospital, medicalFiles()), anonymous, { idempotencyKey: 'reg-1' });
  const retry = await engine.onboarding.register(parts(hospital, medicalFiles()), anonymous, { idempotencyKey: 'reg-1' });
  t.equal(retry.id, first.id);
  t.same(await footprint(engine), { institutions: 1, attachments: 3, history: 1, accounts: 0, outbox: 0 });
  t.equal((await filesUnder(filesDir)).length, 3);
});

t.test('the same idempotency key used for another credit code is another registration', async (t) => {
  const { engine } = await testEngine(t);
  const first = await engine.onboarding.register(parts(hospital, medicalFiles()), anonymous, { idempotencyKey: 'k' });
  const other = await engine.onboarding.register(parts(huangshiUnit, plainFiles('h')), anonymous, { idempotencyKey: 'k' });
  t.not(other.id, first.id);
});

t.test('reads parts from any async source in order, e.g. a generator', async (t) => {
  const { engine } = await testEngine(t);
  async function* source(): AsyncGenerator<RegistrationPart> {
    yield { type: 'file', name: 'registrationForm', filename: 'f.pdf', stream: Readable.from([pdf('gen')]) };
    for (const [name, value] of Object.entries(huangshiUnit)) yield { type: 'field', name, value };
    yield { type: 'file', name: 'creditCertificate', filename: 'c.pdf', stream: Readable.from([pdf('gen2')]) };
  }
  const result = await engine.onboarding.register(source(), anonymous);
  t.equal(result.state, 'applied');
});

t.test('resubmitting a returned registration needs the code texted to the registered phone; without it or with a wrong one nothing changes', async (t) => {
  const { engine } = await testEngine(t);
  const first = await engine.onboarding.register(parts(hospital, medicalFiles('v1')), anonymous);
  await engine.onboarding.sendInstitutionEvent(first.id, { type: 'RETURN', reason: '申请表未盖章' }, wuhanReviewer);
  const takeover = { ...hospital, adminName: '冒名者', adminPhone: '13700000000' };
  const before = await engine.onboarding.getInstitution(first.id, admin);

  const missing = await refusal(engine.onboarding.register(parts(takeover, medicalFiles('x1')), anonymous));
  t.match(missing, { code: 'VALIDATION_FAILED', details: [{ field: 'queryCode', code: 'required' }] }, 'no code: refused, naming queryCode');
  const short = await refusal(engine.onboarding.register(parts({ ...takeover, queryCode: '12345' }, medicalFiles('x2')), anonymous));
  t.match(short, { code: 'VALIDATION_FAILED', details: [{ field: 'queryCode', message: '验证码长度为6位' }] });
  const guessed = await refusal(engine.onboarding.register(parts({ ...takeover, queryCode: '000000' }, medicalFiles('x3')), anonymous));
  t.match(guessed, { code: 'INVALID_CODE', status: 401 }, 'no live code for this registration: 401 INVALID_CODE');
  await engine.onboarding.requestQueryCode({ creditCode: hospital.creditCode }, anonymous);
  const code = (await lastSms(engine, 'institution.queryCode', first.id))!.queryCode!;
  const wrong = await refusal(engine.onboarding.register(parts({ ...takeover, queryCode: code === '111111' ? '222222' : '111111' }, medicalFiles('x4')), anonymous));
  t.match(wrong, { code: 'INVALID_CODE' }, 'a wrong code: 401 INVALID_CODE');

  const after = await engine.onboarding.getInstitution(first.id, admin);
  t.same({ state: after.state, adminName: after.adminName, adminPhone: after.adminPhone, version: after.version }, { state: before.state, adminName: before.adminName, adminPhone: before.adminPhone, version: before.version }, 'nothing changed');
  t.equal(after.attachments.length, before.attachments.length, 'no attachment added');

  const ok = await engine.onboarding.register(parts({ ...hospital, queryCode: code }, medicalFiles('v2')), anonymous);
  t.match(ok, { id: first.id, resubmitted: true, state: 'applied' }, 'the code from the registered phone lets the owner resubmit');
  const reuse = await refusal(engine.onboarding.register(parts({ ...takeover, queryCode: code }, medicalFiles('x5')), anonymous));
  t.not(reuse.code, undefined, 'the code is spent (and the registration is under review again)');
});

t.test('a retried resubmission with the same idempotency key is replayed although its code is spent', async (t) => {
  const { engine } = await testEngine(t);
  const first = await engine.onboarding.register(parts(hospital, medicalFiles('v1')), anonymous);
  await engine.onboarding.sendInstitutionEvent(first.id, { type: 'RETURN', reason: '申请表未盖章' }, wuhanReviewer);
  await engine.onboarding.requestQueryCode({ creditCode: hospital.creditCode }, anonymous);
  const code = (await lastSms(engine, 'institution.queryCode', first.id))!.queryCode!;
  const once = await engine.onboarding.register(parts({ ...hospital, queryCode: code }, medicalFiles('v2')), anonymous, { idempotencyKey: 'resubmit-1' });
  const again = await engine.onboarding.register(parts({ ...hospital, queryCode: code }, medicalFiles('v2')), anonymous, { idempotencyKey: 'resubmit-1' });
  t.same(again, once, 'the same answer');
  const history = await engine.institutions.history(first.id, admin);
  t.equal(history.filter((h) => h.event === 'RESUBMIT').length, 1, 'one RESUBMIT in the history');
});
