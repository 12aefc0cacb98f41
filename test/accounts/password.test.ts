import t from 'tap';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/accounts/password.js';

t.test('accepts passwords of 8+ characters with three of upper, lower, digit, symbol', async (t) => {
  for (const ok of ['Demo@2026', 'abcDEF12', 'abc123!@#', 'ABC123!@', 'Ab1!Ab1!', '密码Ab12345']) t.equal(passwordProblem(ok), null, ok);
});

t.test('refuses short or one-dimensional passwords with a Chinese message naming the rule', async (t) => {
  const cases: [unknown, string][] = [
    ['', 'required'],
    [undefined, 'required'],
    [12345678, 'required'],
    ['Ab1!', 'weakPassword'],
    ['abcdefgh', 'weakPassword'],
    ['abcdefg1', 'weakPassword'],
    ['ABCDEFG!', 'weakPassword'],
    ['x'.repeat(129), 'tooLong'],
  ];
  for (const [input, code] of cases) {
    const problem = passwordProblem(input);
    t.equal(problem?.code, code, `${String(input).slice(0, 12)} → ${code}`);
    t.match(problem?.message, /[\u4e00-\u9fff]/);
  }
});

t.test('hashes with a per-password salt and verifies only the right password', async (t) => {
  const a = await hashPassword('Demo@2026');
  const b = await hashPassword('Demo@2026');
  t.not(a, b, 'two hashes of one password differ (salt)');
  t.match(a, /^scrypt\$32768\$8\$1\$/);
  t.notMatch(a, /Demo@2026/);
  t.ok(await verifyPassword('Demo@2026', a));
  t.notOk(await verifyPassword('demo@2026', a));
  t.notOk(await verifyPassword('Demo@2026', 'md5$abc'), 'a malformed stored value never matches');
});
