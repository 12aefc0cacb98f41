import type { Kysely } from 'kysely';
import type { Tables } from '../persistence/schema.js';
import type { SecuritySettings } from './security-settings.js';

/** What one purge removed. */
export interface PurgeResult {
  sessions: number;
  oneTimeCodes: number;
}

/**
 * Deletes what can never be used again: sessions past their absolute or idle
 * expiry or revoked, and one-time codes (activation, 申请查询) that expired or
 * were used (or locked by wrong attempts) more than a day ago. The audit log
 * keeps the logins and uses; these rows only kept hashes. The day keeps the
 * answers "code expired" and "too many attempts" distinct from "wrong code"
 * for someone who comes back late.
 *
 * @example
 * const { sessions, oneTimeCodes } = await purgeExpired(db, new Date(), security);
 */
export async function purgeExpired(db: Kysely<Tables>, now: Date, security: Pick<SecuritySettings, 'sessionIdleMinutes'>): Promise<PurgeResult> {
  const idleSince = new Date(now.getTime() - security.sessionIdleMinutes * 60_000);
  const sessions = await db
    .deleteFrom('pw_sessions')
    .where((w) => w.or([w('expires_at', '<=', now), w('last_seen_at', '<=', idleSince), w('revoked_at', 'is not', null)]))
    .executeTakeFirst();
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  const codes = await db
    .deleteFrom('pw_one_time_codes')
    .where((w) => w.or([w('used_at', '<=', dayAgo), w('expires_at', '<=', dayAgo)]))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), oneTimeCodes: Number(codes.numDeletedRows) };
}
