/**
 * The 56 民族 of GB/T 3304-1991 with their two-digit codes, in the order of
 * the standard (domain.md §4). The codes 97 其他 and 98 外国血统中国籍人士,
 * which second-generation ID cards also use, are kept apart: SPEC §4.3 asks
 * for the 56 groups, and a host that must accept them can opt in.
 */

/** One entry of the code table. */
export interface EthnicGroup {
  /** Two-digit numeric code, `'01'`…`'56'` (or `'97'`/`'98'`). */
  code: string;
  name: string;
}

const names = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/** The 56 groups, code `'01'` 汉族 to `'56'` 基诺族. */
export const ethnicGroups: readonly EthnicGroup[] = Object.freeze(
  names.map((name, i) => Object.freeze({ code: String(i + 1).padStart(2, '0'), name })),
);

/** Codes outside the 56 groups that ID cards carry. */
export const supplementaryEthnicGroups: readonly EthnicGroup[] = Object.freeze([
  Object.freeze({ code: '97', name: '其他' }),
  Object.freeze({ code: '98', name: '外国血统中国籍人士' }),
]);

/**
 * True for a code of the 56 groups; with `includeSupplementary`, also 97/98.
 *
 * @example
 * isEthnicCode('01'); // true
 * isEthnicCode('1');  // false — always two digits
 * isEthnicCode('97', { includeSupplementary: true }); // true
 */
export function isEthnicCode(value: unknown, options: { includeSupplementary?: boolean } = {}): value is string {
  return findEthnicGroup(value, options) !== undefined;
}

/**
 * The entry of a code, or `undefined`.
 *
 * @example
 * findEthnicGroup('05')?.name; // '维吾尔族'
 */
export function findEthnicGroup(value: unknown, options: { includeSupplementary?: boolean } = {}): EthnicGroup | undefined {
  if (typeof value !== 'string') return undefined;
  return (
    ethnicGroups.find((g) => g.code === value) ??
    (options.includeSupplementary ? supplementaryEthnicGroups.find((g) => g.code === value) : undefined)
  );
}
