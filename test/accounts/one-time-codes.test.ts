import t from 'tap';
import { consumeCode, issueCode } from '../../src/accounts/one-time-codes.js';
import { newActivationCode, newDigitCode } from '../../src/accounts/secrets.js';
import { testEngine } from '../helpers/engine.js';

const day = 86_400_000;

t.test('an activation code works once, case and dashes aside, and is stored only hashed', async (t) => {
  const { engine, clock } = await testEngine(t);
  const code = newActivationCode();
  t.match(code, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  await issueCode(engine.db, { purpose: 'activation', subject: 'JG-1', code, now: clock.now(), ttlMs: 30 * day });
  const stored = await engine.db.selectFrom('pw_one_time_codes').selectAll().execute();
  t.notOk(JSON.stringify(stored).includes(code.replaceAll('-', '')), 'the code itself is not stored');
  const typed = code.toLowerCase().replaceAll('-', ' ');
  t.equal(await consumeCode(engine.db, { purpose: 'activation', subject: 'JG-1', code: typed, now: clock.now(), maxAttempts: 5 }), null);
  t.equal(await consumeCode(engine.db, { purpose: 'activation', subject: 'JG-1', code, now: clock.now(), maxAttempts: 5 }), 'unknown', 'single use');
});

t.test('a new code retires the old one; an expired code is refused', async (t) => {
  const { engine, clock } = await testEngine(t);
  const first = newDigitCode(6);
  const second = String((Number(first) + 1) % 1_000_000).padStart(6, '0');
  await issueCode(engine.db, { purpose: 'query', subject: 'inst-1', code: first, now: clock.now(), ttlMs: 600_000 });
  await issueCode(engine.db, { purpose: 'query', subject: 'inst-1', code: second, now: clock.now(), ttlMs: 600_000 });
  const check = (code: string) => consumeCode(engine.db, { purpose: 'query', subject: 'inst-1', code, now: clock.now(), maxAttempts: 5, consume: false });
  t.equal(await check(first), 'unknown', 'the old code stopped working');
  t.equal(await check(second), null, 'the new one works');
  clock.advance(600_001);
  t.equal(await check(second), 'expired');
});

t.test('wrong guesses burn a code after the allowed attempts', async (t) => {
  const { engine, clock } = await testEngine(t);
  await issueCode(engine.db, { purpose: 'query', subject: 'inst-2', code: '123456', now: clock.now(), ttlMs: 600_000 });
  const attempt = (code: string) => consumeCode(engine.db, { purpose: 'query', subject: 'inst-2', code, now: clock.now(), maxAttempts: 3 });
  t.equal(await attempt('000000'), 'unknown');
  t.equal(await attempt('000001'), 'unknown');
  t.equal(await attempt('000002'), 'exhausted', 'the third wrong guess retires it');
  t.equal(await attempt('123456'), 'unknown', 'even the right code no longer works');
});
