/**
 * Folding of typed identifiers (ID numbers, codes, phone numbers) before
 * they are checked. People paste these from Word documents and Chinese input
 * methods, which produce full-width digits and letters, ideographic spaces and
 * invisible zero-width characters; none of those is ever meaningful inside an
 * identifier.
 */

// Zero-width space/joiners, word joiner and the BOM survive NFKC and `\s`.
const invisible = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Normalises an identifier as typed: NFKC (full-width `１２Ｘ` → `12X`),
 * every kind of whitespace and zero-width character removed, letters
 * upper-cased.
 *
 * @example
 * foldIdentifier(' 1101 0519 4912 3100 2x '); // '11010519491231002X'
 * foldIdentifier('９１３５０１００Ｍ０００１００Ｙ４３'); // '91350100M000100Y43'
 */
export function foldIdentifier(value: string): string {
  return value.normalize('NFKC').replace(invisible, '').replace(/\s+/gu, '').toUpperCase();
}
