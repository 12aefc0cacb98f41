import t from 'tap';
import { isPhysicianLevel, isPracticeCategory, physicianLevels, practiceCategories } from '../../src/domain/practice-categories.js';

t.test('has two levels and four categories', async (t) => {
  t.same(physicianLevels, ['执业医师', '执业助理医师']);
  t.same(practiceCategories, ['临床', '口腔', '公共卫生', '中医']);
});

t.test('recognises levels and categories exactly', async (t) => {
  t.ok(isPhysicianLevel('执业医师'));
  t.ok(isPhysicianLevel('执业助理医师'));
  for (const v of ['医师', '助理医师', ' 执业医师', '', null]) t.notOk(isPhysicianLevel(v), JSON.stringify(v));
  for (const c of practiceCategories) t.ok(isPracticeCategory(c));
  for (const v of ['外科', '中西医结合', '公卫', '', 3]) t.notOk(isPracticeCategory(v), JSON.stringify(v));
});
