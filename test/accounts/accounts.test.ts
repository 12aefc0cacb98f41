import t from 'tap';
import { refusal } from '../helpers/refusal.js';
import { testEngine } from '../helpers/engine.js';

const validId = '110101199003078515';


t.test('a registered candidate logs in with the ID number in either case of x', async (t) => {
  const { engine } = await testEngine(t);
  const id = '11010119900307002X';
  const account = await engine.accounts.registerCandidate({ idNumber: id.toLowerCase(), name: '赵六', phone: '13812341234', password: 'Zhao@2026' });
  t.equal(account.kind, 'candidate');
  t.equal(account.login, '110101*****002X', 'the ID is masked in the account view');
  t.equal(account.phoneMasked, '138****1234');
  const session = await engine.accounts.login({ login: id, password: 'Zhao@2026' });
  t.match(session, { token: /^[A-Za-z0-9_-]{43}$/, account: { id: account.id } });
  const actor = await engine.accounts.authenticate(session.token);
  t.match(actor, { id: account.id, kind: 'candidate' });
});

t.test('refuses a candidate registration with every bad field listed', async (t) => {
  const { engine } = await testEngine(t);
  const error = await refusal(engine.accounts.registerCandidate({ idNumber: '110101199003078514', name: '', phone: '12345', password: 'short' }));
  t.equal(error.code, 'VALIDATION_FAILED');
  t.same((error.details as { field: string }[]).map((d) => d.field).sort(), ['idNumber', 'name', 'password', 'phone']);
  await engine.accounts.registerCandidate({ idNumber: validId, name: '赵六', phone: '13812341234', password: 'Zhao@2026' });
  const again = await refusal(engine.accounts.registerCandidate({ idNumber: validId, name: '赵六', phone: '13812341234', password: 'Zhao@2026' }));
  t.match(again.details, [{ field: 'idNumber', code: 'taken' }]);
  t.equal((await engine.db.selectFrom('pw_accounts').select('id').execute()).length, 1, 'nothing half-written');
});

t.test('five failed logins lock the account for 30 minutes, even against the right password', async (t) => {
  const { engine, clock } = await testEngine(t);
  await engine.accounts.create({ kind: 'admin', login: 'admin', name: '管理员', password: 'Demo@2026' });
  for (let i = 1; i <= 4; i++) {
    t.equal((await refusal(engine.accounts.login({ login: 'admin', password: 'wrong' }))).code, 'UNAUTHENTICATED', `failure ${i}`);
  }
  const fifth = await refusal(engine.accounts.login({ login: 'admin', password: 'wrong' }));
  t.equal(fifth.code, 'ACCOUNT_LOCKED', 'the fifth failure locks');
  t.equal(fifth.status, 423);
  t.equal((await refusal(engine.accounts.login({ login: 'admin', password: 'Demo@2026' }))).code, 'ACCOUNT_LOCKED');
  clock.advance(29 * 60_000);
  t.equal((await refusal(engine.accounts.login({ login: 'admin', password: 'Demo@2026' }))).code, 'ACCOUNT_LOCKED', 'still locked at 29 minutes');
  clock.advance(61_000);
  t.ok(await engine.accounts.login({ login: 'admin', password: 'Demo@2026' }), 'open again after 30 minutes');
  t.equal((await refusal(engine.accounts.login({ login: 'admin', password: 'wrong' }))).code, 'UNAUTHENTICATED', 'the count starts again');
});

t.test('an unknown login and a wrong password get the same answer', async (t) => {
  const { engine } = await testEngine(t);
  await engine.accounts.create({ kind: 'admin', login: 'admin', name: '管理员', password: 'Demo@2026' });
  const unknown = await refusal(engine.accounts.login({ login: 'nobody', password: 'Demo@2026' }));
  const wrong = await refusal(engine.accounts.login({ login: 'admin', password: 'Demo@2027' }));
  t.same([unknown.code, unknown.message], [wrong.code, wrong.message]);
});

t.test('sessions expire after 30 idle minutes and after 12 hours however active', async (t) => {
  const { engine, clock } = await testEngine(t);
  await engine.accounts.create({ kind: 'admin', login: 'admin', name: '管理员', password: 'Demo@2026' });
  const idle = await engine.accounts.login({ login: 'admin', password: 'Demo@2026' });
  clock.advance(29 * 60_000);
  t.ok(await engine.accounts.authenticate(idle.token), 'alive after 29 idle minutes');
  clock.advance(29 * 60_000);
  t.ok(await engine.accounts.authenticate(idle.token), 'each use restarts the idle timer');
  clock.advance(30 * 60_000 + 1);
  t.equal(await engine.accounts.authenticate(idle.token), null, 'expired after 30 idle minutes');

  const busy = await engine.accounts.login({ login: 'admin', password: 'Demo@2026' });
  for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
    clock.advance(20 * 60_000);
    if (!(await engine.accounts.authenticate(busy.token))) t.fail(`expired early at ${minutes + 20} minutes`);
  }
  clock.advance(21 * 60_000);
  t.equal(await engine.accounts.authenticate(busy.token), null, 'expired 12 hours after login');
});

t.test('logging out revokes the token; unknown and malformed tokens are no one', async (t) => {
  const { engine } = await testEngine(t);
  await engine.accounts.create({ kind: 'admin', login: 'admin', name: '管理员', password: 'Demo@2026' });
  const { token } = await engine.accounts.login({ login: 'admin', password: 'Demo@2026' });
  await engine.accounts.logout(token);
  t.equal(await engine.accounts.authenticate(token), null);
  t.equal(await engine.accounts.authenticate('x'.repeat(43)), null);
  t.equal(await engine.accounts.authenticate(''), null);
  const stored = await engine.db.selectFrom('pw_sessions').selectAll().execute();
  t.notOk(stored.some((s) => s.token_hash === token), 'only the hash is stored');
});

t.test('logins are audited, success and failure, with the address', async (t) => {
  const { engine } = await testEngine(t);
  await engine.accounts.create({ kind: 'admin', login: 'admin', name: '管理员', password: 'Demo@2026' });
  await refusal(engine.accounts.login({ login: 'admin', password: 'nope' }, '10.0.0.7'));
  await refusal(engine.accounts.login({ login: validId, password: 'nope' }, '10.0.0.8'));
  await engine.accounts.login({ login: 'admin', password: 'Demo@2026' }, '10.0.0.7');
  const audit = await engine.db.selectFrom('pw_audit').selectAll().orderBy('id').execute();
  t.same(
    audit.map((a) => [a.action, a.ip, a.detail.reason ?? null]),
    [
      ['login.failure', '10.0.0.7', 'wrongPassword'],
      ['login.failure', '10.0.0.8', 'unknownLogin'],
      ['login.success', '10.0.0.7', null],
    ],
  );
  t.equal(audit[1]!.detail.login, '110101*****8515', 'an unknown ID-number login is stored masked');
});
