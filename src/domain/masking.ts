/**
 * Masking of personal identifiers for lists, logs and exports (SPEC §4.1,
 * §4.5). The number of `*` is fixed, so a masked value does not reveal the
 * length of what it hides; the seed shows an 18-character ID as
 * `140105*****7932`.
 */

function mask(value: string, head: number, tail: number, stars: string): string {
  return value.slice(0, head) + stars + (tail > 0 ? value.slice(-tail) : '');
}

/**
 * Masks an ID document number: first 6, five `*`, last 4 for resident IDs
 * (and anything of 15+ characters); shorter numbers such as passports and
 * permits keep less so that most of the number stays hidden (2 + 2 from 8
 * characters, 1 + 1 from 3, nothing below that). Surrounding whitespace is
 * ignored.
 *
 * @example
 * maskIdNumber('140105199001017932'); // '140105*****7932'
 * maskIdNumber('E12345678');          // 'E1*****78'
 * maskIdNumber('');                   // ''
 */
export function maskIdNumber(value: string): string {
  const v = value.trim();
  if (v === '') return '';
  if (v.length >= 15) return mask(v, 6, 4, '*****');
  if (v.length >= 8) return mask(v, 2, 2, '*****');
  if (v.length >= 3) return mask(v, 1, 1, '*****');
  return '*****';
}

/**
 * Masks a phone number: first 3, four `*`, last 4 for a mobile number (and
 * anything of 11+ characters); shorter numbers keep 2 + 2 from 7 characters
 * and nothing below that.
 *
 * @example
 * maskPhone('13812341234'); // '138****1234'
 * maskPhone('88881234');    // '88****34'
 */
export function maskPhone(value: string): string {
  const v = value.trim();
  if (v === '') return '';
  if (v.length >= 11) return mask(v, 3, 4, '****');
  if (v.length >= 7) return mask(v, 2, 2, '****');
  return '****';
}

/**
 * Masks a person's name for a public answer: the first character stays,
 * every other becomes `*` (one character names stay as they are).
 *
 * @example
 * maskName('赵六');     // '赵*'
 * maskName('欧阳娜娜'); // '欧***'
 */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  return chars.length <= 1 ? chars.join('') : chars[0] + '*'.repeat(chars.length - 1);
}
