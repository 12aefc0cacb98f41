import type { Kysely, Transaction } from 'kysely';
import type { Actor } from './actor.js';
import type { Tables } from '../persistence/schema.js';
import { jsonb } from '../persistence/jsonb.js';

/** One audit entry as written. */
export interface AuditEntry {
  action: string;
  actor: Pick<Actor, 'id' | 'kind' | 'ip'>;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Writes one audit row: logins (success and failure), accepted events,
 * attachment downloads and exports. Append-only: nothing in the engine
 * updates or deletes audit rows. Pass the command's transaction so the
 * audit row commits or rolls back with what it records.
 *
 * @example
 * await writeAudit(trx, { action: 'login.success', actor, subjectType: 'account', subjectId: account.id }, now);
 */
export async function writeAudit(db: Kysely<Tables> | Transaction<Tables>, entry: AuditEntry, at: Date): Promise<void> {
  await db.insertInto('pw_audit').values(auditRow(entry, at)).execute();
}

/**
 * The pw_audit row of an entry, for a statement that writes it together
 * with others (the transition runner's one write).
 *
 * @example
 * await trx.insertInto('pw_audit').values(auditRow({ action: 'export', actor }, now)).execute();
 */
export function auditRow(entry: AuditEntry, at: Date) {
  return {
    at,
    actor_id: entry.actor.id,
    actor_kind: entry.actor.kind,
    ip: entry.actor.ip ?? null,
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    detail: jsonb(entry.detail ?? {}),
  };
}
