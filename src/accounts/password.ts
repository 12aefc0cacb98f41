import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { FieldIssue } from '../errors.js';

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

// N=2^15 keeps one hash around 50–100 ms on this hardware: slow for a guesser, fine for a login.
const params = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const keyLength = 64;

/**
 * The password policy of SPEC §4.5: at least 8 characters with at least
 * three of upper-case letters, lower-case letters, digits and symbols.
 * Returns the problem as a field issue, or null when the password is acceptable.
 *
 * @example
 * passwordProblem('Demo@2026'); // null
 * passwordProblem('abcdefgh');  // { field: 'password', code: 'weakPassword', … }
 */
export function passwordProblem(password: unknown, field = 'password'): FieldIssue | null {
  if (typeof password !== 'string' || password.length === 0) {
    return { field, code: 'required', message: '请输入密码' };
  }
  if (password.length > 128) return { field, code: 'tooLong', message: '密码不能超过128个字符' };
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || kinds < 3) {
    return { field, code: 'weakPassword', message: '密码至少8位，且须包含大写字母、小写字母、数字、特殊符号中的至少三种' };
  }
  return null;
}

/**
 * Hashes a password with scrypt and a fresh random salt. The result
 * carries its parameters, so they can be raised later without breaking
 * stored hashes.
 *
 * @example
 * const stored = await hashPassword('Demo@2026'); // 'scrypt$32768$8$1$<salt>$<hash>'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, keyLength, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Checks a password against a stored hash in constant time. A malformed
 * stored value never matches.
 *
 * @example
 * await verifyPassword('Demo@2026', stored); // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, checked when a login is unknown so the response time does not tell. */
export const dummyPasswordHash =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + Buffer.alloc(keyLength).toString('base64url');
