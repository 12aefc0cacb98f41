import t from 'tap';
import fc from 'fast-check';
import {
  idTypeLabels,
  idTypes,
  isIdType,
  parseResidentId,
  provinceCodes,
  residentIdCheckCharacter,
  validateIdDocument,
} from '../../src/domain/id-card.js';
import { residentId, zhaoLiuId } from './fixtures/seed.js';

const today = '2024-06-30';

t.test('accepts the published example numbers', async (t) => {
  const examples: [string, string, 'male' | 'female'][] = [
    ['11010519491231002X', '1949-12-31', 'female'],
    ['440524188001010014', '1880-01-01', 'male'],
    ['34052419800101001X', '1980-01-01', 'male'],
    [zhaoLiuId, '1990-01-09', 'male'],
  ];
  for (const [id, birthDate, gender] of examples) {
    const r = parseResidentId(id, { today });
    t.ok(r.ok, `${id} is valid`);
    if (r.ok) {
      t.equal(r.value, id);
      t.equal(r.birthDate, birthDate);
      t.equal(r.gender, gender);
      t.equal(r.regionCode, id.slice(0, 6));
      t.equal(r.provinceCode, id.slice(0, 2));
    }
  }
});

t.test('computes the MOD 11-2 check character', async (t) => {
  t.equal(residentIdCheckCharacter('11010519491231002'), 'X');
  t.equal(residentIdCheckCharacter('44052418800101001'), '4');
  t.equal(residentIdCheckCharacter('34052419800101001'), 'X');
  t.equal(residentIdCheckCharacter('14010519900109793'), '2');
  // Each remainder 0..10 maps to 1 0 X 9 8 7 6 5 4 3 2: the body 0…0d with weight 2 on the last digit.
  t.equal(residentIdCheckCharacter('00000000000000000'), '1', 'sum 0 → 1');
  t.equal(residentIdCheckCharacter('00000000000000001'), 'X', 'sum 2 → X');
  t.equal(residentIdCheckCharacter('00000000000000005'), '2', 'sum 10 → 2');
  t.throws(() => residentIdCheckCharacter('1234'), RangeError);
  t.throws(() => residentIdCheckCharacter('1101051949123100X'), RangeError);
});

t.test('normalises a lower-case x, full-width characters and spaces', async (t) => {
  const lower = parseResidentId('11010519491231002x', { today });
  t.ok(lower.ok && lower.value === '11010519491231002X');
  const spaced = parseResidentId(' 110105 19491231 002X ', { today });
  t.ok(spaced.ok && spaced.value === '11010519491231002X');
  const fullWidth = parseResidentId('１１０１０５１９４９１２３１００２ｘ', { today });
  t.ok(fullWidth.ok && fullWidth.value === '11010519491231002X');
});

t.test('reports the gender from the odd or even sequence digit', async (t) => {
  for (const seq of ['001', '003', '125', '997', '999']) {
    const r = parseResidentId(residentId('420102', '19950615', seq), { today });
    t.ok(r.ok && r.gender === 'male', `${seq} is male`);
  }
  for (const seq of ['000', '002', '124', '998']) {
    const r = parseResidentId(residentId('420102', '19950615', seq), { today });
    t.ok(r.ok && r.gender === 'female', `${seq} is female`);
  }
});

t.test('refuses malformed numbers with a stable code', async (t) => {
  const valid = residentId('420102', '19950615', '123');
  const table: [string, string, string][] = [
    ['', 'required', 'empty'],
    ['   ', 'required', 'only spaces'],
    [valid.slice(0, 17), 'format', '17 digits'],
    [valid + '1', 'format', '19 digits'],
    ['42010219950615123A', 'format', 'letter other than X as check character'],
    ['4201021995061A1234', 'format', 'letter inside the body'],
    ['420102950615123', 'format', '15-digit legacy number'],
    ['X20102199506151234', 'format', 'X at the start'],
    [residentId('000000', '19950615', '123'), 'region', 'province 00'],
    [residentId('100000', '19950615', '123'), 'region', 'province 10'],
    [residentId('160000', '19950615', '123'), 'region', 'province 16'],
    [residentId('470000', '19950615', '123'), 'region', 'province 47'],
    [residentId('550000', '19950615', '123'), 'region', 'province 55'],
    [residentId('660000', '19950615', '123'), 'region', 'province 66'],
    [residentId('840000', '19950615', '123'), 'region', 'province 84'],
    [residentId('910000', '19950615', '123'), 'region', 'province 91'],
    [residentId('420102', '19900230', '123'), 'birthDate', '30 February'],
    [residentId('420102', '19910229', '123'), 'birthDate', '29 February of a common year'],
    [residentId('420102', '19901301', '123'), 'birthDate', 'month 13'],
    [residentId('420102', '19900100', '123'), 'birthDate', 'day 0'],
    [residentId('420102', '17991231', '123'), 'birthDate', 'before 1800'],
    [residentId('420102', '20240701', '123'), 'futureBirthDate', 'born tomorrow'],
    [residentId('420102', '20300101', '123'), 'futureBirthDate', 'born in 2030'],
  ];
  for (const [value, code, why] of table) {
    const r = parseResidentId(value, { today });
    t.equal(r.ok, false, `${why} is refused`);
    if (!r.ok) {
      t.equal(r.code, code, `${why} → ${code}`);
      t.match(r.message, /身份证/, 'message is Chinese and names the document');
    }
  }
});

