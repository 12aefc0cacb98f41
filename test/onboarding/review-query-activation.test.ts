import t from 'tap';
import { district, testEngine } from '../helpers/engine.js';
import type { Engine } from '../../src/create-engine.js';
import { withChannel } from '../../src/onboarding/command-channel.js';
import {
  admin,
  anonymous,
  hospital,
  huangshiReviewer,
  huangshiUnit,
  lastSms,
  medicalFiles,
  parts,
  plainFiles,
  redCreditCode,
  refusal,
  wuhanReviewer,
} from './fixtures.js';

async function registered(engine: Engine, fields: Record<string, string> = hospital, files = medicalFiles()) {
  return (await engine.onboarding.register(parts(fields, files), anonymous)).id;
}

/** Asks for a query code and reads it off the "phone" (the outbox). */
async function queryCode(engine: Engine, creditCode: string, institutionId: string) {
  await engine.onboarding.requestQueryCode({ creditCode }, anonymous);
  return (await lastSms(engine, 'institution.queryCode', institutionId))!.queryCode!;
}

t.test('the facts of APPROVE are a pure read: asking them opens no account and reserves no number', async (t) => {
  const { engine } = await testEngine(t);
  const id = await registered(engine);
  const row = await engine.db.selectFrom('pw_institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const count = async (table: 'pw_accounts' | 'pw_outbox') =>
    Number((await engine.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const before = { accounts: await count('pw_accounts'), outbox: await count('pw_outbox') };
  const facts = await engine.db.transaction().execute((trx) =>
    engine.institutions.definition.facts!({ trx, row: row as never, columns: {}, event: { type: 'APPROVE' }, actor: district, now: engine.clock.now() }),
  );
  t.same(facts, { red: false });
  t.same({ accounts: await count('pw_accounts'), outbox: await count('pw_outbox') }, before);
  const after = await engine.db.selectFrom('pw_institutions').select(['serial', 'account_no', 'check_code']).where('id', '=', id).executeTakeFirstOrThrow();
  t.same(after, { serial: null, account_no: null, check_code: null });
});

t.test('the facts of ACTIVATE only check the code: it is spent, and the password set, by the effect of the accepted event', async (t) => {
  const { engine } = await testEngine(t);
  const id = await registered(engine);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, wuhanReviewer);
  const code = (await lastSms(engine, 'institution.activationCode', id))!.activationCode!;
  const row = await engine.db.selectFrom('pw_institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const unused = () => engine.db.selectFrom('pw_one_time_codes').select('id').where('subject', '=', 'JG00000').where('used_at', 'is', null).execute();
  const ask = (activationCode: string) =>
    engine.db.transaction().execute((trx) =>
      engine.institutions.definition.facts!({
        trx,
        row: row as never,
        columns: {},
        event: withChannel({ type: 'ACTIVATE' }, { activationCode, password: 'Demo@2026' }),
        actor: anonymous,
        now: engine.clock.now(),
      }),
    );
  t.same(await ask(code), { activationCodeValid: true });
  t.same(await ask('AAAA-BBBB-CCCC'), { activationCodeValid: false });
  t.equal((await unused()).length, 1, 'asking spends nothing');
  const account = () => engine.db.selectFrom('pw_accounts').select('password_hash').where('login', '=', 'JG00000').executeTakeFirstOrThrow();
  t.equal((await account()).password_hash, null);
  await engine.institutions.send(id, withChannel({ type: 'ACTIVATE' }, { activationCode: code, password: 'Demo@2026' }), anonymous);
  t.equal((await unused()).length, 0, 'the accepted ACTIVATE spent it');
  t.not((await account()).password_hash, null, 'and set the password');
});

t.test('APPROVE issues 机构证号, serial, check code, a password-less main account and texts the activation code', async (t) => {
  const { engine } = await testEngine(t);
  const id = await registered(engine);
  const detail = await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, wuhanReviewer);
  t.match(detail, { state: 'approved', stateLabel: '审核通过（待激活）', accountNo: 'JG00000' });
  const row = await engine.db.selectFrom('pw_institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  t.equal(row.serial, 0);
  t.match(row.check_code, /^\d{6}$/);
  const account = await engine.db.selectFrom('pw_accounts').selectAll().where('login', '=', 'JG00000').executeTakeFirstOrThrow();
  t.match(account, { kind: 'institution', institution_id: id, department_id: '420102', password_hash: null, name: '武汉市第1911医院' });
  const sms = await lastSms(engine, 'institution.activationCode', id);
  t.match(sms, { channel: 'sms', phone: '13812341234', accountNo: 'JG00000', activationCode: /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/ });
  const topics = (await engine.db.selectFrom('pw_outbox').select('topic').orderBy('id').execute()).map((r) => r.topic);
  t.same(topics, ['institution.activationCode', 'institution.approved']);
  const history = detail.history.at(-1)!;
  t.match(history, { event: 'APPROVE', payload: { issued: { accountNo: 'JG00000' } } }, 'the history records what the effect issued');
  t.notMatch(JSON.stringify(detail.history), sms!.activationCode!, 'the code is never in the history');

  const second = await registered(engine, huangshiUnit, plainFiles());
  const other = await engine.onboarding.sendInstitutionEvent(second, { type: 'APPROVE' }, admin);
  t.equal(other.accountNo, 'JG00001', 'serials are issued in order');
});

t.test('a refused APPROVE gives its serial back: the next approval still gets JG00000', async (t) => {
  const { engine } = await testEngine(t);
  const red = await registered(engine, { ...hospital, creditCode: redCreditCode });
  t.equal((await refusal(engine.onboarding.sendInstitutionEvent(red, { type: 'APPROVE' }, admin))).code, 'REASON_REQUIRED');
  t.same(await engine.db.selectFrom('pw_accounts').select('login').execute(), [], 'no account left behind');
  t.same(await engine.db.selectFrom('pw_outbox').select('id').execute(), [], 'no SMS left behind');
  const approved = await engine.onboarding.sendInstitutionEvent(red, { type: 'APPROVE', reason: '已核实' }, admin);
  t.equal(approved.accountNo, 'JG00000');
});

t.test('REJECT and RETURN need a reason; for a reviewer of another city the registration does not exist', async (t) => {
  const { engine } = await testEngine(t);
  const id = await registered(engine);
  t.match(await refusal(engine.onboarding.sendInstitutionEvent(id, { type: 'REJECT' }, wuhanReviewer)), { code: 'REASON_REQUIRED' });
  t.match(await refusal(engine.onboarding.sendInstitutionEvent(id, { type: 'RETURN', reason: '  ' }, wuhanReviewer)), { code: 'REASON_REQUIRED' });
  t.match(await refusal(engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, huangshiReviewer)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.getInstitution(id, huangshiReviewer)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, anonymous)), { code: 'FORBIDDEN', details: { rule: 'role' } });
  const page = await engine.onboarding.listInstitutions(huangshiReviewer);
  t.same(page, { items: [], total: 0, page: 1, pageSize: 10 });
  t.equal((await engine.onboarding.listInstitutions(wuhanReviewer)).total, 1);
});

t.test('GET /institutions filters by state and searches by name, credit code, 登记号 and 机构证号, paginated', async (t) => {
  const { engine, clock } = await testEngine(t);
  const a = await registered(engine);
  clock.advance(60_000);
  const b = await registered(engine, { ...huangshiUnit, departmentId: '420106', name: '武昌区第二医院' }, plainFiles('b'));
  await engine.onboarding.sendInstitutionEvent(b, { type: 'APPROVE' }, admin);
  const ids = async (filter: Parameters<Engine['onboarding']['listInstitutions']>[1]) =>
    (await engine.onboarding.listInstitutions(wuhanReviewer, filter)).items.map((i) => i.id);
  t.same(await ids({ state: 'applied' }), [a]);
  t.same(await ids({ state: 'approved' }), [b]);
  t.same(await ids({ q: '1911' }), [a]);
  t.same(await ids({ q: '12420102mb' }), [a], 'credit code prefix, any case');
  t.same(await ids({ q: '5252223212582111254' }), [a]);
  t.same(await ids({ q: 'JG00000' }), [b]);
  t.same(await ids({ q: '100%_' }), [], 'LIKE wildcards are literal');
  const page = await engine.onboarding.listInstitutions(admin, { page: 2, pageSize: 1 });
  t.match(page, { total: 2, page: 2, pageSize: 1 });
  t.same(page.items.map((i) => i.id), [a], 'newest first');
  t.equal(page.items[0]!.adminPhoneMasked, '138****1234');
  t.match(await refusal(engine.onboarding.listInstitutions(admin, { state: 'none' })), { code: 'VALIDATION_FAILED' });
  const institutionActor = { id: 'x', kind: 'institution' as const, institutionId: a };
  t.match(await refusal(engine.onboarding.listInstitutions(institutionActor)), { code: 'FORBIDDEN' });
});

t.test('申请查询: the query code is texted, single use, expiring, and wrong guesses count', async (t) => {
  const { engine, clock } = await testEngine(t);
  const id = await registered(engine);

  await engine.onboarding.requestQueryCode({ creditCode: '91420100MA4K00001U' }, anonymous);
  t.same(await engine.db.selectFrom('pw_outbox').select('id').execute(), [], 'an unknown credit code texts nobody (and answers the same)');

  const code = await queryCode(engine, hospital.creditCode, id);
  t.match(code, /^\d{6}$/);
  await engine.onboarding.requestQueryCode({ creditCode: hospital.creditCode }, anonymous);
  t.equal((await engine.db.selectFrom('pw_outbox').select('id').execute()).length, 1, 'at most one text a minute');

  t.match(await refusal(engine.onboarding.query({ creditCode: hospital.creditCode, code: '12345' }, anonymous)), {
    code: 'VALIDATION_FAILED',
    details: [{ field: 'code', message: '验证码长度为6位' }],
  });
  const wrong = code === '000000' ? '111111' : '000000';
  t.match(await refusal(engine.onboarding.query({ creditCode: hospital.creditCode, code: wrong }, anonymous)), { code: 'INVALID_CODE', status: 401 });
  t.match(await refusal(engine.onboarding.query({ creditCode: '91420100MA4K00001U', code }, anonymous)), { code: 'INVALID_CODE' }, 'unknown credit code');
  const live = await engine.db.selectFrom('pw_one_time_codes').selectAll().where('purpose', '=', 'query').where('used_at', 'is', null).executeTakeFirstOrThrow();
  t.equal(live.failed_attempts, 1, 'the wrong guess was counted');

  t.same(await engine.onboarding.query({ creditCode: hospital.creditCode.toLowerCase(), code }, anonymous), { state: 'applied', stateLabel: '待审核' });
  t.match(await refusal(engine.onboarding.query({ creditCode: hospital.creditCode, code }, anonymous)), { code: 'INVALID_CODE' }, 'single use');

  clock.advance(61_000);
  const late = await queryCode(engine, hospital.creditCode, id);
  clock.advance(engine.security.queryCodeMinutes * 60_000 + 1);
  t.match(await refusal(engine.onboarding.query({ creditCode: hospital.creditCode, code: late }, anonymous)), { code: 'INVALID_CODE' }, 'expired');

  const burned = await queryCode(engine, hospital.creditCode, id);
  const bad = burned === '000000' ? '111111' : '000000';
  for (let i = 0; i < engine.security.codeMaxAttempts; i++) {
    await refusal(engine.onboarding.query({ creditCode: hospital.creditCode, code: bad }, anonymous));
  }
  t.match(await refusal(engine.onboarding.query({ creditCode: hospital.creditCode, code: burned }, anonymous)), { code: 'INVALID_CODE' }, 'retired after too many guesses');
});

t.test('申请查询 of a rejected registration shows the reason; of an approved one the 机构证号 and a fresh activation code', async (t) => {
  const { engine, clock } = await testEngine(t);
  const id = await registered(engine);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'REJECT', reason: '材料不全' }, wuhanReviewer);
  t.same(await engine.onboarding.query({ creditCode: hospital.creditCode, code: await queryCode(engine, hospital.creditCode, id) }, anonymous), {
    state: 'rejected',
    stateLabel: '审核不通过',
    reason: '材料不全',
  });

  clock.advance(61_000);
  // The resubmission proves the registered phone with a fresh 申请查询 code.
  await engine.onboarding.register(parts({ ...hospital, queryCode: await queryCode(engine, hospital.creditCode, id) }, medicalFiles('again')), anonymous);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, wuhanReviewer);
  const texted = (await lastSms(engine, 'institution.activationCode', id))!.activationCode!;
  clock.advance(61_000);
  const result = await engine.onboarding.query({ creditCode: hospital.creditCode, code: await queryCode(engine, hospital.creditCode, id) }, anonymous);
  t.match(result, { state: 'approved', accountNo: 'JG00000', activationCode: /^[A-Z0-9-]{14}$/ });
  t.not(result.activationCode, texted);
  const history = await engine.institutions.history(id, admin);
  t.match(history.at(-1), { event: 'REISSUE_CODE', actorRole: 'public' });

  const old = await refusal(engine.onboarding.activate({ accountNo: 'JG00000', activationCode: texted, password: 'Demo@2026' }, anonymous));
  t.equal(old.code, 'INVALID_CODE', 'the texted code stopped working');
  const activated = await engine.onboarding.activate({ accountNo: 'JG00000', activationCode: result.activationCode, password: 'Demo@2026' }, anonymous);
  t.same(activated, { accountNo: 'JG00000', kind: 'institution', state: 'activated', stateLabel: '已激活' });

  clock.advance(61_000);
  t.same(await engine.onboarding.query({ creditCode: hospital.creditCode, code: await queryCode(engine, hospital.creditCode, id) }, anonymous), {
    state: 'activated',
    stateLabel: '已激活',
    accountNo: 'JG00000',
  });
});

