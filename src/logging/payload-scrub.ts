import { maskPhone } from '../domain/masking.js';

// Codes in a text message are for the phone's owner only, never for whoever reads the record later.
const secretKeys = new Set(['activationcode', 'querycode', 'code', 'password', 'token']);
const phoneKeys = new Set(['phone', 'adminphone', 'mobile']);

/**
 * What an outbox row keeps once its message was delivered or given up: no
 * usable secret. One-time codes are removed (their names are kept in
 * `withheld`, so an operator still sees which kind of code was sent) and
 * phone numbers are masked.
 *
 * @example
 * scrubDeliveredPayload({ channel: 'sms', phone: '13812341234', queryCode: '123456' });
 * // { channel: 'sms', phone: '138****1234', withheld: ['queryCode'] }
 */
export function scrubDeliveredPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const withheld: string[] = Array.isArray(payload.withheld) ? payload.withheld.filter((w): w is string => typeof w === 'string') : [];
  for (const [key, value] of Object.entries(payload)) {
    const k = key.toLowerCase();
    if (key === 'withheld') continue;
    if (secretKeys.has(k)) {
      if (!withheld.includes(key)) withheld.push(key);
      continue;
    }
    out[key] = phoneKeys.has(k) && typeof value === 'string' ? maskPhone(value) : value;
  }
  if (withheld.length) out.withheld = withheld;
  return out;
}
