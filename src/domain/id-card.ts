/**
 * Identity documents a candidate may declare (SPEC §4.1): the mainland
 * 居民身份证 (GB 11643-1999), checked completely, and passports and the
 * 港澳/台湾 travel permits, which carry no check digit and get format checks
 * only.
 */

import { isIsoDate, parseIsoDate, type IsoDate } from './calendar-date.js';
import { foldIdentifier } from './identifier-text.js';

/** The document types of an application's `candidate.idType`. */
export type IdType = 'resident-id' | 'passport' | 'hk-macao-permit' | 'taiwan-permit';

/** All accepted `idType` values, in display order. */
export const idTypes: readonly IdType[] = ['resident-id', 'passport', 'hk-macao-permit', 'taiwan-permit'];

/** Chinese names of the document types as the platform shows them (证件类型). */
export const idTypeLabels: Readonly<Record<IdType, string>> = {
  'resident-id': '居民身份证',
  passport: '护照',
  'hk-macao-permit': '港澳居民来往内地通行证',
  'taiwan-permit': '台湾居民来往大陆通行证',
};

/**
 * Narrows an unknown value to an {@link IdType}.
 *
 * @example
 * isIdType('resident-id'); // true
 * isIdType('身份证');       // false
 */
export function isIdType(value: unknown): value is IdType {
  return typeof value === 'string' && (idTypes as readonly string[]).includes(value);
}

/** Gender as encoded by the sequence number of a resident ID (odd = male). */
export type Gender = 'male' | 'female';

/** Why a document number was refused. */
export type IdProblem =
  | 'required'
  | 'format'
  | 'region'
  | 'birthDate'
  | 'futureBirthDate'
  | 'checkCharacter'
  | 'idType';

/** A refused document number: a stable code and a Chinese message. */
export interface IdFailure {
  ok: false;
  code: IdProblem;
  message: string;
}

/** A valid resident ID with what the number itself tells. */
export interface ResidentIdInfo {
  ok: true;
  /** Normalised number: half-width, no spaces, check character `X` upper-case. */
  value: string;
  birthDate: IsoDate;
  gender: Gender;
  /** The six-digit GB/T 2260 address code (county level at the time of issue). */
  regionCode: string;
  /** Its first two digits: the province-level division. */
  provinceCode: string;
}

/** A valid document of another type; nothing can be derived from the number. */
export interface OtherIdInfo {
  ok: true;
  value: string;
}

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/**
 * Province-level codes of GB/T 2260 that can start a resident ID. County codes
 * change every year, so only the province is checked (domain.md §2.1); 71 is
 * Taiwan in GB/T 2260, 81/82/83 prefix the residence permits of 香港/澳门/台湾
 * residents, which follow the same algorithm.
 */
export const provinceCodes: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

// A birth before 1800 is a typo, not a person; the standard's own examples reach back to 1880.
const earliestBirthYear = 1800;

/**
 * The check character (ISO 7064 MOD 11-2) for the first 17 digits of a
 * resident ID. Throws on anything but 17 ASCII digits, because a caller
 * generating numbers with a wrong body has a bug.
 *
 * @example
 * residentIdCheckCharacter('11010519491231002'); // 'X'
 * residentIdCheckCharacter('44052418800101001'); // '4'
 */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkCharacters[sum % 11]!;
}

function failure(code: IdProblem, message: string): IdFailure {
  return { ok: false, code, message };
}

/**
 * Checks a 居民身份证号码 (GB 11643-1999) completely: 17 digits and a check
 * character, a province-level region code, a real birth date that is not
 * after `today`, and the MOD 11-2 check character. Input is folded first
 * (full-width characters, spaces, lower-case `x`).
 *
 * The first failing rule is reported, structure before checksum: a typo in
 * the date digits also breaks the checksum, and "出生日期无效" tells the person
 * more than "校验码错误".
 *
 * @example
 * parseResidentId('11010519491231002x', { today: '2024-01-01' });
 * // { ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female',
 * //   regionCode: '110105', provinceCode: '11' }
 * parseResidentId('110105194912310021', { today: '2024-01-01' }).ok; // false (code 'checkCharacter')
 */
