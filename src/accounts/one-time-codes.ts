import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../persistence/schema.js';
import { hashSecret, normaliseCode } from './secrets.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Why a code was not accepted. */
export type CodeRefusal = 'unknown' | 'expired' | 'exhausted';

/**
 * Issues a single-use code for a purpose and subject, retiring any live
 * one: only the newest code works. Only its hash is stored.
 *
 * @example
 * await issueCode(trx, { purpose: 'activation', subject: accountNo, code: newActivationCode(), now, ttlMs: 30 * 86_400_000 });
 */
export async function issueCode(
  db: Db,
  args: { purpose: 'activation' | 'query'; subject: string; code: string; now: Date; ttlMs: number },
): Promise<void> {
  await db
    .updateTable('pw_one_time_codes')
    .set({ used_at: args.now })
    .where('purpose', '=', args.purpose)
    .where('subject', '=', args.subject)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('pw_one_time_codes')
    .values({
      id: crypto.randomUUID(),
      purpose: args.purpose,
      subject: args.subject,
      code_hash: hashSecret(normaliseCode(args.code)),
      created_at: args.now,
      expires_at: new Date(args.now.getTime() + args.ttlMs),
      used_at: null,
    })
    // Two requests issuing at once both find no live code to retire; the later one replaces the
    // earlier one's code instead of failing on the one-live-code index (only the newest code works).
    .onConflict((oc) =>
      oc
        .columns(['purpose', 'subject'])
        .where('used_at', 'is', null)
        .doUpdateSet((eb) => ({
          code_hash: eb.ref('excluded.code_hash'),
          created_at: eb.ref('excluded.created_at'),
          expires_at: eb.ref('excluded.expires_at'),
          failed_attempts: 0,
        })),
    )
    .execute();
}

/** The live (unused) code of a purpose and subject, its row locked for the transaction. */
const liveCode = (db: Db, args: { purpose: 'activation' | 'query'; subject: string }) =>
  db
    .selectFrom('pw_one_time_codes')
    .selectAll()
    .where('purpose', '=', args.purpose)
    .where('subject', '=', args.subject)
    .where('used_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();

/**
 * Whether a code would be accepted now, without writing anything: what a
 * command's facts ask (the effect then consumes it with {@link consumeCode}).
 * The live code's row is locked for the rest of the transaction, so the
 * answer holds until the effect runs. Wrong guesses are counted by the
 * service's own check before the command (`consumeCode` with
 * `consume: false`), not here.
 *
 * @example
 * const refusal = await checkCode(trx, { purpose: 'activation', subject: accountNo, code, now });
 */
export async function checkCode(
  db: Db,
  args: { purpose: 'activation' | 'query'; subject: string; code: string; now: Date },
): Promise<CodeRefusal | null> {
  const live = await liveCode(db, args);
  if (!live) return 'unknown';
  if (live.expires_at.getTime() <= args.now.getTime()) return 'expired';
  return live.code_hash === hashSecret(normaliseCode(args.code)) ? null : 'unknown';
}

/**
 * Checks a code and, unless `consume` is false, consumes it (single use).
 * A wrong guess counts against the live code and `maxAttempts` wrong
 * guesses retire it. The count only sticks if the caller's transaction
 * commits, so callers check in a transaction of its own first (which
 * commits the failure count) and consume inside the command's transaction.
 *
 * Returns null when accepted, otherwise why not. The caller decides what
 * the person is told (usually the same message for every reason).
 *
 * @example
 * const refusal = await consumeCode(trx, { purpose: 'activation', subject: accountNo, code, now, maxAttempts: 5 });
 */
export async function consumeCode(
  db: Db,
  args: { purpose: 'activation' | 'query'; subject: string; code: string; now: Date; maxAttempts: number; consume?: boolean },
): Promise<CodeRefusal | null> {
  const live = await liveCode(db, args);
  if (!live) return 'unknown';
  if (live.expires_at.getTime() <= args.now.getTime()) return 'expired';
  if (live.code_hash !== hashSecret(normaliseCode(args.code))) {
    const attempts = live.failed_attempts + 1;
    await db
      .updateTable('pw_one_time_codes')
      .set({ failed_attempts: attempts, used_at: attempts >= args.maxAttempts ? args.now : null })
      .where('id', '=', live.id)
      .execute();
    return attempts >= args.maxAttempts ? 'exhausted' : 'unknown';
  }
  if (args.consume !== false) {
    await db.updateTable('pw_one_time_codes').set({ used_at: args.now }).where('id', '=', live.id).execute();
  }
  return null;
}
