import t from 'tap';
import { testEngine } from '../helpers/engine.js';
import type { Engine } from '../../src/create-engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { admin, anonymous, hospital, huangshiReviewer, huangshiUnit, lastSms, medicalFiles, parts, plainFiles, refusal, wuhanReviewer } from './fixtures.js';

/** Registers, approves and activates an institution through onboarding; returns its id and main-account actor. */
async function activated(engine: Engine, fields: Record<string, string> = hospital, files = medicalFiles()) {
  const { id } = await engine.onboarding.register(parts(fields, files), anonymous);
  const { accountNo } = await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, admin);
  const code = (await lastSms(engine, 'institution.activationCode', id))!.activationCode!;
  await engine.onboarding.activate({ accountNo, activationCode: code, password: 'Demo@2026' }, anonymous);
  const account = await engine.db.selectFrom('pw_accounts').select('id').where('login', '=', accountNo!).executeTakeFirstOrThrow();
  const main: Actor = { id: account.id, kind: 'institution', institutionId: id };
  return { id, main, accountNo: accountNo! };
}

t.test('lists the ten business lines of the seed, generates 19 as WS-00000-034-19 and activates it', async (t) => {
  const { engine } = await testEngine(t);
  const { id, main } = await activated(engine);
  const rows = await engine.onboarding.businessAccounts(id, main);
  t.same(
    rows.map((r) => [r.seq, r.businessCode, r.accountNo, r.state, r.activated]),
    ['10', '11', '12', '13', '14', '15', '19', '20', '21', '22'].map((code, i) => [i + 1, code, null, 'unissued', false]),
  );
  t.equal(rows[6]!.businessName, '医师资格考试试用期考核证明申报管理');

  const generated = await engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, main);
  t.match(generated, { seq: 7, businessCode: '19', accountNo: 'WS-00000-034-19', state: 'issued', activated: false, activationCode: /^[A-Z0-9-]{14}$/ });
  const account = await engine.db.selectFrom('pw_accounts').selectAll().where('login', '=', 'WS-00000-034-19').executeTakeFirstOrThrow();
  t.match(account, { kind: 'business', business_code: '19', institution_id: id, department_id: '420102', password_hash: null });
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, main)), { code: 'INVALID_TRANSITION' }, 'generated once');

  const reissued = await engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'REISSUE_CODE' }, main);
  t.not(reissued.activationCode, generated.activationCode);
  t.match(
    await refusal(engine.onboarding.activate({ accountNo: 'WS-00000-034-19', activationCode: generated.activationCode!, password: 'Demo@2026' }, anonymous)),
    { code: 'INVALID_CODE' },
    'the first code stopped working',
  );
  const result = await engine.onboarding.activate({ accountNo: 'WS-00000-034-19', activationCode: reissued.activationCode!, password: 'Demo@2026' }, anonymous);
  t.same(result, { accountNo: 'WS-00000-034-19', kind: 'business', state: 'active', stateLabel: '已激活' });
  const session = await engine.accounts.login({ login: 'WS-00000-034-19', password: 'Demo@2026' });
  t.match(session.account, { kind: 'business', businessCode: '19', institutionId: id });
  t.match((await engine.onboarding.businessAccounts(id, main))[6], { state: 'active', activated: true });
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'REISSUE_CODE' }, main)), { code: 'INVALID_TRANSITION' });

  const other = await engine.onboarding.sendBusinessAccountEvent(id, '11', { type: 'GENERATE' }, main);
  t.equal(other.accountNo, 'WS-00000-034-11');
});

t.test('only an activated institution generates (INSTITUTION_NOT_ACTIVE), and nothing is left behind', async (t) => {
  const { engine } = await testEngine(t);
  const { id } = await engine.onboarding.register(parts(hospital, medicalFiles()), anonymous);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'APPROVE' }, admin);
  // An approved institution's main account exists but is not activated yet; imagine a session for it.
  const account = await engine.db.selectFrom('pw_accounts').select('id').where('login', '=', 'JG00000').executeTakeFirstOrThrow();
  const main: Actor = { id: account.id, kind: 'institution', institutionId: id };
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, main)), {
    code: 'INSTITUTION_NOT_ACTIVE',
    details: { rule: 'institutionActivated' },
  });
  t.same(await engine.db.selectFrom('pw_business_accounts').select('id').execute(), []);
  t.same(await engine.db.selectFrom('pw_accounts').select('login').where('kind', '=', 'business').execute(), []);
});

