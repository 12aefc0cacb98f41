import { join, resolve } from 'node:path';
import type { DatabaseOptions } from '../../src/persistence/database.js';
import type { ServerConfig } from '../server/config.js';

/** The embedded database lives beside the stored files under DATA_DIR. */
export function databaseOptions(config: ServerConfig): DatabaseOptions {
  return config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: join(resolve(config.DATA_DIR), 'pgdata') };
}
