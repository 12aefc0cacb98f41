import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Tables } from './schema.js';
import { nameRegisteredStatements, pipelineTransactions } from './pipelined-transactions.js';
import { pgTypeOverrides, typeParsers } from './type-parsers.js';

export interface DatabaseOptions {
  /** postgres:// URL. Unset (or empty, as an empty DATABASE_URL) → embedded PostgreSQL (PGlite). */
  url?: string;
  /** Embedded mode: directory of the database files (default './data/pgdata'); created if missing (parents too). Ignored with url. 'memory://' for an in-memory database. */
  dataDir?: string;
  /** Optional schema to isolate the engine's tables in (created if missing; every connection's search_path is set to it). Works in both modes. Letters, digits and _ only. */
  schema?: string;
  /** pg pool size (default 10). */
  maxConnections?: number;
  /** Statement timeout in ms for the pg pool (default 30000) so a stuck query cannot hold a connection forever. */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL ends a session that sits idle inside an open transaction this
   * long (ms, default 60000): a caller that hangs between two statements
   * cannot keep its row locks for ever. 0 turns it off.
   */
  idleInTransactionTimeoutMs?: number;
  /**
   * How long (ms, default 10000) a caller waits for a pg connection, whether
   * a new one is being opened or every pooled one is busy; then it fails
   * with a connection error instead of waiting for an unreachable server.
   */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL only (default true): run the pool's connections in pg's pipeline mode, so that a
   * transaction's BEGIN leaves with its first statement and a command's COMMIT right behind its
   * write (two round trips a command instead of four; `pipelined-transactions.ts`). `false` sends
   * every statement after the previous answer, as a plain pg pool does.
   */
  pipeline?: boolean;
  /** Embedded mode: start from a data-dir dump (a Blob/File produced by PGlite dumpDataDir) — used by tests to avoid initdb. */
  loadDataDir?: Blob | File;
  /**
   * Errors no caller is waiting for: an idle pg connection dropped (e.g. when
   * PostgreSQL restarts; the pool replaces it on next use), or a failed
   * automatic rollback in embedded mode. Without it they are ignored rather
   * than crashing the process.
   */
  onError?: (error: Error) => void;
}

export interface Database {
  readonly kysely: Kysely<Tables>;
  readonly kind: 'postgres' | 'embedded';
  /** Embedded only: dump the data directory (for test templates): a tarball, gzipped unless 'none' (larger, but loads ~0.3 s faster). */
  dumpDataDir?(compression?: 'gzip' | 'none'): Promise<File | Blob>;
  /** Releases every connection / the PGlite instance; the process can exit afterwards. Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens the engine's database: a `pg` pool on `url`, or else an embedded
 * PostgreSQL (PGlite) on `dataDir`. Both use Kysely's `PostgresDialect`, so
 * queries and transactions behave the same; rows come back with the same JS
 * types in both modes (see `typeParsers`): int8 → number (a RangeError beyond
 * Number.MAX_SAFE_INTEGER), numeric → string, date → 'YYYY-MM-DD',
 * timestamptz → Date, json/jsonb → parsed value.
 *
 * Rules for callers:
 * - Always `JSON.stringify` a jsonb/json parameter. pg turns a JS array into a
 *   PostgreSQL array literal while PGlite JSON-encodes it, so a raw value
 *   would be stored differently (or rejected) depending on the mode.
 * - Inside `kysely.transaction().execute(async (trx) => …)` use `trx`, never
 *   `kysely`: embedded mode has one session, so a query on `kysely` waits for
 *   the transaction that waits for it (a deadlock), and on PostgreSQL it would
 *   silently run outside the transaction.
 * - Loops of many queries in embedded mode are yielded to the event loop every
 *   few milliseconds by the adapter; CPU-heavy JS between them is not.
 * - Embedded mode issues no fsync: safe against a crashed process, not against
 *   power loss. Never open one data directory from two processes.
 *
 * Nothing is migrated here: call `migrateToLatest(database.kysely)`.
 *
 * @example
 * const database = await openDatabase({ url: process.env.DATABASE_URL });
 * await migrateToLatest(database.kysely);
 * await database.kysely
 *   .insertInto('pw_outbox')
 *   .values({ topic: 'mail', payload: JSON.stringify({ to: 'a@b.c' }), created_at: new Date() })
 *   .execute();
 * await database.close();
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const schema = options.schema === undefined ? undefined : quoteIdentifier(options.schema);
  return options.url ? openPostgres(options.url, options, schema) : openEmbedded(options);
}

async function openPostgres(url: string, options: DatabaseOptions, schema: string | undefined): Promise<Database> {
  const onError = options.onError;
  const pipeline = options.pipeline ?? true;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: 'probation-workflow',
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // Notices a dead peer (PostgreSQL host gone) on idle connections.
    keepAlive: true,
    types: pgTypeOverrides,
    // Lets a statement go on the wire before the previous one is answered; only
    // pipelineTransactions does that (BEGIN with the first statement, COMMIT
    // behind a command's write): Kysely itself waits for every answer.
    pipeline,
    // A startup option rather than a `set` per checkout: no extra round trip,
    // and a connection replaced after a PostgreSQL restart gets it too.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's error (PostgreSQL restarted, connection killed) is
  // emitted on the pool and would crash the process without a listener.
  pool.on('error', (error) => onError?.(error));
  // A checked-out client can also emit 'error' between two queries; its next
  // query fails anyway, so the event only needs a listener, not a report.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    if (pipeline) pipelineTransactions(client);
    else nameRegisteredStatements(client);
  });
  if (schema) {
    try {
      await pool.query(`create schema if not exists ${schema}`);
    } catch (error) {
      // Two processes creating the same schema at once race on the catalog.
      if ((error as { code?: string }).code !== '23505') {
        await pool.end();
        throw error;
      }
    }
  }
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return createDatabase(kysely, 'postgres', async () => {
    if (!pool.ending) await pool.end();
  });
}

async function openEmbedded(options: DatabaseOptions): Promise<Database> {
  // Loaded only here, so a server on PostgreSQL never loads PGlite.
  const { openPglitePool } = await import('./pglite-pool.js');
  const pool = await openPglitePool({
    dataDir: options.dataDir ?? './data/pgdata',
    parsers: typeParsers,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.schema !== undefined ? { schema: options.schema } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return createDatabase(kysely, 'embedded', () => pool.end(), (compression = 'gzip') => pool.dumpDataDir(compression));
}

/**
 * Quotes a schema name. Only plain identifiers are accepted, so the name can
 * also go unescaped into a connection's startup options.
 *
 * @example
 * quoteIdentifier('t_123_ab'); // '"t_123_ab"'
 * quoteIdentifier('a; drop table x'); // throws TypeError
 */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new TypeError(`Invalid schema name ${JSON.stringify(name)}: use letters, digits and _ (at most 63)`);
  }
  return `"${name}"`;
}

function createDatabase(
  kysely: Kysely<Tables>,
  kind: Database['kind'],
  endPool: () => Promise<void>,
  dumpDataDir?: Database['dumpDataDir'],
): Database {
  let closing: Promise<void> | undefined;
  return {
    kysely,
    kind,
    ...(dumpDataDir ? { dumpDataDir } : {}),
    close: () =>
      (closing ??= (async () => {
        await kysely.destroy();
        // Kysely ends the pool only if it ever used it: a database closed
        // before its first query would otherwise keep the process alive.
        await endPool();
      })()),
  };
}
