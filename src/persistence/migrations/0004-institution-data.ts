import { sql, type Kysely } from 'kysely';

/**
 * The registration form's data on institutions (SPEC §4.2), the account
 * numbers, the 6-digit check code, and the attachments of registrations
 * and applications.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pw_institutions')
    .addColumn('name', 'text')
    .addColumn('address', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('credit_code_check_ok', 'boolean')
    .addColumn('is_medical', 'boolean')
    .addColumn('license_no', 'text')
    .addColumn('admin_name', 'text')
    .addColumn('admin_phone', 'text')
    .addColumn('serial', 'integer', (c) => c.unique())
    .addColumn('account_no', 'text', (c) => c.unique())
    .addColumn('check_code', 'text')
    .execute();
  // One live registration per credit code; rejected and returned ones may be resubmitted.
  await sql`create unique index pw_institutions_live_credit_code on pw_institutions (credit_code)
    where state not in ('rejected', 'returned')`.execute(db);
  await db.schema.createIndex('pw_institutions_license_no').on('pw_institutions').column('license_no').execute();
  await db.schema.createIndex('pw_institutions_name').on('pw_institutions').column('name').execute();

  await db.schema.alterTable('pw_business_accounts').addColumn('account_no', 'text', (c) => c.unique()).execute();

  await db.schema
    .createTable('pw_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull().check(sql`owner_type in ('institution', 'application')`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    /** A newer upload of the same kind replaces this one (kept for the audit trail). */
    .addColumn('superseded_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('pw_attachments_owner').on('pw_attachments').columns(['owner_id', 'kind']).execute();
  await db.schema.createIndex('pw_attachments_storage_key').on('pw_attachments').column('storage_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pw_attachments').ifExists().execute();
  await db.schema.alterTable('pw_business_accounts').dropColumn('account_no').execute();
  for (const column of ['name', 'address', 'credit_code', 'credit_code_check_ok', 'is_medical', 'license_no', 'admin_name', 'admin_phone', 'serial', 'account_no', 'check_code']) {
    await db.schema.alterTable('pw_institutions').dropColumn(column).execute();
  }
}
