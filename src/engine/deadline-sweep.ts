import { sql, type Kysely } from 'kysely';
import { isWorkflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import { systemActor } from './actor.js';
import type { Clock } from './clock.js';
import type { TransitionRunner } from './transition-runner.js';

/** What one sweep did. */
export interface SweepResult {
  /** Applications closed by this sweep. */
  closed: number;
  /** True when another process held the sweep lock, so this one did nothing. */
  skipped?: boolean;
}

export interface DeadlineSweepDeps {
  db: Kysely<Tables>;
  clock: Clock;
  applications: TransitionRunner;
  /**
   * Whether the database can be shared by several processes: then a sweep
   * runs only while holding a PostgreSQL advisory lock. The embedded
   * database has one session and one process, and holding that session for
   * the lock would starve the sweep's own commands; 'auto' asks the server.
   */
  shared: boolean | 'auto';
}

/**
 * Creates the deadline sweep: sends CLOSE to every open application whose
 * `due_at` has passed, each in its own transaction (a decision racing with it
 * either commits first and is then closed, or finds the row closed). On a
 * shared PostgreSQL only one process sweeps a schema at a time: the others
 * skip the round rather than compete row by row for the same applications.
 *
 * @example
 * const sweep = createDeadlineSweep({ db, clock, applications: runner, shared: 'auto' });
 * const { closed, skipped } = await sweep();
 */
export function createDeadlineSweep(deps: DeadlineSweepDeps): () => Promise<SweepResult> {
  const { db, clock, applications } = deps;
  let shared: Promise<boolean> | undefined;
  const isShared = () => {
    shared ??= deps.shared === 'auto' ? sharedServer(db) : Promise.resolve(deps.shared);
    // A database that was down is asked again next time.
    shared.catch(() => {
      shared = undefined;
    });
    return shared;
  };

  const closeDue = async (): Promise<SweepResult> => {
    let closed = 0;
    for (;;) {
      const due = await db
        .selectFrom('pw_applications')
        .select('id')
        .where('open', '=', true)
        .where('due_at', '<=', clock.now())
        .orderBy('due_at')
        .limit(200)
        .execute();
      let progressed = 0;
      for (const { id } of due) {
        try {
          await applications.send(id, { type: 'CLOSE' }, systemActor);
          closed++;
          progressed++;
        } catch (error) {
          // A racing decision got there first: the next round reads the row
          // again, so nothing is skipped.
          if (!isWorkflowError(error) || (error.code !== 'VERSION_CONFLICT' && error.code !== 'INVALID_TRANSITION')) throw error;
        }
        // The embedded database never yields to the event loop on its own.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (due.length === 0 || progressed === 0) return { closed };
    }
  };

  return async () => {
    if (!(await isShared())) return closeDue();
    // A session lock on a connection of its own, keyed by schema: sweeps of
    // other schemas on the same server (other tenants, test files) go on.
    return db.connection().execute(async (connection) => {
      const key = sql`hashtext(current_schema() || ${lockName})`;
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(connection);
      if (!rows[0]?.locked) return { closed: 0, skipped: true };
      try {
        return await closeDue();
      } finally {
        // When the connection itself broke, PostgreSQL already dropped the lock.
        await sql`select pg_advisory_unlock(${key})`.execute(connection).catch(() => undefined);
      }
    });
  };
}

/** The advisory lock's name; hashed with the schema into the lock key. */
export const lockName = ':probation-workflow.deadline-sweep';

/** PGlite reports itself in version(); anything else is a server other processes may share. */
async function sharedServer(db: Kysely<Tables>): Promise<boolean> {
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db);
  return !/PGlite|emscripten/i.test(rows[0]?.version ?? '');
}
