/**
 * Array parameters written as PostgreSQL array literals. pg and PGlite
 * serialise a JS array parameter differently (and pg does it element by
 * element, slowly); a string parameter cast with `::text[]` / `::int4[]`
 * reaches the server unchanged from both.
 */

/**
 * A text[] parameter as PostgreSQL's array literal. Both drivers pass a
 * string parameter through unchanged, and one join is several times faster
 * than pg's per-element serialiser, which was the import's largest CPU cost.
 * Every element is quoted, so `NULL`, commas, braces and spaces stay text.
 *
 * @example
 * textArray(['a', 'b"c']); // '{"a","b\\"c"}'
 */
export function textArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  if (!values.some((v) => v.includes('"') || v.includes('\\'))) return `{"${values.join('","')}"}`;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * An int4[] parameter as PostgreSQL's array literal (see {@link textArray}).
 *
 * @example
 * intArray([2, 3]); // '{2,3}'
 */
export function intArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}
