import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * SHA-256 of a secret, hex. Session tokens and one-time codes are stored
 * only this way: a database leak does not hand out live credentials.
 *
 * @example
 * hashSecret(token); // '9f86d0…'
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * A random opaque bearer token (256 bits, base64url).
 *
 * @example
 * const token = newToken(); // 43 characters
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A random numeric code of `length` digits, uniformly distributed.
 *
 * @example
 * newDigitCode(6); // '048213'
 */
export function newDigitCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

// No 0/O, 1/I/L: activation codes are read off a screen or an SMS and typed by hand.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A random activation code, e.g. `K7PD-3QXM-H2TW` (about 70 bits).
 *
 * @example
 * newActivationCode(); // 'K7PD-3QXM-H2TW'
 */
export function newActivationCode(): string {
  const chars = Array.from({ length: 12 }, () => codeAlphabet[randomInt(codeAlphabet.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** Upper-cases and drops spaces and dashes, so a code typed `k7pd 3qxm h2tw` still matches. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
