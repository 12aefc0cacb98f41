import { Migrator, sql, type DatabaseIntrospector, type Kysely, type MigrationResultSet, type SchemaMetadata, type TableMetadata } from 'kysely';
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
  const schema = rows[0]!.schema;
  const migrator = new Migrator({
    db: withSchemaIntrospection(db, schema),
    migrationTableSchema: schema,
    provider: { getMigrations: async () => migrations },
    migrationTableName,
    migrationLockTableName,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/**
 * The Migrator asks the introspector whether its two tables exist. Kysely's
 * PostgreSQL introspector reads every schema of the database and calls
 * `pg_get_serial_sequence`/`has_schema_privilege` by schema *name*, so it fails
 * ("schema … does not exist") when another schema is dropped while it runs —
 * another tenant of a shared database, or another test file. Ours looks at
 * our schema only, by oid-joined catalogs.
 */
function withSchemaIntrospection(db: Kysely<any>, schema: string): Kysely<any> {
  const introspector: DatabaseIntrospector = {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    async getTables(): Promise<TableMetadata[]> {
      const { rows } = await sql<{ name: string; isView: boolean }>`
        select c.relname as name, c.relkind = 'v' as "isView"
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'v', 'p')`.execute(db);
      return rows.map((r) => ({ name: r.name, schema, isView: r.isView, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspector;
      const value = Reflect.get(target, property, target) as unknown;
      // Kysely keeps its state in private fields: methods must run on the real instance.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
