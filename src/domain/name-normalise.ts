/**
 * Comparison of personal names as people type them (SPEC §4.4 teacher check,
 * §4.3 account name). The same name arrives with full-width letters from a
 * Chinese input method, with an ideographic space between surname and given
 * name, and — in the transcribed names of Uyghur, Kazakh and other minority
 * citizens — with whichever "middle dot" the keyboard produced: the standard
 * U+00B7 `·`, the bullet `•`, the katakana dot `・`, the hyphenation point
 * `‧`, the half-width katakana dot `･`, or a full-width full stop `．`.
 */

// U+FF0E and U+3002 must be caught before NFKC turns them into an ASCII '.' that
// also legitimately follows Latin initials ("John A. Smith").
const preNfkcDots = /[\uFF0E\u3002]/g;
// After NFKC: middle dot, Greek ano teleia (NFKC already maps it to U+00B7), bullet,
// hyphenation point, bullet operator, dot operator, katakana middle dot (and its
// half-width form, which NFKC maps here), Hangul araea, small bullets.
const dots = /[\u00B7\u0387\u2022\u2027\u2219\u22C5\u30FB\uFF65\u318D\u2E31\u2E33\u16EB]/g;
const invisible = /[\u200B-\u200D\u2060\uFEFF]/g;
// An ASCII full stop between two Han characters is a mistyped middle dot, never an initial.
const hanDotHan = /(\p{Script=Han})\s*\.\s*(?=\p{Script=Han})/gu;
// Spaces touching a Han character or a middle dot carry no meaning in a Chinese name.
const spaceNearHan = / (?=[\p{Script=Han}·])|(?<=[\p{Script=Han}·]) /gu;

/**
 * The canonical written form of a name: NFKC (full-width → half-width, the
 * ideographic space → a space), every middle-dot variant → `·` (U+00B7),
 * whitespace collapsed and trimmed, and spaces next to Chinese characters or
 * middle dots removed. Latin letters keep their case and single inner spaces.
 *
 * @example
 * normaliseName(' 买买提 • 艾力 '); // '买买提·艾力'
 * normaliseName('张\u3000三');       // '张三'
 * normaliseName('ＪＯＨＮ　Ｓｍｉｔｈ'); // 'JOHN Smith'
 */
export function normaliseName(value: string): string {
  return value
    .replace(preNfkcDots, '·')
    .normalize('NFKC')
    .replace(invisible, '')
    .replace(dots, '·')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(hanDotHan, '$1·')
    .replace(spaceNearHan, '');
}

/**
 * The key two names are compared by: the normalised form without any spaces,
 * Latin letters upper-cased. Dropping the spaces entirely makes `John Smith`
 * and `JohnSmith` equal, which a reviewer would also accept as the same
 * person; the teacher check is a hint, not an identification.
 *
 * @example
 * nameComparisonKey('John  smith'); // 'JOHNSMITH'
 */
export function nameComparisonKey(value: string): string {
  return normaliseName(value).replace(/ /g, '').toUpperCase();
}

/**
 * True when two names are the same after normalisation. Empty names are never
 * the same as anything.
 *
 * @example
 * sameName('买买提·艾力', '买买提・艾力'); // true
 * sameName('张三', '张 三');              // true
 * sameName('张三', '张山');               // false
 */
export function sameName(a: string, b: string): boolean {
  const key = nameComparisonKey(a);
  return key !== '' && key === nameComparisonKey(b);
}

// Words of letters (each with its combining marks) joined by exactly one separator.
const plausibleName = /^(?:\p{L}\p{M}*)+(?:(?:\. ?|[ ·'-])(?:\p{L}\p{M}*)+)*\.?$/u;

/** Longest accepted name, in characters (code points) of the normalised form. */
export const MAX_NAME_LENGTH = 50;

/**
 * True when a name could belong to a person: after normalisation it is 1–50
 * characters of letters (any script), joined by single middle dots, spaces,
 * hyphens or apostrophes, with full stops only after a letter (initials). No
 * digits, no other symbols, no leading or doubled separators. Used to refuse
 * typed names and to flag imported ones (非法证件号或姓名).
 *
 * @example
 * isPlausiblePersonName('买买提·艾力');    // true
 * isPlausiblePersonName('John A. Smith'); // true
 * isPlausiblePersonName('张三1');          // false
 * isPlausiblePersonName('·艾力');          // false
 */
export function isPlausiblePersonName(value: string): boolean {
  const name = normaliseName(value);
  const length = [...name].length;
  return length >= 1 && length <= MAX_NAME_LENGTH && plausibleName.test(name);
}
