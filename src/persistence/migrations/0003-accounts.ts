import { sql, type Kysely } from 'kysely';

/**
 * Departments, accounts, sessions, one-time codes and the audit log; the
 * entity tables gain the department that scopes district reviewers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pw_departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('pw_departments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'city', 'district')`))
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[0-9]{3}$'`))
    .execute();

  await db.schema
    .createTable('pw_accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('admin', 'district', 'institution', 'business', 'candidate')`),
    )
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('department_id', 'text', (c) => c.references('pw_departments.id'))
    .addColumn('institution_id', 'uuid', (c) => c.references('pw_institutions.id'))
    .addColumn('business_code', 'text')
    .addColumn('phone', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pw_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('pw_accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('pw_sessions_account').on('pw_sessions').column('account_id').execute();

  await db.schema
    .createTable('pw_one_time_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('activation', 'query')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // At most one live code per purpose and subject: issuing a new one retires the old.
  await sql`create unique index pw_one_time_codes_live on pw_one_time_codes (purpose, subject) where used_at is null`.execute(db);

  await db.schema
    .createTable('pw_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pw_audit_at').on('pw_audit').column('at').execute();

  for (const table of ['pw_institutions', 'pw_business_accounts', 'pw_applications']) {
    await db.schema.alterTable(table).addColumn('department_id', 'text', (c) => c.references('pw_departments.id')).execute();
  }
  await db.schema.createIndex('pw_institutions_department').on('pw_institutions').columns(['department_id', 'state']).execute();
  await db.schema.createIndex('pw_applications_department').on('pw_applications').columns(['department_id']).execute();
  await db.schema.createIndex('pw_applications_institution').on('pw_applications').columns(['institution_id', 'project_id']).execute();
  await db.schema.createIndex('pw_applications_candidate').on('pw_applications').columns(['candidate_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['pw_institutions', 'pw_business_accounts', 'pw_applications']) {
    await db.schema.alterTable(table).dropColumn('department_id').execute();
  }
  for (const t of ['pw_audit', 'pw_one_time_codes', 'pw_sessions', 'pw_accounts', 'pw_departments']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
