import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite, type ParserOptions } from '@electric-sql/pglite';
import { quoteIdentifier } from './database.js';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * A pool-like adapter over one PGlite instance for Kysely's ordinary
 * `PostgresDialect`. PGlite is a single PostgreSQL session, so the adapter
 * lends that session to one caller at a time (FIFO) and makes sure a caller
 * can never leave a transaction open for the next one.
 */
export interface PglitePool extends PostgresPool {
  /** Waits for the session, then lends it until `release()`. Rejects once `end()` was called. */
  connect(): Promise<PglitePoolClient>;
  /** One statement on the session, acquired and released around it. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  /** A dump of the data directory (a tarball PGlite's `loadDataDir` accepts), taken between two callers. */
  dumpDataDir(compression?: 'gzip' | 'none' | 'auto'): Promise<File | Blob>;
  /** Waits for the current holder, rejects every waiter, closes PGlite. Idempotent. */
  end(): Promise<void>;
  /** True once `end()` was called. */
  readonly ended: boolean;
}

/** One loan of the session, as Kysely's pg driver expects of a pg pool client. */
export interface PglitePoolClient extends PostgresPoolClient {
  /**
   * Rolls back a transaction left open, then hands the session to the next
   * caller. Querying a released client rejects (it would run inside the next
   * caller's work); releasing twice throws.
   */
  release(destroy?: boolean): void;
}

export interface PglitePoolOptions {
  /**
   * Yield to the event loop (setImmediate) before a statement once the session
   * has run this long without one, so timers and I/O are not starved: PGlite
   * answers through microtasks only. Default 5 ms.
   */
  yieldAfterMs?: number;
  /** Called with errors that have no caller to reject (a failed automatic rollback). */
  onError?: (error: Error) => void;
}

export interface OpenPglitePoolOptions extends PglitePoolOptions {
  /** Directory of the database files, created with its parents if missing; or `memory://`. Default `memory://`. */
  dataDir?: string;
  /** Result parsers by type OID (PGlite's `parsers` option). */
  parsers?: ParserOptions;
  /** Start from a data-directory dump (see {@link PglitePool.dumpDataDir}) instead of running initdb. */
  loadDataDir?: Blob | File;
  /** Create this schema if missing and set the session's search_path to it. */
  schema?: string;
}

/**
 * Opens PGlite and wraps it in a {@link PglitePool}. A new data directory
 * runs initdb (4–9 s); an existing one opens in about a second. Never open
 * one on-disk directory from two processes at once: PGlite does not lock it.
 *
 * @example
 * const pool = await openPglitePool({ dataDir: './data/pgdata' });
 * const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
 */
