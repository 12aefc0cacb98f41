import t from 'tap';
import fc from 'fast-check';
import { checkCreditCode, creditCodeCharset, creditCodeCheckCharacter } from '../../src/domain/credit-code.js';

const known = ['91350100M000100Y43', '91110000600037341L', '12330000470051726F'];

t.test('accepts the real codes of domain.md with their check characters', async (t) => {
  for (const code of known) {
    t.same(checkCreditCode(code), { normalised: code, formatOk: true, checkCharacterOk: true, expectedCheckCharacter: code[17] }, code);
    t.equal(creditCodeCheckCharacter(code.slice(0, 17)), code[17]);
  }
});

t.test('uses the 31-character alphabet without I, O, Z, S, V', async (t) => {
  t.equal(creditCodeCharset.length, 31);
  for (const c of 'IOZSV') t.notOk(creditCodeCharset.includes(c), `${c} excluded`);
  t.equal(creditCodeCharset.indexOf('A'), 10);
  t.equal(creditCodeCharset.indexOf('Y'), 30);
});

t.test('normalises case, full-width characters and spaces', async (t) => {
  const r = checkCreditCode(' 9135 0100 m000 100y 43 ');
  t.equal(r.normalised, '91350100M000100Y43');
  t.ok(r.formatOk && r.checkCharacterOk);
  t.ok(checkCreditCode('９１３５０１００Ｍ０００１００Ｙ４３').checkCharacterOk);
});

t.test('reports a wrong check character without failing the format', async (t) => {
  const r = checkCreditCode('91350100M000100Y44');
  t.equal(r.formatOk, true);
  t.equal(r.checkCharacterOk, false);
  t.equal(r.expectedCheckCharacter, '3');
});

t.test('fails the format for wrong length, excluded letters and a non-numeric region', async (t) => {
  const table: [string, string][] = [
    ['', 'empty'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['91350100O000100Y43', 'letter O'],
    ['91350100I000100Y43', 'letter I'],
    ['91350100Z000100Y43', 'letter Z'],
    ['91350100S000100Y43', 'letter S'],
    ['91350100V000100Y43', 'letter V'],
    ['9135010AM000100Y43', 'letter in the region code'],
    ['91350100M000100Y4-', 'hyphen'],
    ['91350100M000100Y4中', 'Chinese character'],
  ];
  for (const [value, why] of table) {
    const r = checkCreditCode(value);
    t.equal(r.formatOk, false, `${why}: format refused`);
    t.equal(r.checkCharacterOk, false, `${why}: no check verdict`);
    t.equal(r.expectedCheckCharacter, undefined);
  }
});

t.test('maps a check value of 31 to 0', async (t) => {
  // Σ mod 31 = 0 → 31 − 0 = 31 → '0'; the all-zero body has Σ = 0.
  t.equal(creditCodeCheckCharacter('00000000000000000'), '0');
  // Σ = 1 (weight 1 on the first character) → 30 → 'Y'.
  t.equal(creditCodeCheckCharacter('10000000000000000'), 'Y');
});

t.test('refuses to compute a check character from a bad body', async (t) => {
  t.throws(() => creditCodeCheckCharacter('9135010'), RangeError);
  t.throws(() => creditCodeCheckCharacter('91350100O000100Y4'), RangeError);
});

const codeChar = fc.constantFrom(...creditCodeCharset);
const bodyArb = fc
  .tuple(fc.array(codeChar, { minLength: 2, maxLength: 2 }), fc.stringMatching(/^\d{6}$/), fc.array(codeChar, { minLength: 9, maxLength: 9 }))
  .map(([head, region, subject]) => head.join('') + region + subject.join(''));

t.test('a generated code with its computed check character passes (property)', async (t) => {
  fc.assert(
    fc.property(bodyArb, (body) => {
      const r = checkCreditCode(body + creditCodeCheckCharacter(body));
      return r.formatOk && r.checkCharacterOk;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('changing any one character of a valid code breaks the check (property)', async (t) => {
  fc.assert(
    fc.property(bodyArb, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (body, position, delta) => {
      const code = [...(body + creditCodeCheckCharacter(body))];
      const alphabet = position >= 2 && position <= 7 ? '0123456789' : creditCodeCharset;
      const original = code[position]!;
      code[position] = alphabet[(alphabet.indexOf(original) + delta) % alphabet.length]!;
      fc.pre(code[position] !== original);
      const r = checkCreditCode(code.join(''));
      return r.formatOk && !r.checkCharacterOk;
    }),
  );
  t.pass('holds for every generated case');
});
