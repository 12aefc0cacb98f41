/**
 * 报考类别 of the physician qualification exam that go through the one-year
 * probation (SPEC §4.3; codes from domain.md §3.1). The first digit is the
 * level (1 执业医师, 2 执业助理医师), the other two the class. The 蒙/藏/维医
 * (143–145) and 师承/确有专长 (3xx/4xx) routes are left out as SPEC §4.3 lists
 * them: the latter need no probation certificate at all.
 */

import type { PhysicianLevel, PracticeCategory } from './practice-categories.js';

/** A supported 报考类别 code. */
export type ExamCategoryCode = '110' | '120' | '130' | '141' | '142' | '210' | '220' | '230' | '241' | '242';

/** One 报考类别. */
export interface ExamCategory {
  code: ExamCategoryCode;
  /** 报考级别, following from the first digit. */
  level: PhysicianLevel;
  /** Name without the code, e.g. `临床执业医师`. */
  name: string;
  /** Code and name as the platform shows them, e.g. `110 临床执业医师`. */
  label: string;
  /** The 执业类别 the exam leads to (中西医结合 is registered under 中医). */
  practiceCategory: PracticeCategory;
}

const classes: readonly { digits: string; name: string; practiceCategory: PracticeCategory }[] = [
  { digits: '10', name: '临床', practiceCategory: '临床' },
  { digits: '20', name: '口腔', practiceCategory: '口腔' },
  { digits: '30', name: '公共卫生', practiceCategory: '公共卫生' },
  { digits: '41', name: '中医', practiceCategory: '中医' },
  { digits: '42', name: '中西医结合', practiceCategory: '中医' },
];

const levels: readonly { digit: string; level: PhysicianLevel }[] = [
  { digit: '1', level: '执业医师' },
  { digit: '2', level: '执业助理医师' },
];

/** All supported categories: the 执业医师 ones first, each level in code order. */
export const examCategories: readonly ExamCategory[] = Object.freeze(
  levels.flatMap(({ digit, level }) =>
    classes.map(({ digits, name, practiceCategory }) => {
      const code = `${digit}${digits}` as ExamCategoryCode;
      const fullName = `${name}${level}`;
      return Object.freeze({ code, level, name: fullName, label: `${code} ${fullName}`, practiceCategory });
    }),
  ),
);

/** The category codes in table order. */
export const examCategoryCodes: readonly ExamCategoryCode[] = examCategories.map((c) => c.code);

/**
 * Narrows an unknown value to an {@link ExamCategoryCode}.
 *
 * @example
 * isExamCategoryCode('110'); // true
 * isExamCategoryCode('143'); // false — not among the supported categories
 */
export function isExamCategoryCode(value: unknown): value is ExamCategoryCode {
  return typeof value === 'string' && (examCategoryCodes as readonly string[]).includes(value);
}

/**
 * The category of a code, or `undefined`.
 *
 * @example
 * findExamCategory('210')?.label; // '210 临床执业助理医师'
 */
export function findExamCategory(code: string): ExamCategory | undefined {
  return examCategories.find((c) => c.code === code);
}

/**
 * The 执业类别 a supervising physician may hold for the probation to count as
 * "与报考类别相一致": the class of the exam, at either level. The law does not
 * require the teacher's category (domain.md §1.5); this is the soft check
 * behind a red indicator, never a refusal.
 *
 * @example
 * consistentPracticeCategories('142'); // ['中医']
 */
export function consistentPracticeCategories(code: ExamCategoryCode): readonly PracticeCategory[] {
  const category = findExamCategory(code);
  if (!category) throw new RangeError(`unknown exam category code ${JSON.stringify(code)}`);
  return [category.practiceCategory];
}

/**
 * True when a physician of `practiceCategory` may supervise a probation for
 * the exam category `code`.
 *
 * @example
 * isPracticeCategoryConsistent('110', '临床'); // true
 * isPracticeCategoryConsistent('120', '临床'); // false
 */
export function isPracticeCategoryConsistent(code: ExamCategoryCode, practiceCategory: string): boolean {
  return (consistentPracticeCategories(code) as readonly string[]).includes(practiceCategory);
}
