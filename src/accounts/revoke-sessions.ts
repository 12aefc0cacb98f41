import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../persistence/schema.js';

/**
 * Ends every open session of the accounts matched by `where` (a DISABLE).
 * Revoked sessions stay revoked: enabling the account again does not bring
 * old tokens back, its owner logs in afresh.
 *
 * @example
 * await revokeSessions(trx, { institutionId }, now);
 */
export async function revokeSessions(
  db: Kysely<Tables> | Transaction<Tables>,
  where: { institutionId: string } | { login: string; kind: 'business' },
  now: Date,
): Promise<void> {
  let accounts = db.selectFrom('pw_accounts').select('id');
  accounts = 'institutionId' in where ? accounts.where('institution_id', '=', where.institutionId) : accounts.where('login', '=', where.login).where('kind', '=', where.kind);
  await db.updateTable('pw_sessions').set({ revoked_at: now }).where('account_id', 'in', accounts).where('revoked_at', 'is', null).execute();
}
