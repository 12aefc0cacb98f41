import { sql, type Kysely } from 'kysely';

/**
 * A history row keeps the command's answer (`result`) only when the command
 * came with an idempotency key: only a retry with that key ever reads it
 * back, and every other row can say what happened from its own columns
 * (issue 14: the history row stores what it must). Rows written before keep
 * theirs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table pw_history alter column result drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update pw_history set result = jsonb_build_object('id', entity_id, 'event', event_type, 'from', from_state, 'state', to_state, 'version', seq, 'at', created_at, 'replayed', false)
    where result is null`.execute(db);
  await sql`alter table pw_history alter column result set not null`.execute(db);
}