export async function openPglitePool(options: OpenPglitePoolOptions = {}): Promise<PglitePool> {
  let dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.includes('://')) {
    dataDir = resolve(dataDir);
    // PGlite creates the directory itself but fails when its parent is missing.
    await mkdir(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(dataDir, {
    ...(options.parsers ? { parsers: options.parsers } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const pool = createPglitePool(pglite, options);
  if (options.schema !== undefined) {
    try {
      const schema = quoteIdentifier(options.schema);
      await pool.query(`create schema if not exists ${schema}`);
      // One session for the pool's lifetime, so setting it once is enough.
      await pool.query(`set search_path to ${schema}`);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  return pool;
}

/**
 * Wraps an open PGlite instance. The pool owns it from then on: `end()`
 * closes it, and nothing else should query it directly (that would bypass the
 * lock and could run inside another caller's transaction).
 *
 * @example
 * const pool = createPglitePool(await PGlite.create('memory://'));
 * const { rows } = await pool.query('select 1 as one');
 */
export function createPglitePool(pglite: PGlite, options: PglitePoolOptions = {}): PglitePool {
  return new PglitePoolImpl(pglite, options);
}

/**
 * The command tag PostgreSQL would report for a statement, from its text:
 * the first keyword, skipping comments; for `WITH …` the keyword of the main
 * statement after the common table expressions. Only a fallback: PGlite 0.5
 * reports the tag itself.
 *
 * @example
 * sqlCommand('-- note\nwith a as (update t set v = 1 returning *) select * from a'); // 'SELECT'
 * sqlCommand('with a as (select 1) delete from t'); // 'DELETE'
 */
export function sqlCommand(sql: string): string | undefined {
  const words = topLevelWords(sql);
  const first = words.next().value;
  if (first === undefined) return undefined;
  if (first === 'WITH') {
    for (const word of words) {
      if (mainStatementKeywords.has(word)) return tagOf(word);
    }
    return undefined;
  }
  return tagOf(first);
}

const mainStatementKeywords = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES', 'TABLE']);

function tagOf(keyword: string): string {
  switch (keyword) {
    case 'VALUES':
    case 'TABLE':
      return 'SELECT';
    case 'END':
      return 'COMMIT';
    case 'ABORT':
      return 'ROLLBACK';
    default:
      return keyword;
  }
}

/** Upper-cased words outside parentheses, string literals, quoted names and comments. */
function* topLevelWords(sql: string): Generator<string, undefined> {
  let i = 0;
  let depth = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      // Block comments nest in PostgreSQL.
      let nesting = 1;
      i += 2;
      while (i < n && nesting > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          nesting++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          nesting--;
          i += 2;
        } else {
          i++;
        }
      }
    } else if (c === "'" || c === '"') {
      // A doubled quote inside is an escaped quote: skipping both halves as
      // two adjacent literals gives the same result.
      const end = sql.indexOf(c, i + 1);
      i = end === -1 ? n : end + 1;
    } else if (c === '$' && /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.test(sql.slice(i, i + 64))) {
      const tag = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(sql.slice(i, i + 64))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end === -1 ? n : end + tag.length;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      depth--;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
      if (depth === 0) yield sql.slice(start, i).toUpperCase();
    } else {
      i++;
    }
  }
  return undefined;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

class PglitePoolImpl implements PglitePool {
  readonly #pglite: PGlite;
  readonly #yieldAfterMs: number;
  readonly #onError: ((error: Error) => void) | undefined;
  #held = false;
  readonly #waiters: Waiter[] = [];
  #lastYield = performance.now();
  // Only for the command-tag fallback: after a failed statement inside a
  // transaction, COMMIT actually rolls back.
  #lastStatementFailed = false;
  #ending: Promise<void> | undefined;

  constructor(pglite: PGlite, options: PglitePoolOptions) {
    this.#pglite = pglite;
    this.#yieldAfterMs = options.yieldAfterMs ?? 5;
    this.#onError = options.onError;
  }

  get ended(): boolean {
    return this.#ending !== undefined;
  }

  async connect(): Promise<PglitePoolClient> {
    await this.#acquire();
    return new PglitePoolClientImpl(this);
  }

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<PostgresQueryResult<R>> {
    const client = await this.connect();
    try {
      return await client.query<R>(sql, params);
    } finally {
      client.release();
    }
  }

  async dumpDataDir(compression: 'gzip' | 'none' | 'auto' = 'gzip'): Promise<File | Blob> {
    await this.#acquire();
    try {
      return await this.#pglite.dumpDataDir(compression);
    } finally {
      this.#handOff();
    }
  }

  end(): Promise<void> {
    this.#ending ??= (async () => {
      // Queue behind the current holder and earlier waiters, so work already
      // admitted finishes; callers arriving later are refused by connect().
      await this.#acquireUnchecked();
      try {
        await this.#pglite.close();
      } finally {
        const error = new Error('The PGlite pool has ended');
        for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
      }
    })();
    return this.#ending;
  }

  /** Runs one statement for a client that holds the session. */
  async run<R>(sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    if (performance.now() - this.#lastYield >= this.#yieldAfterMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.#lastYield = performance.now();
    }
    let result;
    try {
      result = await this.#pglite.query<R>(sql, params as unknown[]);
    } catch (error) {
      this.#lastStatementFailed = true;
      throw error;
    }
    let command = result.command?.toUpperCase() ?? sqlCommand(sql);
    if (result.command === undefined && command === 'COMMIT' && this.#lastStatementFailed) {
      command = 'ROLLBACK';
    }
    this.#lastStatementFailed = false;
    return {
      command: command as PostgresQueryResult<R>['command'],
      rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
      rows: result.rows,
    };
  }

  /** Called by a client's release(): close any transaction, then pass the session on. */
  async releaseSession(): Promise<void> {
    try {
      if (this.#pglite.isInTransaction()) {
        await this.#pglite.query('rollback');
      }
    } catch (error) {
      this.#onError?.(error as Error);
    } finally {
      this.#lastStatementFailed = false;
      this.#handOff();
    }
  }

  #acquire(): Promise<void> {
    if (this.#ending) return Promise.reject(new Error('The PGlite pool has ended'));
    return this.#acquireUnchecked();
  }

  #acquireUnchecked(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #handOff(): void {
    const next = this.#waiters.shift();
    if (next) next.resolve();
    else this.#held = false;
  }
}

class PglitePoolClientImpl implements PglitePoolClient {
  readonly #pool: PglitePoolImpl;
  #released = false;

  constructor(pool: PglitePoolImpl) {
    this.#pool = pool;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (this.#released) {
      // A query after release would run inside whoever holds the session now.
      return Promise.reject(new Error('Query on a PGlite pool client that was already released'));
    }
    if (typeof sql !== 'string') {
      throw new TypeError('The PGlite pool supports no cursors (streaming)');
    }
    return this.#pool.run<R>(sql, parameters);
  }

  release(_destroy?: boolean): void {
    // Kysely asks to destroy a connection whose rollback failed; the single
    // session cannot be replaced, and releaseSession rolls back again anyway.
    if (this.#released) throw new Error('Release called on a PGlite pool client that was already released');
    this.#released = true;
    void this.#pool.releaseSession();
  }
}
