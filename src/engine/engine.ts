import type { Kysely } from 'kysely';
import pino from 'pino';
import { logNotifier, type Notifier } from '../ports/notifier.js';
import { migrateToLatest } from '../persistence/migrate.js';
import type { Tables } from '../persistence/schema.js';
import { systemActor } from './actor.js';
import { systemClock, type Clock } from './clock.js';
import type { Logger } from './logger.js';
import { createOutboxDispatcher } from './outbox.js';
import { createTransitionRunner, type TransitionRunner } from './transition-runner.js';
import type { FactsProvider, WorkflowDefinition, WorkflowName } from './workflow-definition.js';
import { applicationWorkflow } from './workflows/application.js';
import { businessAccountWorkflow } from './workflows/business-account.js';
import { institutionWorkflow } from './workflows/institution.js';
import { isWorkflowError } from '../errors.js';

export interface EngineOptions {
  /** The database: what openDatabase returned, or a host's own Kysely instance. */
  db: { kysely: Kysely<Tables> } | Kysely<any>;
  clock?: Clock;
  notifier?: Notifier;
  logger?: Logger;
  /** Run the engine's migrations on start (default true). */
  migrate?: boolean;
  /**
   * Extra facts per workflow, merged over the engine's own: how a host adds
   * its own knowledge to what guards see (and how tests drive red/green
   * branches without fixture data).
   */
  facts?: Partial<Record<WorkflowName, FactsProvider>>;
}

/** The engine: one runner per machine plus the background duties. */
export interface Engine {
  readonly db: Kysely<Tables>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly institutions: TransitionRunner;
  readonly businessAccounts: TransitionRunner;
  readonly applications: TransitionRunner;
  readonly workflows: Readonly<Record<WorkflowName, TransitionRunner>>;
  /** Sends CLOSE to every open application whose deadline has passed; idempotent. */
  sweepDeadlines(): Promise<{ closed: number }>;
  /** Delivers pending outbox notifications now. */
  dispatchOutbox(): Promise<number>;
  /** Runs the deadline sweep now and then every `intervalMs` until close(). */
  startBackgroundTasks(intervalMs?: number): void;
  /** Stops background work (the database stays open: its owner closes it). */
  close(): Promise<void>;
}

const withFacts = (def: WorkflowDefinition, extra: FactsProvider | undefined): WorkflowDefinition =>
  extra
    ? {
        ...def,
        facts: async (args) => ({ ...(def.facts ? await def.facts(args) : {}), ...(await extra(args)) }),
      }
    : def;

/**
 * Creates the engine over a database and migrates it.
 *
 * @example
 * const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: './data' });
 * const engine = await createEngine({ db: database });
 * await engine.applications.send(id, { type: 'APPROVE', explanation: '已核实' }, actor, { expectedVersion: 3 });
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const db = ('kysely' in options.db ? options.db.kysely : options.db) as Kysely<Tables>;
  const clock = options.clock ?? systemClock;
  const logger: Logger = options.logger ?? pino({ level: 'warn' });
  if (options.migrate !== false) await migrateToLatest(db);

  const outbox = createOutboxDispatcher({ db, notifier: options.notifier ?? logNotifier(logger), clock, logger });
  const deps = { db, clock, onOutbox: () => outbox.kick() };
  const runner = (def: WorkflowDefinition) => createTransitionRunner(withFacts(def, options.facts?.[def.name]), deps);
  const workflows = Object.freeze({
    institution: runner(institutionWorkflow),
    businessAccount: runner(businessAccountWorkflow),
    application: runner(applicationWorkflow),
  });

  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> = Promise.resolve();

  const sweepDeadlines = async (): Promise<{ closed: number }> => {
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
          await workflows.application.send(id, { type: 'CLOSE' }, systemActor);
          closed++;
          progressed++;
        } catch (error) {
          // Another sweeper or a racing decision got there first: the next
          // round reads the row again, so nothing is skipped.
          if (!isWorkflowError(error) || (error.code !== 'VERSION_CONFLICT' && error.code !== 'INVALID_TRANSITION')) throw error;
        }
        // The embedded database never yields to the event loop on its own.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (due.length === 0 || progressed === 0) return { closed };
    }
  };

  return {
    db,
    clock,
    logger,
    institutions: workflows.institution,
    businessAccounts: workflows.businessAccount,
    applications: workflows.application,
    workflows,
    sweepDeadlines() {
      const run = sweeping.then(sweepDeadlines);
      sweeping = run.catch(() => undefined);
      return run;
    },
    dispatchOutbox: () => outbox.dispatch(),
    startBackgroundTasks(intervalMs = 60_000) {
      if (timer) return;
      const tick = () => {
        const run = sweeping.then(sweepDeadlines);
        sweeping = run.catch((error) => logger.error({ err: error }, 'deadline sweep failed'));
        outbox.kick();
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping;
      await outbox.stop();
    },
  };
}