export function parseResidentId(value: string, options: { today: IsoDate }): ResidentIdInfo | IdFailure {
  const folded = foldIdentifier(value);
  if (folded === '') return failure('required', '请填写身份证号码');
  if (/^\d{15}$/.test(folded)) return failure('format', '不支持15位旧版身份证号码，请填写18位身份证号码');
  if (!/^\d{17}[\dX]$/.test(folded)) return failure('format', '身份证号码应为18位：17位数字加1位数字或X');

  const provinceCode = folded.slice(0, 2);
  if (!provinceCodes.has(provinceCode)) return failure('region', '身份证号码的地址码无效');

  const birthDate = `${folded.slice(6, 10)}-${folded.slice(10, 12)}-${folded.slice(12, 14)}`;
  const parts = parseIsoDate(birthDate);
  if (!parts || parts.year < earliestBirthYear) return failure('birthDate', '身份证号码中的出生日期无效');
  if (!isIsoDate(options.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(options.today)}`);
  if (birthDate > options.today) return failure('futureBirthDate', '身份证号码中的出生日期晚于今天');

  if (residentIdCheckCharacter(folded.slice(0, 17)) !== folded[17]) {
    return failure('checkCharacter', '身份证号码校验码错误');
  }
  return {
    ok: true,
    value: folded,
    birthDate,
    gender: Number(folded[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: folded.slice(0, 6),
    provinceCode,
  };
}

/**
 * Format rules of the document types without a check digit, applied to the
 * folded (upper-case, no spaces) number.
 * - passport: 5–17 letters and digits with at least one digit. Chinese
 *   passports are `E12345678` / `EA1234567`, foreign ones vary too much for a
 *   tighter rule (ICAO 9303 allows up to 9 characters in the MRZ, longer
 *   numbers exist in national formats).
 * - 港澳居民来往内地通行证: `H` (Hong Kong) or `M` (Macao) and 8 digits (card
 *   since 2013), or 10 digits (older booklets with a 2-digit renewal count).
 * - 台湾居民来往大陆通行证: 8 digits (card since 2015) or 10 letters/digits
 *   (booklets and one-time permits such as `F290299977`).
 */
const otherFormats: Readonly<Record<Exclude<IdType, 'resident-id'>, { pattern: RegExp; message: string }>> = {
  passport: { pattern: /^(?=.*\d)[A-Z0-9]{5,17}$/, message: '护照号码应为5至17位字母或数字' },
  'hk-macao-permit': { pattern: /^[HM](\d{8}|\d{10})$/, message: '港澳居民来往内地通行证号码应为H或M加8位或10位数字' },
  'taiwan-permit': { pattern: /^(\d{8}|[0-9A-Z]{10})$/, message: '台湾居民来往大陆通行证号码应为8位数字或10位字母数字' },
};

/**
 * Validates a document number of any accepted type: full checks for a
 * resident ID ({@link parseResidentId}), format checks for the others.
 *
 * @example
 * validateIdDocument('hk-macao-permit', 'h12345678', { today: '2024-01-01' }); // { ok: true, value: 'H12345678' }
 * validateIdDocument('taiwan-permit', '1234567', { today: '2024-01-01' }).ok;   // false
 */
export function validateIdDocument(
  idType: IdType,
  number: string,
  options: { today: IsoDate },
): ResidentIdInfo | OtherIdInfo | IdFailure {
  if (idType === 'resident-id') return parseResidentId(number, options);
  // Stored data imported from elsewhere reaches here without a compile-time guarantee.
  if (!isIdType(idType)) return failure('idType', '不支持的证件类型');
  const folded = foldIdentifier(number);
  if (folded === '') return failure('required', '请填写证件号码');
  const rule = otherFormats[idType];
  return rule.pattern.test(folded) ? { ok: true, value: folded } : failure('format', rule.message);
}
