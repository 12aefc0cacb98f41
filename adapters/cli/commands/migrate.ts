import { migrateToLatest } from '../../../src/persistence/migrate.js';
import { openDatabase } from '../../../src/persistence/database.js';
import { loadConfig } from '../../server/config.js';
import { databaseOptions } from '../database-options.js';

/** `probation-workflow migrate`: brings the schema of DATABASE_URL (or the embedded database) up to date. */
export async function migrate(): Promise<void> {
  const database = await openDatabase(databaseOptions(loadConfig(process.env)));
  try {
    const result = await migrateToLatest(database.kysely);
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
  } finally {
    await database.close();
  }
}
