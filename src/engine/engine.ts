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
import { createApplicationWorkflow } from './workflows/application.js';
import type { MonthCounting } from '../domain/probation-months.js';
import { createProjects, type Projects } from '../projects/projects.js';
import { createDeclarations, type Declarations } from '../applications/declarations.js';
import { createBusinessAccountWorkflow } from './workflows/business-account.js';
import { createInstitutionWorkflow } from './workflows/institution.js';
import { isWorkflowError } from '../errors.js';
import { createFileStorage, type FileStorage } from '../storage/file-storage.js';
import { createPostgresPhysicianRegistry, type PhysicianRegistry } from '../registry/physician-registry.js';
import { createPhysicians, type Physicians } from '../registry/physicians.js';
import { createAccounts, type Accounts } from '../accounts/accounts.js';
import { createDepartments, type Departments } from '../accounts/departments.js';
import { defaultSecuritySettings, type SecuritySettings } from '../accounts/security-settings.js';
import { createOnboarding, type Onboarding } from '../onboarding/onboarding.js';

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
  /** Lockout, session and code lifetimes (SPEC §4.5); unset ones keep their defaults. */
  security?: Partial<SecuritySettings>;
  /** Where uploaded files go (default: content-addressed files under ./data/files). */
  storage?: FileStorage;
  /** Who holds which practising certificate (default: the pw_physicians table filled by the CSV import). */
  registry?: PhysicianRegistry;
  /** How probation time is counted in months (SPEC §4.4): `inclusive` (default) or `civil` (民法典 arts. 200–204). */
  monthCounting?: MonthCounting;
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
  /** Projects (申报项目): creation, the 待审核项目列表 with the caller's counts, per-institution progress. */
  readonly projects: Projects;
  /** Probation applications: declaration, direct entry, edits, events, detail with indicators, lists, batch report, paper certificates. */
  readonly declarations: Declarations;
  readonly accounts: Accounts;
  readonly departments: Departments;
  readonly security: Readonly<SecuritySettings>;
  readonly storage: FileStorage;
  /** The physician registry port (teacher checks). */
  readonly registry: PhysicianRegistry;
  /** CSV import and teacher verification over the registry. */
  readonly physicians: Physicians;
  /** Institution onboarding: registration, review, 申请查询, activation, business accounts, check codes. */
  readonly onboarding: Onboarding;
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

  const security = Object.freeze({ ...defaultSecuritySettings, ...options.security });
  const storage = options.storage ?? createFileStorage('./data/files');
  const registry = options.registry ?? createPostgresPhysicianRegistry(db);
  const physicians = createPhysicians({ db, registry, clock });
  const departments = createDepartments(db);
  const accounts = createAccounts({ db, clock, security, departments });
  const outbox = createOutboxDispatcher({ db, notifier: options.notifier ?? logNotifier(logger), clock, logger });
  const deps = { db, clock, scope: { within: departments.within }, onOutbox: () => outbox.kick() };
  const runner = (def: WorkflowDefinition) => createTransitionRunner(withFacts(def, options.facts?.[def.name]), deps);
  const workflows = Object.freeze({
    institution: runner(createInstitutionWorkflow({ security, accounts })),
    businessAccount: runner(createBusinessAccountWorkflow({ security, accounts })),
    application: runner(createApplicationWorkflow({ counting: options.monthCounting })),
  });
  const projects = createProjects({ db, clock, departments });
  const declarations = createDeclarations({ db, clock, runner: workflows.application, departments, storage, settings: { counting: options.monthCounting } });
  const onboarding = createOnboarding({ db, clock, logger, security, accounts, departments, storage, workflows, onOutbox: deps.onOutbox });

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
    projects,
    declarations,
    accounts,
    departments,
    security,
    storage,
    registry,
    physicians,
    onboarding,
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
