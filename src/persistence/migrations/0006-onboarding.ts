import { sql, type Kysely } from 'kysely';

/**
 * Onboarding (issue 5): gapless counters for the 5-digit institution serial
 * in 机构证号 and business account numbers, and a plain index to find a
 * registration by credit code in any state (the partial unique index of
 * 0004 covers only live ones; a resubmission looks up rejected and returned
 * registrations too).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A row per counter, incremented with UPDATE … RETURNING inside the command's
  // transaction: a refused APPROVE rolls its number back (a sequence would leave
  // a gap), and concurrent approvals queue on the row instead of colliding.
  await db.schema
    .createTable('pw_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create index pw_institutions_credit_code on pw_institutions (credit_code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists pw_institutions_credit_code`.execute(db);
  await db.schema.dropTable('pw_counters').ifExists().execute();
}
