import { join, resolve } from 'node:path';
import type { DatabaseOptions } from '../../src/persistence/database.js';
import type { ServerConfig } from '../server/config.js';

/** The embedded database lives beside the stored files under DATA_DIR. */
export function databaseOptions(config: ServerConfig): DatabaseOptions {
  const schema = config.DATABASE_SCHEMA === undefined ? {} : { schema: config.DATABASE_SCHEMA };
  return config.DATABASE_URL
    ? {
        url: config.DATABASE_URL,
        statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
        connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
        pipeline: config.DATABASE_PIPELINE,
        ...schema,
      }
    : { dataDir: join(resolve(config.DATA_DIR), 'pgdata'), ...schema };
}