t.test('a public REISSUE_CODE without a valid query code is refused by the machine (rule queryCodeVerified)', async (t) => {
  const { engine } = await testEngine(t);
  const id = await registered(engine);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, admin);
  const before = await engine.institutions.get(id, admin);
  t.match(await refusal(engine.institutions.send(id, { type: 'REISSUE_CODE' }, anonymous)), { code: 'INVALID_CODE', details: { rule: 'queryCodeVerified' } });
  t.match(await refusal(engine.institutions.send(id, withChannel({ type: 'REISSUE_CODE' }, { queryCode: '123456' }), anonymous)), { code: 'INVALID_CODE' });
  t.equal((await engine.institutions.get(id, admin)).version, before.version);
  const byReviewer = await engine.onboarding.sendInstitutionEvent(id, { type: 'REISSUE_CODE' }, wuhanReviewer);
  t.equal(byReviewer.state, 'approved');
  t.equal((await engine.db.selectFrom('pw_outbox').select('id').where('topic', '=', 'institution.activationCode').execute()).length, 2, 'a reviewer’s reissue is texted');
});

t.test('activation: wrong, reused and expired codes are INVALID_CODE; a weak password is refused before the code is touched', async (t) => {
  const { engine, clock } = await testEngine(t);
  const id = await registered(engine);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, admin);
  const code = (await lastSms(engine, 'institution.activationCode', id))!.activationCode!;

  const weak = await refusal(engine.onboarding.activate({ accountNo: 'JG00000', activationCode: code, password: 'weakpass' }, anonymous));
  t.match(weak, { code: 'VALIDATION_FAILED', details: [{ field: 'password', code: 'weakPassword' }] });
  t.match(await refusal(engine.onboarding.activate({ accountNo: 'JG99999', activationCode: code, password: 'Demo@2026' }, anonymous)), { code: 'INVALID_CODE' });
  t.match(await refusal(engine.onboarding.activate({ accountNo: 'JG00000', activationCode: 'AAAA-BBBB-CCCC', password: 'Demo@2026' }, anonymous)), { code: 'INVALID_CODE' });
  const row = await engine.db.selectFrom('pw_one_time_codes').selectAll().where('subject', '=', 'JG00000').where('used_at', 'is', null).executeTakeFirstOrThrow();
  t.equal(row.failed_attempts, 1, 'only the wrong code counted');
  t.match(await refusal(engine.accounts.login({ login: 'JG00000', password: 'Demo@2026' })), { code: 'UNAUTHENTICATED' }, 'no login before activation');

  await engine.onboarding.activate({ accountNo: ' JG00000 ', activationCode: code.toLowerCase(), password: 'Demo@2026' }, anonymous);
  const session = await engine.accounts.login({ login: 'JG00000', password: 'Demo@2026' });
  t.match(session.account, { kind: 'institution', institutionId: id, activated: true });
  t.match(await refusal(engine.onboarding.activate({ accountNo: 'JG00000', activationCode: code, password: 'Other@2026' }, anonymous)), { code: 'INVALID_CODE' }, 'single use');

  const other = await registered(engine, huangshiUnit, plainFiles());
  await engine.onboarding.sendInstitutionEvent(other, { type: 'APPROVE' }, admin);
  const otherCode = (await lastSms(engine, 'institution.activationCode', other))!.activationCode!;
  clock.advance(engine.security.activationCodeDays * 86_400_000 + 1);
  t.match(await refusal(engine.onboarding.activate({ accountNo: 'JG00001', activationCode: otherCode, password: 'Demo@2026' }, anonymous)), { code: 'INVALID_CODE' }, 'expired');
});

t.test('DISABLE locks the institution’s accounts out until ENABLE', async (t) => {
  const { engine } = await testEngine(t);
  const id = await registered(engine);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, admin);
  const code = (await lastSms(engine, 'institution.activationCode', id))!.activationCode!;
  await engine.onboarding.activate({ accountNo: 'JG00000', activationCode: code, password: 'Demo@2026' }, anonymous);
  t.match(await refusal(engine.onboarding.sendInstitutionEvent(id, { type: 'DISABLE' }, admin)), { code: 'REASON_REQUIRED' });
  t.match(await refusal(engine.onboarding.sendInstitutionEvent(id, { type: 'DISABLE', reason: '注销' }, wuhanReviewer)), { code: 'FORBIDDEN' });
  await engine.onboarding.sendInstitutionEvent(id, { type: 'DISABLE', reason: '机构注销' }, admin);
  t.match(await refusal(engine.accounts.login({ login: 'JG00000', password: 'Demo@2026' })), { code: 'UNAUTHENTICATED' });
  await engine.onboarding.sendInstitutionEvent(id, { type: 'ENABLE' }, admin);
  t.ok(await engine.accounts.login({ login: 'JG00000', password: 'Demo@2026' }));
});