t.test('an institution cannot act on another institution’s business accounts; reviewers see them in their area only', async (t) => {
  const { engine } = await testEngine(t);
  const wuhan = await activated(engine);
  const huangshi = await activated(engine, huangshiUnit, plainFiles());
  await engine.onboarding.sendBusinessAccountEvent(wuhan.id, '19', { type: 'GENERATE' }, wuhan.main);

  // Another institution's accounts do not exist for it: NOT_FOUND, as for a missing institution.
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(wuhan.id, '19', { type: 'REISSUE_CODE' }, huangshi.main)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(wuhan.id, '12', { type: 'GENERATE' }, huangshi.main)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.businessAccounts(wuhan.id, huangshi.main)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.businessAccounts(wuhan.id, huangshiReviewer)), { code: 'NOT_FOUND' });
  t.equal((await engine.onboarding.businessAccounts(wuhan.id, wuhanReviewer)).length, 10);
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(wuhan.id, '12', { type: 'GENERATE' }, wuhanReviewer)), { code: 'FORBIDDEN', details: { rule: 'role' } });
  const business: Actor = { id: 'b', kind: 'business', institutionId: wuhan.id, businessCode: '19' };
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(wuhan.id, '12', { type: 'GENERATE' }, business)), { code: 'FORBIDDEN' });
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(wuhan.id, '99', { type: 'GENERATE' }, wuhan.main)), { code: 'NOT_FOUND' });
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(wuhan.id, '12', { type: 'DISABLE' }, wuhan.main)), { code: 'INVALID_TRANSITION' }, 'not generated yet');
  t.match(await refusal(engine.onboarding.sendBusinessAccountEvent(wuhan.id, '12', { type: 'NOPE' }, wuhan.main)), { code: 'VALIDATION_FAILED' });
  t.equal((await engine.db.selectFrom('pw_business_accounts').select('id').execute()).length, 1);
});

t.test('DISABLE and ENABLE of a business account stop and resume its login', async (t) => {
  const { engine } = await testEngine(t);
  const { id, main } = await activated(engine);
  const { activationCode } = await engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, main);
  await engine.onboarding.activate({ accountNo: 'WS-00000-034-19', activationCode, password: 'Demo@2026' }, anonymous);
  const disabled = await engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'DISABLE' }, main);
  t.match(disabled, { state: 'disabled', activated: true, activationCode: null });
  t.match(await refusal(engine.accounts.login({ login: 'WS-00000-034-19', password: 'Demo@2026' })), { code: 'UNAUTHENTICATED' });
  // Disabling and re-enabling the whole institution leaves the business account disabled on its own.
  await engine.onboarding.sendInstitutionEvent(id, { type: 'DISABLE', reason: '整改' }, admin);
  await engine.onboarding.sendInstitutionEvent(id, { type: 'ENABLE' }, admin);
  t.match(await refusal(engine.accounts.login({ login: 'WS-00000-034-19', password: 'Demo@2026' })), { code: 'UNAUTHENTICATED' });
  t.ok(await engine.accounts.login({ login: 'JG00000', password: 'Demo@2026' }), 'the main account is back');
  await engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'ENABLE' }, admin);
  t.ok(await engine.accounts.login({ login: 'WS-00000-034-19', password: 'Demo@2026' }));
});

t.test('a retried GENERATE with one idempotency key generates once; the retry does not show the code again', async (t) => {
  const { engine } = await testEngine(t);
  const { id, main } = await activated(engine);
  const first = await engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, main, { idempotencyKey: 'gen-19' });
  const retry = await engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, main, { idempotencyKey: 'gen-19' });
  t.equal(retry.accountNo, first.accountNo);
  t.equal(retry.activationCode, null);
  t.ok(first.activationCode);
  t.equal((await engine.db.selectFrom('pw_business_accounts').select('id').execute()).length, 1);
});

t.test('concurrent GENERATEs of one business code: one account, the other INVALID_TRANSITION', async (t) => {
  const { engine } = await testEngine(t);
  const { id, main } = await activated(engine);
  const outcomes = await Promise.allSettled([1, 2, 3].map(() => engine.onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, main)));
  t.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
  for (const o of outcomes) if (o.status === 'rejected') t.equal(o.reason.code, 'INVALID_TRANSITION');
  t.equal((await engine.db.selectFrom('pw_accounts').select('id').where('kind', '=', 'business').execute()).length, 1);
});
