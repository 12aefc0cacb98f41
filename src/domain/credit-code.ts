/**
 * 统一社会信用代码 (GB 32100-2015). The format is a hard rule; the check
 * character is only reported, because some codes issued in the pilot areas
 * before the standard are legal yet fail it (domain.md §2.2): a wrong check
 * character becomes a red indicator on the registration, not a refusal.
 */

import { foldIdentifier } from './identifier-text.js';

/** The 31 code characters in value order 0–30 (no I, O, Z, S, V). */
export const creditCodeCharset = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// 登记管理部门 + 机构类别, six-digit GB/T 2260 region code, 主体标识码 (9) + check.
const formatPattern = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The outcome of {@link checkCreditCode}. */
export interface CreditCodeCheck {
  /** The code folded: half-width, no spaces, upper-case. Store this. */
  normalised: string;
  /** 18 characters of the code alphabet with a numeric region code. */
  formatOk: boolean;
  /** The 18th character is the computed check character (false when the format is wrong). */
  checkCharacterOk: boolean;
  /** The check character the first 17 characters call for, when the format is right. */
  expectedCheckCharacter?: string;
}

/**
 * The check character for the first 17 characters of a credit code:
 * `31 − (Σ value·weight mod 31)`, 31 → 0. Throws on characters outside the
 * code alphabet or a wrong length.
 *
 * @example
 * creditCodeCheckCharacter('91350100M000100Y4'); // '3'
 * creditCodeCheckCharacter('12330000470051726'); // 'F'
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = creditCodeCharset.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`not a credit-code character: ${JSON.stringify(first17[i])}`);
    sum += value * weights[i]!;
  }
  const check = 31 - (sum % 31);
  return creditCodeCharset[check === 31 ? 0 : check]!;
}

/**
 * Checks a 统一社会信用代码 as typed. Callers refuse a code whose `formatOk` is
 * false and turn `checkCharacterOk === false` into a red indicator.
 *
 * @example
 * checkCreditCode('91350100m000100y43');
 * // { normalised: '91350100M000100Y43', formatOk: true, checkCharacterOk: true, expectedCheckCharacter: '3' }
 * checkCreditCode('91350100M000100Y44').checkCharacterOk; // false
 * checkCreditCode('91350100O000100Y43').formatOk;         // false — O is not a code character
 */
export function checkCreditCode(value: string): CreditCodeCheck {
  const normalised = foldIdentifier(value);
  if (!formatPattern.test(normalised)) return { normalised, formatOk: false, checkCharacterOk: false };
  const expectedCheckCharacter = creditCodeCheckCharacter(normalised.slice(0, 17));
  return {
    normalised,
    formatOk: true,
    checkCharacterOk: normalised[17] === expectedCheckCharacter,
    expectedCheckCharacter,
  };
}
