import { sql, type Kysely } from 'kysely';

/**
 * Documents (issue 19).
 *
 * The verification codes printed on 试用期考核证明 PDFs: one code
 * per application, issued the first time its certificate is printed and
 * printed again on every later copy, so every paper of one application
 * verifies alike. `GET /certificates/verify?code=` looks a code up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pw_certificate_codes')
    .addColumn('application_id', 'uuid', (c) => c.primaryKey().references('pw_applications.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .execute();
  await sql`comment on table pw_certificate_codes is '试用期考核证明验证码：每份申报一个，首次打印时生成'`.execute(db);
  // The Excel export of a project's whole list (admin, a district spanning many
  // departments) reads it in arrival order, 1,000 rows after the last one: without
  // this index every batch sorted what was left, and 300,000 rows took minutes.
  await sql`create index if not exists pw_applications_project_arrival on pw_applications (project_id, arrival_no)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists pw_applications_project_arrival`.execute(db);
  await db.schema.dropTable('pw_certificate_codes').ifExists().execute();
}
