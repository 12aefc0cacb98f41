import { maskIdNumber, maskPhone } from '../domain/masking.js';

// 18-character resident IDs and mainland mobile numbers inside any text.
const residentId = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const mobile = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Masks resident ID numbers and mobile numbers wherever they appear in a
 * string (error messages from the database quote offending values).
 *
 * @example
 * scrubText('duplicate key (login)=(140105199001017932)'); // 'duplicate key (login)=(140105*****7932)'
 */
export function scrubText(text: string): string {
  return text.replace(residentId, (m) => maskIdNumber(m)).replace(mobile, (m) => maskPhone(m));
}

/** Keys whose values never reach a log line, whatever they hold. */
export const secretKeys = new Set([
  'password',
  'newpassword',
  'token',
  'authorization',
  'cookie',
  'activationcode',
  'querycode',
  'secret',
  'password_hash',
  'token_hash',
  'code_hash',
  'idnumber',
  'id_number',
  'phone',
  'adminphone',
  'mobile',
  // A database error's bound parameters can hold anything the request carried.
  'params',
  'parameters',
]);

/**
 * A copy of a log record with secrets removed and IDs and phones masked in
 * every string, however deep. Cycles and very deep objects are cut rather
 * than followed.
 *
 * @example
 * scrubValue({ body: { password: 'x', note: '138 13812341234' } }); // { body: { password: '[redacted]', note: '138 138****1234' } }
 */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[cut]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  const source = value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  for (const [key, v] of Object.entries(source)) {
    out[key] = secretKeys.has(key.toLowerCase()) ? '[redacted]' : scrubValue(v, depth + 1, seen);
  }
  return out;
}

// Errors keep their own fields (code, detail, …) plus the non-enumerable message and stack.
function errorFields(error: Error): Record<string, unknown> {
  return { ...error, type: error.name, message: error.message, stack: error.stack };
}
