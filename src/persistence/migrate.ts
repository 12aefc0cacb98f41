import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * Our own migration table names, so a host that runs Kysely's Migrator for
 * its own schema in the same database is not disturbed.
 */
export const migrationTableName = 'pw_migration';
export const migrationLockTableName = 'pw_migration_lock';

/**
 * Brings the engine's tables to the latest version. Safe to call on every
 * start: applied migrations are skipped, and Kysely's lock table keeps two
 * processes from migrating at once.
 *
 * @example
 * const database = await openDatabase({ url: process.env.DATABASE_URL });
 * await migrateToLatest(database.kysely);
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  // Kysely's Migrator looks for its table in every schema unless told which
  // one: name the current schema so two schemas in one database (tests, or a
  // host that isolates us in our own schema) never see each other's tables.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    migrationTableSchema: rows[0]!.schema,
    provider: { getMigrations: async () => migrations },
    migrationTableName,
    migrationLockTableName,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
