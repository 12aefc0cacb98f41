import { sql, type Kysely } from 'kysely';

/**
 * Text messages that really leave the server (SMS_PROVIDER). A failed
 * delivery is retried with exponential backoff (`next_attempt_at`), the
 * provider's last answer is kept for the operator (`last_error`), and a
 * message given up after the attempt limit is marked (`failed_at`) instead
 * of being retried forever. The development inbox (`SMS_PROVIDER=inbox`)
 * keeps the full texts in `pw_sms_inbox`, a table of its own, so that the
 * outbox itself never keeps a usable code after delivery.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pw_outbox')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('failed_at', 'timestamptz')
    .execute();
  await sql`drop index if exists pw_outbox_pending`.execute(db);
  await sql`create index pw_outbox_pending on pw_outbox (id) where dispatched_at is null and failed_at is null`.execute(db);
  await db.schema
    .createTable('pw_sms_inbox')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('outbox_id', 'integer', (c) => c.unique())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pw_sms_inbox').ifExists().execute();
  await sql`drop index if exists pw_outbox_pending`.execute(db);
  await sql`create index pw_outbox_pending on pw_outbox (id) where dispatched_at is null`.execute(db);
  await sql`alter table pw_outbox drop column if exists next_attempt_at, drop column if exists last_error, drop column if exists failed_at`.execute(db);
}
