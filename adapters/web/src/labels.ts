import { ethnicGroups } from '../../../src/domain/ethnic-groups.js';
import { examCategories } from '../../../src/domain/exam-categories.js';

// The code tables are the engine's own (pure data modules of src/domain), so the console and the
// API's validation can never disagree on a code.
export { ethnicGroups, examCategories };

export const idTypeLabels: Record<string, string> = {
  'resident-id': '居民身份证',
  passport: '护照',
  'hk-macao-permit': '港澳居民来往内地通行证',
  'taiwan-permit': '台湾居民来往大陆通行证',
};

export const genderLabels: Record<string, string> = { male: '男', female: '女' };

/** 民族 name of a two-digit code. */
export function ethnicName(code: string | undefined): string {
  return ethnicGroups.find((g) => g.code === code)?.name ?? code ?? '';
}

/** 报考类别 as the platform shows it, e.g. `110 临床执业医师`. */
export function examCategoryLabel(code: string | undefined): string {
  return examCategories.find((c) => c.code === code)?.label ?? code ?? '';
}
