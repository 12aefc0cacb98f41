import { sql, type Kysely } from 'kysely';

/**
 * The verification codes printed on 试用期考核证明 PDFs (issue 19): one code
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
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pw_certificate_codes').ifExists().execute();
}
