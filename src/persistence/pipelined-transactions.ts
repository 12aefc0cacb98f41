import type pg from 'pg';
import { isLastOfTransaction, preparedName } from './prepared-statements.js';

type Query = (...args: unknown[]) => Promise<pg.QueryResult>;

// Answers for what was never sent: Kysely reads only `command`, `rowCount` and `rows`.
const answer = (command: string): pg.QueryResult => ({ command, rowCount: null, oid: 0, fields: [], rows: [] });

const quiet = <T>(promise: Promise<T>): Promise<T> => {
  // Its failure is reported through the statement that travels with it.
  promise.catch(() => {});
  return promise;
};

/** Sends a registered text (see `prepared`) by name, parsed once per connection; any other as it is. */
const byName = (query: Query, text: string, values: unknown) => {
  const name = preparedName(text);
  return name ? query({ name, text, values }) : query(text, values);
};

/** The same naming of registered statements on a client that does not pipeline. */
export function nameRegisteredStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as unknown as Query;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    return args.length === 2 && typeof text === 'string' ? byName(query, text, values) : query(...args);
  };
}

/**
 * Makes a pooled pg client (opened in pg's pipeline mode) spend fewer round
 * trips on a transaction, with the same statements in the same order:
 *
 * - BEGIN is held back and goes on the wire with the transaction's first
 *   statement, as JDBC and psycopg do (PostgreSQL takes the transaction's
 *   snapshot at its first statement anyway). A transaction that sends no
 *   statement sends nothing at all.
 * - After a statement registered as its transaction's last
 *   (`prepared(text, { lastOfTransaction: true })`: a command's one write),
 *   COMMIT follows at once when every statement before it was a registered
 *   one (the lock and its reads: they write nothing); the COMMIT Kysely sends
 *   next is answered by it. A failed statement turns that COMMIT into
 *   PostgreSQL's ROLLBACK, and such a statement writes all or nothing by
 *   itself, so nothing half-done stays. After any other statement (an
 *   effect's insert) the COMMIT waits, as usual, for the command to decide.
 * - Registered statements go out by name, parsed once per connection.
 *
 * A command (lock with its reads, then one write) is two round trips instead
 * of four. Kysely still sends BEGIN and COMMIT as usual and sees the same
 * answers, so nothing above the pool knows.
 *
 * @example
 * const pool = new pg.Pool({ connectionString: url, pipeline: true });
 * pool.on('connect', (client) => pipelineTransactions(client));
 */
export function pipelineTransactions(client: pg.PoolClient): void {
  const query = client.query.bind(client) as unknown as Query;
  let heldBegin = false;
  let inTransaction = false;
  // Whether every statement of the transaction so far was a registered read (the lock): only then
  // may COMMIT leave behind the last one before its answer. After any other statement (an effect's
  // insert, a facts provider's query) a last statement that wrote nothing must not commit the rest,
  // so the COMMIT waits for the command to decide.
  let onlyRegistered = true;
  // The COMMIT already sent behind the transaction's last statement.
  let committing: Promise<pg.QueryResult> | undefined;

  // Statements sent back to back leave in one write to the socket (pg writes each query as it is
  // submitted): each write is a system call that wakes the server's process on its own.
  const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
  const together = <T>(submit: () => T): T => {
    stream?.cork?.();
    try {
      return submit();
    } finally {
      stream?.uncork?.();
    }
  };

  const send = (text: string, values: unknown) => {
    if (!(inTransaction && onlyRegistered && isLastOfTransaction(text))) {
      if (preparedName(text) === undefined) onlyRegistered = false;
      return byName(query, text, values);
    }
    inTransaction = false;
    return together(() => {
      const result = byName(query, text, values);
      committing = quiet(query('commit'));
      return result;
    });
  };

  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    // Kysely sends (text, values); anything else (a callback, a config object) goes out as it came,
    // behind a BEGIN still held.
    if (args.length !== 2 || typeof text !== 'string') {
      onlyRegistered = false;
      if (heldBegin) {
        heldBegin = false;
        void quiet(query('begin'));
      }
      return query(...args);
    }
    const command = text.length <= 8 ? text.trim().toLowerCase() : '';
    if (committing) {
      const ended = committing;
      committing = undefined;
      if (command === 'commit') return ended;
      // The command failed after its last statement (a write that matched no row and so wrote
      // nothing): the transaction has ended already, either way.
      if (command === 'rollback') return ended.then(() => answer('ROLLBACK'), () => answer('ROLLBACK'));
      return Promise.reject(new Error(`A statement was sent after its transaction's last one, which already committed: ${text.slice(0, 60)}`));
    }
    if (command === 'begin' && !heldBegin && !inTransaction) {
      heldBegin = true;
      inTransaction = true;
      onlyRegistered = true;
      return Promise.resolve(answer('BEGIN'));
    }
    if (command === 'commit' || command === 'rollback') {
      inTransaction = false;
      if (heldBegin) {
        // Nothing was sent in this transaction: there is nothing to end.
        heldBegin = false;
        return Promise.resolve(answer(command.toUpperCase()));
      }
      return query(text, values);
    }
    if (heldBegin) {
      heldBegin = false;
      return together(() => {
        const begun = quiet(query('begin'));
        const result = quiet(send(text, values));
        return begun.then(() => result);
      });
    }
    return send(text, values);
  };
}