t.test('accepts a birth date equal to today and 29 February of a leap year', async (t) => {
  t.ok(parseResidentId(residentId('420102', '20240630', '123'), { today }).ok);
  t.ok(parseResidentId(residentId('420102', '20000229', '123'), { today }).ok);
});

t.test('refuses a number whose check character is wrong', async (t) => {
  const valid = residentId('420102', '19950615', '123');
  for (const c of '0123456789X') {
    if (c === valid[17]) continue;
    const r = parseResidentId(valid.slice(0, 17) + c, { today });
    t.ok(!r.ok && r.code === 'checkCharacter', `check character ${c} is refused`);
  }
});

t.test('accepts every province-level prefix of GB/T 2260 and the residence-permit prefixes', async (t) => {
  const expected = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
    '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];
  t.same([...provinceCodes].sort(), expected);
  for (const p of expected) t.ok(parseResidentId(residentId(`${p}0000`, '19950615', '123'), { today }).ok, `${p} accepted`);
});

t.test('rejects a malformed today as a programming error', async (t) => {
  t.throws(() => parseResidentId(zhaoLiuId, { today: '2024-02-30' }), RangeError);
});

const regionArb = fc.constantFrom(...[...provinceCodes]).chain((p) =>
  fc.stringMatching(/^\d{4}$/).map((rest) => p + rest),
);
const birthArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-06-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
const validIdArb = fc
  .tuple(regionArb, birthArb, fc.stringMatching(/^\d{3}$/))
  .map(([r, b, s]) => residentId(r, b, s));

t.test('a generated valid number passes (property)', async (t) => {
  fc.assert(
    fc.property(validIdArb, (id) => {
      const r = parseResidentId(id, { today });
      return r.ok && r.value === id && r.birthDate.replace(/-/g, '') === id.slice(6, 14);
    }),
  );
  t.pass('holds for every generated case');
});

t.test('changing any one digit of a valid number makes it fail (property)', async (t) => {
  fc.assert(
    fc.property(validIdArb, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (id, position, delta) => {
      const chars = [...id];
      const old = chars[position]!;
      // The check position cycles through all 11 characters, the others through digits.
      const alphabet = position === 17 ? '0123456789X' : '0123456789';
      chars[position] = alphabet[(alphabet.indexOf(old) + delta) % alphabet.length]!;
      return !parseResidentId(chars.join(''), { today }).ok;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('swapping two different adjacent digits makes it fail (property)', async (t) => {
  fc.assert(
    fc.property(validIdArb, fc.integer({ min: 0, max: 15 }), (id, i) => {
      fc.pre(id[i] !== id[i + 1]);
      const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
      return !parseResidentId(swapped, { today }).ok;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('checks the other document types by format only', async (t) => {
  const ok: [Parameters<typeof validateIdDocument>[0], string, string][] = [
    ['passport', 'E12345678', 'E12345678'],
    ['passport', 'ea1234567', 'EA1234567'],
    ['passport', ' K 2534 5719 ', 'K25345719'],
    ['passport', 'X1234', 'X1234'],
    ['passport', '12345678901234567', '12345678901234567'],
    ['hk-macao-permit', 'H12345678', 'H12345678'],
    ['hk-macao-permit', 'm1234567890', 'M1234567890'],
    ['taiwan-permit', '07257456', '07257456'],
    ['taiwan-permit', 'F290299977', 'F290299977'],
    ['taiwan-permit', '1234567890', '1234567890'],
  ];
  for (const [type, input, value] of ok) {
    const r = validateIdDocument(type, input, { today });
    t.same(r, { ok: true, value }, `${type} ${input}`);
  }
  const bad: [Parameters<typeof validateIdDocument>[0], string, string][] = [
    ['passport', '', 'required'],
    ['passport', 'ABCDEFGH', 'format'],
    ['passport', 'E123', 'format'],
    ['passport', '123456789012345678', 'format'],
    ['passport', 'E1234567-8', 'format'],
    ['hk-macao-permit', 'H1234567', 'format'],
    ['hk-macao-permit', 'H123456789', 'format'],
    ['hk-macao-permit', 'K12345678', 'format'],
    ['hk-macao-permit', '12345678', 'format'],
    ['taiwan-permit', '1234567', 'format'],
    ['taiwan-permit', '123456789', 'format'],
    ['taiwan-permit', '12345678901', 'format'],
    ['taiwan-permit', '', 'required'],
  ];
  for (const [type, input, code] of bad) {
    const r = validateIdDocument(type, input, { today });
    t.ok(!r.ok && r.code === code, `${type} ${JSON.stringify(input)} → ${code}`);
  }
});

t.test('validates a resident ID document fully', async (t) => {
  const r = validateIdDocument('resident-id', '11010519491231002x', { today });
  t.ok(r.ok && 'gender' in r && r.gender === 'female');
  const wrong = validateIdDocument('resident-id', '110105194912310021', { today });
  t.ok(!wrong.ok && wrong.code === 'checkCharacter');
});

t.test('refuses an unknown document type coming from stored data', async (t) => {
  const r = validateIdDocument('driving-licence' as never, 'E12345678', { today });
  t.ok(!r.ok && r.code === 'idType');
});

t.test('lists the document types with Chinese labels', async (t) => {
  t.same(idTypes, ['resident-id', 'passport', 'hk-macao-permit', 'taiwan-permit']);
  for (const type of idTypes) t.ok(isIdType(type) && idTypeLabels[type].length > 0);
  t.notOk(isIdType('身份证'));
  t.notOk(isIdType(undefined));
  t.equal(idTypeLabels['resident-id'], '居民身份证');
});
