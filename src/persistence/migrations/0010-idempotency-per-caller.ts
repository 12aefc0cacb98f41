import { sql, type Kysely } from 'kysely';

/**
 * Idempotency keys belong to the caller who presented them (security review,
 * issue 17): another account sending the same key to the same object is a
 * new command of its own, checked like any other, never a replay of the
 * first caller's result. And a key reused with a different request (another
 * explanation, other data) is refused instead of silently answered with the
 * first result: `request_hash` is the SHA-256 of the canonical request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pw_history').addColumn('request_hash', 'text').execute();
  await sql`alter table pw_history drop constraint if exists pw_history_idempotency`.execute(db);
  await sql`create unique index pw_history_idempotency on pw_history (entity_id, coalesce(actor_id, ''), idempotency_key)
    where idempotency_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists pw_history_idempotency`.execute(db);
  await sql`alter table pw_history add constraint pw_history_idempotency unique (entity_id, idempotency_key)`.execute(db);
  await sql`alter table pw_history drop column if exists request_hash`.execute(db);
}
