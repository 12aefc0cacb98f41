import { sql, type Kysely } from 'kysely';

/**
 * Entity tables, the append-only history and the outbox. The history's
 * primary key (entity_id, seq) orders transitions without timestamps, and
 * UNIQUE (entity_id, idempotency_key) makes a retried command a no-op.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const entity = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('context', 'jsonb', (c) => c.notNull())
      .addColumn('machine_version', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull());

  await entity('pw_institutions').execute();

  await entity('pw_business_accounts')
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('pw_institutions.id'))
    .addColumn('business_code', 'text', (c) => c.notNull())
    .addUniqueConstraint('pw_business_accounts_institution_code', ['institution_id', 'business_code'])
    .execute();

  await entity('pw_applications')
    .addColumn('project_id', 'uuid')
    .addColumn('institution_id', 'uuid')
    .addColumn('candidate_id', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('open', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  // The deadline sweep scans only open applications whose deadline passed.
  await sql`create index pw_applications_due on pw_applications (due_at) where open`.execute(db);

  await db.schema
    .createTable('pw_history')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pw_history_pk', ['entity_id', 'seq'])
    .addUniqueConstraint('pw_history_idempotency', ['entity_id', 'idempotency_key'])
    .execute();
  // A creation has no entity id the client knows yet, so its key is unique
  // per workflow and actor instead.
  await sql`create unique index pw_history_create_idempotency
    on pw_history (entity_type, coalesce(actor_id, ''), idempotency_key)
    where seq = 1 and idempotency_key is not null`.execute(db);

  await db.schema
    .createTable('pw_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'uuid')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('dispatched_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create index pw_outbox_pending on pw_outbox (id) where dispatched_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['pw_outbox', 'pw_history', 'pw_applications', 'pw_business_accounts', 'pw_institutions']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
