import t from 'tap';
import {
  consistentPracticeCategories,
  examCategories,
  examCategoryCodes,
  findExamCategory,
  isExamCategoryCode,
  isPracticeCategoryConsistent,
} from '../../src/domain/exam-categories.js';

t.test('lists the five categories at each level with code, level, label and practice category', async (t) => {
  t.same(
    examCategories.map((c) => [c.code, c.level, c.label, c.practiceCategory]),
    [
      ['110', '执业医师', '110 临床执业医师', '临床'],
      ['120', '执业医师', '120 口腔执业医师', '口腔'],
      ['130', '执业医师', '130 公共卫生执业医师', '公共卫生'],
      ['141', '执业医师', '141 中医执业医师', '中医'],
      ['142', '执业医师', '142 中西医结合执业医师', '中医'],
      ['210', '执业助理医师', '210 临床执业助理医师', '临床'],
      ['220', '执业助理医师', '220 口腔执业助理医师', '口腔'],
      ['230', '执业助理医师', '230 公共卫生执业助理医师', '公共卫生'],
      ['241', '执业助理医师', '241 中医执业助理医师', '中医'],
      ['242', '执业助理医师', '242 中西医结合执业助理医师', '中医'],
    ],
  );
  t.same(examCategoryCodes, ['110', '120', '130', '141', '142', '210', '220', '230', '241', '242']);
  t.equal(findExamCategory('110')?.name, '临床执业医师');
});

t.test('derives the level from the first digit', async (t) => {
  for (const c of examCategories) t.equal(c.level, c.code.startsWith('1') ? '执业医师' : '执业助理医师', c.code);
});

t.test('recognises only the supported codes', async (t) => {
  for (const code of ['143', '144', '145', '341', '441', '100', '111', '310', '', '110 ']) t.notOk(isExamCategoryCode(code), JSON.stringify(code));
  t.notOk(isExamCategoryCode(110));
  t.equal(findExamCategory('143'), undefined);
});

t.test('a teacher of the same class is consistent, any other class is not', async (t) => {
  const table: [Parameters<typeof isPracticeCategoryConsistent>[0], string, boolean][] = [
    ['110', '临床', true], ['210', '临床', true],
    ['110', '口腔', false], ['110', '中医', false], ['110', '公共卫生', false],
    ['120', '口腔', true], ['220', '口腔', true], ['120', '临床', false],
    ['130', '公共卫生', true], ['230', '公共卫生', true], ['130', '临床', false],
    ['141', '中医', true], ['241', '中医', true], ['141', '临床', false],
    ['142', '中医', true], ['242', '中医', true], ['142', '临床', false], ['142', '口腔', false],
    ['110', '外科', false],
  ];
  for (const [code, category, expected] of table) t.equal(isPracticeCategoryConsistent(code, category), expected, `${code} × ${category}`);
  t.same(consistentPracticeCategories('142'), ['中医']);
  t.throws(() => consistentPracticeCategories('999' as never), RangeError);
});
