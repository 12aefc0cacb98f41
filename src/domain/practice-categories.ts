/**
 * The two levels and four practice categories (执业类别) of physicians in
 * China, "两级四类" (domain.md §3). 民族医 and 中西医结合 are registered under
 * 中医.
 */

/** 医师级别 — also the 报考级别 of the exam. */
export type PhysicianLevel = '执业医师' | '执业助理医师';

/** 执业类别 of a registered physician. */
export type PracticeCategory = '临床' | '口腔' | '公共卫生' | '中医';

/** Levels, the full physician first. */
export const physicianLevels: readonly PhysicianLevel[] = ['执业医师', '执业助理医师'];

/** Practice categories in the order the exam codes use (1x0 临床, 120 口腔, 130 公卫, 14x 中医). */
export const practiceCategories: readonly PracticeCategory[] = ['临床', '口腔', '公共卫生', '中医'];

/**
 * Narrows an unknown value to a {@link PhysicianLevel}.
 *
 * @example
 * isPhysicianLevel('执业医师'); // true
 * isPhysicianLevel('医师');     // false
 */
export function isPhysicianLevel(value: unknown): value is PhysicianLevel {
  return typeof value === 'string' && (physicianLevels as readonly string[]).includes(value);
}

/**
 * Narrows an unknown value to a {@link PracticeCategory}.
 *
 * @example
 * isPracticeCategory('口腔'); // true
 * isPracticeCategory('外科'); // false — a 执业范围, not a category
 */
export function isPracticeCategory(value: unknown): value is PracticeCategory {
  return typeof value === 'string' && (practiceCategories as readonly string[]).includes(value);
}
