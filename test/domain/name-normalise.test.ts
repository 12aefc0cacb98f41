import t from 'tap';
import fc from 'fast-check';
import { MAX_NAME_LENGTH, isPlausiblePersonName, nameComparisonKey, normaliseName, sameName } from '../../src/domain/name-normalise.js';

t.test('treats every middle-dot variant in minority names as the same', async (t) => {
  const variants = [
    '买买提·艾力', // U+00B7 middle dot
    '买买提•艾力', // U+2022 bullet
    '买买提・艾力', // U+30FB katakana middle dot
    '买买提‧艾力', // U+2027 hyphenation point
    '买买提･艾力', // U+FF65 half-width katakana middle dot
    '买买提．艾力', // U+FF0E full-width full stop
    '买买提.艾力', // ASCII full stop between Chinese characters
    '买买提∙艾力', // U+2219 bullet operator
    '买买提⋅艾力', // U+22C5 dot operator
    '买买提 · 艾力', // spaces around the dot
  ];
  for (const v of variants) {
    t.equal(normaliseName(v), '买买提·艾力', `normalises ${JSON.stringify(v)}`);
    t.ok(sameName(v, '买买提·艾力'), `${JSON.stringify(v)} is the same name`);
  }
});

t.test('ignores whitespace inside and around Chinese names, including the ideographic space', async (t) => {
  const table: [string, string][] = [
    ['张三', '张 三'],
    ['张三', '张\u3000三'],
    ['张三', ' 张三 '],
    ['张三', '\t张  三\n'],
    ['欧阳娜娜', '欧阳 娜娜'],
    ['张三', '张\u200B三'],
  ];
  for (const [a, b] of table) t.ok(sameName(a, b), `${JSON.stringify(a)} = ${JSON.stringify(b)}`);
  t.equal(normaliseName('张\u3000三'), '张三');
});

t.test('folds full-width letters and compares Latin letters without case', async (t) => {
  t.equal(normaliseName('ＪＯＨＮ　Ｓｍｉｔｈ'), 'JOHN Smith');
  t.ok(sameName('ＪＯＨＮ　Ｓｍｉｔｈ', 'John Smith'));
  t.ok(sameName('John  Smith', 'john smith'));
  t.ok(sameName('John Smith', 'JohnSmith'), 'spaces do not matter in the comparison key');
  t.equal(nameComparisonKey(' John  smith '), 'JOHNSMITH');
  t.equal(normaliseName('John   A.  Smith'), 'John A. Smith', 'Latin names keep single inner spaces');
  t.equal(normaliseName('John A. Smith'), 'John A. Smith', 'an initial keeps its ASCII full stop');
});

t.test('folds compatibility ideographs to the unified ones', async (t) => {
  // U+F9D1 is a compatibility form of 六 (U+516D).
  t.ok(sameName('赵\uF9D1', '赵六'));
});

t.test('tells different names apart', async (t) => {
  const table: [string, string][] = [
    ['张三', '张山'],
    ['张三', '张三丰'],
    ['买买提·艾力', '买买提艾力江'],
    ['John Smith', 'Jon Smith'],
  ];
  for (const [a, b] of table) t.notOk(sameName(a, b), `${a} ≠ ${b}`);
  t.notOk(sameName('', ''), 'empty names are never the same');
  t.notOk(sameName('  ', '\u3000'), 'blank names are never the same');
});

t.test('accepts names a person can have', async (t) => {
  for (const name of ['张三', '赵六', '买买提·艾力', '阿沛·阿旺晋美', '欧阳娜娜', 'John A. Smith', "O'Brien", 'Anne-Marie Dupont',
    '𠮷野家', 'José', 'Ｊｏｈｎ', '张 三']) {
    t.ok(isPlausiblePersonName(name), `${name} accepted`);
  }
  t.ok(isPlausiblePersonName('张'.repeat(MAX_NAME_LENGTH)), '50 characters accepted');
});

t.test('refuses names with digits, symbols or misplaced separators', async (t) => {
  for (const name of ['', '  ', '张三1', '张三@', '·艾力', '艾力·', '买买提··艾力', '张-', '-张', '张三!', '😀', '张三(医生)',
    '张'.repeat(MAX_NAME_LENGTH + 1), "张''三", '.张']) {
    t.notOk(isPlausiblePersonName(name), `${JSON.stringify(name)} refused`);
  }
});

t.test('normalising is idempotent and sameName is reflexive and symmetric (property)', async (t) => {
  const nameChars = fc.constantFrom('张', '三', '买', '提', '·', '•', '・', ' ', '\u3000', 'Ａ', 'a', 'B', '．', '.', '\u200B');
  const nameArb = fc.array(nameChars, { maxLength: 12 }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(nameArb, nameArb, (a, b) => {
      const n = normaliseName(a);
      const reflexive = nameComparisonKey(a) === '' || sameName(a, a);
      return normaliseName(n) === n && reflexive && sameName(a, b) === sameName(b, a) && sameName(a, n) === (nameComparisonKey(a) !== '');
    }),
  );
  t.pass('holds for every generated case');
});
