/**
 * Mainland China mobile numbers: 11 digits, `1`, a second digit 3–9, nine
 * more digits (SPEC §4.1). Landlines and numbers of other countries are not
 * accepted, because the number receives the platform's SMS codes.
 */

import { foldIdentifier } from './identifier-text.js';

const mobilePattern = /^1[3-9]\d{9}$/;

/** Parse result of {@link parseMobile}. */
export type MobileResult =
  | { ok: true; value: string }
  | { ok: false; code: 'required' | 'format'; message: string };

/**
 * Normalises a typed mobile number (full-width digits, spaces and hyphens
 * removed, a leading `+86` / `0086` / `86` country code dropped) and checks it.
 *
 * @example
 * parseMobile('+86 138-1234-1234'); // { ok: true, value: '13812341234' }
 * parseMobile('12812341234').ok;    // false — second digit must be 3–9
 */
export function parseMobile(value: string): MobileResult {
  const folded = foldIdentifier(value).replace(/-/g, '');
  if (folded === '') return { ok: false, code: 'required', message: '请填写手机号码' };
  // Only strip a country code when what remains is a full 11-digit number, so '8613…' typos are not rescued into validity by accident.
  const national = /^(\+86|0086|86)1\d{10}$/.test(folded) ? folded.replace(/^(\+86|0086|86)/, '') : folded;
  return mobilePattern.test(national)
    ? { ok: true, value: national }
    : { ok: false, code: 'format', message: '手机号码应为11位中国大陆手机号' };
}

/**
 * True when `value` is already a normalised mainland mobile number.
 *
 * @example
 * isMobileNumber('13812341234'); // true
 * isMobileNumber('138 1234 1234'); // false — normalise with parseMobile first
 */
export function isMobileNumber(value: unknown): value is string {
  return typeof value === 'string' && mobilePattern.test(value);
}
