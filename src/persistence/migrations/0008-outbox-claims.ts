import { sql, type Kysely } from 'kysely';

/**
 * Several server processes may dispatch the outbox of one database. Without
 * a claim two of them could read the same pending row and both hand it to
 * the Notifier (two identical text messages). A dispatcher now claims rows
 * (`FOR UPDATE SKIP LOCKED`, then a lease in `claimed_until`) before it
 * delivers them; a process killed while holding a claim only delays the row
 * until the lease runs out, so delivery stays at-least-once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pw_outbox').addColumn('claimed_until', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table pw_outbox drop column if exists claimed_until`.execute(db);
}
