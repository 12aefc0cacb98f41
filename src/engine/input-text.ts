import type { FieldIssue } from '../errors.js';

/**
 * Field issues for every string in `value` that holds a NUL character.
 * PostgreSQL cannot store NUL in text, so such input would otherwise fail
 * deep in the database as a server error; every other character, however
 * hostile, is stored and returned verbatim.
 *
 * @example
 * nulCharacterIssues({ name: 'a\u0000b' }); // [{ field: 'name', code: 'nulCharacter', message: '不能包含空字符（\\u0000）' }]
 */
export function nulCharacterIssues(value: unknown, path = '', depth = 0): FieldIssue[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [{ field: path, code: 'nulCharacter', message: '不能包含空字符（\\u0000）' }] : [];
  }
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => [
    ...(key.includes('\u0000') ? [{ field: path ? `${path}.${key}` : key, code: 'nulCharacter', message: '字段名不能包含空字符' }] : []),
    ...nulCharacterIssues(v, path ? `${path}.${key}` : key, depth + 1),
  ]);
}
