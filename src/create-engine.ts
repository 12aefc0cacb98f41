import type { Kysely } from 'kysely';
import pino from 'pino';
import { logNotifier, type Notifier } from './ports/notifier.js';
import { migrateToLatest } from './persistence/migrate.js';
import type { Tables } from './persistence/schema.js';
import { systemClock, type Clock } from './engine/clock.js';
import type { Logger } from './engine/logger.js';
import { createOutboxDispatcher, type OutboxRetrySettings } from './engine/outbox.js';
import { purgeExpired, type PurgeResult } from './accounts/purge.js';
import { createDeadlineSweep, type SweepResult } from './engine/deadline-sweep.js';
import { createTransitionRunner, type TransitionRunner } from './engine/transition-runner.js';
import type { FactsProvider, WorkflowDefinition, WorkflowName } from './engine/workflow-definition.js';
import { createApplicationWorkflow } from './applications/application-workflow.js';
import type { MonthCounting } from './domain/probation-months.js';
import type { IndicatorSettings } from './applications/application-indicators.js';
import { createProjects, type Projects } from './projects/projects.js';
import { createDeclarations, type Declarations } from './applications/declarations.js';
import { createBusinessAccountWorkflow } from './onboarding/business-account-workflow.js';
import { createInstitutionWorkflow } from './onboarding/institution-workflow.js';
import { createFileStorage, type FileStorage, type OrphanSweep } from './storage/file-storage.js';
import { createPostgresPhysicianRegistry, type PhysicianRegistry } from './registry/physician-registry.js';
import { createPhysicians, type Physicians } from './registry/physicians.js';
import { createAccounts, type Accounts } from './accounts/accounts.js';
import { createDepartments, type Departments } from './accounts/departments.js';
import { defaultSecuritySettings, type SecuritySettings } from './accounts/security-settings.js';
import { createOnboarding, type Onboarding } from './onboarding/onboarding.js';

export interface EngineOptions {
  /** The database: what openDatabase returned, or a host's own Kysely instance. */
  db: { kysely: Kysely<Tables>; kind?: string } | Kysely<any>;
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
  /** Retries of failed notifications: attempts before giving up (default 8) and the backoff (30 s doubling, at most 1 h). */
  outboxRetry?: Partial<OutboxRetrySettings>;
  /**
   * Most data rows of one Excel export (default 1,000,000; Excel itself
   * stops at 1,048,575): a larger list is refused with EXPORT_TOO_LARGE.
   */
  exportRowLimit?: number;
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
  /**
   * Sends CLOSE to every open application whose deadline has passed; idempotent.
   * On a PostgreSQL shared by several processes one sweeps at a time: the
   * others return `{ closed: 0, skipped: true }`.
   *
   * @example
   * const { closed } = await engine.sweepDeadlines();
   */
  sweepDeadlines(): Promise<SweepResult>;
  /**
   * Removes stored files no attachment row references and partial uploads
   * (what a killed process leaves behind; see FileStorage.removeOrphans).
   * Runs when background tasks start and then hourly.
   *
   * @example
   * const sweep = await engine.removeOrphanFiles();
   */
  removeOrphanFiles(): Promise<OrphanSweep>;
  /**
   * Deletes expired or revoked sessions and spent one-time codes (see
   * purgeExpired). Runs when background tasks start and then hourly.
   *
   * @example
   * const { sessions, oneTimeCodes } = await engine.purgeExpired();
   */
  purgeExpired(): Promise<PurgeResult>;
  /**
   * Delivers pending outbox notifications now.
   *
   * @example
   * const delivered = await engine.dispatchOutbox();
   */
  dispatchOutbox(): Promise<number>;
  /**
   * Runs the deadline sweep now and then every `intervalMs` until close().
   *
   * @example
   * engine.startBackgroundTasks(60_000); // the sweep now and every minute, until close()
   */
  startBackgroundTasks(intervalMs?: number): void;
  /**
   * Stops background work (the database stays open: its owner closes it).
   *
   * @example
   * await engine.close();
   * await database.close(); // the database's owner closes it
   */
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
 * declare const applicationId: string;
 * const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: './data' });
 * const engine = await createEngine({ db: database });
 * await engine.applications.send(applicationId, { type: 'APPROVE', explanation: '已核实' }, actor, { expectedVersion: 3 });
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const db = ('kysely' in options.db ? options.db.kysely : options.db) as Kysely<Tables>;
  const clock = options.clock ?? systemClock;
  const logger: Logger = options.logger ?? pino({ level: 'warn' });
  if (options.migrate !== false) await migrateToLatest(db);

  const security = Object.freeze({ ...defaultSecuritySettings, ...options.security });
  const storage = options.storage ?? createFileStorage('./data/files');
  const registry = options.registry ?? createPostgresPhysicianRegistry(db);
  // One settings object for the workflow's guards and the service's detail, so a
  // page shows what the guards decide on. Without a host registry the indicators
  // read pw_physicians through the command's own transaction.
  const applicationSettings: IndicatorSettings = {
    counting: options.monthCounting,
    ...(options.registry ? { registry: options.registry } : {}),
  };
  const exportRowLimit = options.exportRowLimit ?? 1_000_000;
  if (!Number.isInteger(exportRowLimit) || exportRowLimit < 1 || exportRowLimit > 1_048_575) {
    throw new RangeError('exportRowLimit must be an integer from 1 to 1,048,575 (the rows of one Excel sheet below its header)');
  }
  const physicians = createPhysicians({ db, registry, clock });
  const departments = createDepartments(db);
  const accounts = createAccounts({ db, clock, security, departments });
  const outbox = createOutboxDispatcher({
    db,
    notifier: options.notifier ?? logNotifier(logger),
    clock,
    logger,
    ...(options.outboxRetry ? { retry: options.outboxRetry } : {}),
  });
  const deps = { db, clock, scope: { within: departments.within }, onOutbox: () => outbox.kick() };
  const runner = (def: WorkflowDefinition) => createTransitionRunner(withFacts(def, options.facts?.[def.name]), deps);
  const workflows = Object.freeze({
    institution: runner(createInstitutionWorkflow({ security, accounts })),
    businessAccount: runner(createBusinessAccountWorkflow({ security, accounts })),
    application: runner(createApplicationWorkflow(applicationSettings)),
  });
  const projects = createProjects({ db, clock, departments });
  const declarations = createDeclarations({
    db,
    clock,
    runner: workflows.application,
    departments,
    storage,
    settings: applicationSettings,
    checkCodeMaxAttempts: security.checkCodeMaxAttempts,
    exportRowLimit,
  });
  const onboarding = createOnboarding({ db, clock, logger, security, accounts, departments, storage, workflows, onOutbox: deps.onOutbox, exportRowLimit });

  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> = Promise.resolve();

  const sweepDeadlines = createDeadlineSweep({
    db,
    clock,
    applications: workflows.application,
    shared: 'kind' in options.db && typeof options.db.kind === 'string' ? options.db.kind !== 'embedded' : 'auto',
  });

  const removeOrphanFiles = async (): Promise<OrphanSweep> => {
    if (!storage.removeOrphans) return { files: 0, partials: 0 };
    return storage.removeOrphans(async (keys) => {
      if (keys.length === 0) return new Set();
      const rows = await db.selectFrom('pw_attachments').select('storage_key').distinct().where('storage_key', 'in', keys).execute();
      return new Set(rows.map((r) => r.storage_key));
    });
  };
  let orphanTimer: NodeJS.Timeout | null = null;
  let cleaning: Promise<unknown> = Promise.resolve();
  const purge = () => purgeExpired(db, clock.now(), security);
  // The hourly housekeeping: files no row references, sessions and codes nobody can use any more.
  const cleanFiles = () => {
    cleaning = cleaning
      .then(removeOrphanFiles)
      .then(
        (removed) => {
          if (removed.files + removed.partials > 0) logger.info(removed, 'orphan files removed');
        },
        (error) => logger.warn({ err: error }, 'orphan file cleanup failed'),
      )
      .then(purge)
      .then(
        (purged) => {
          if (purged.sessions + purged.oneTimeCodes > 0) logger.info(purged, 'expired sessions and codes purged');
        },
        (error) => logger.warn({ err: error }, 'purge of expired sessions and codes failed'),
      );
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
    removeOrphanFiles() {
      const run = cleaning.then(removeOrphanFiles);
      cleaning = run.catch(() => undefined);
      return run;
    },
    purgeExpired() {
      const run = cleaning.then(purge);
      cleaning = run.catch(() => undefined);
      return run;
    },
    dispatchOutbox: () => outbox.dispatch(),
    startBackgroundTasks(intervalMs = 60_000) {
      if (timer) return;
      const tick = () => {
        const run = sweeping.then(sweepDeadlines);
        sweeping = run.then(
          (result) => {
            if (result.closed > 0) logger.info(result, 'deadline sweep closed applications');
            else if (result.skipped) logger.debug(result, 'deadline sweep skipped: another process holds the sweep lock');
          },
          (error) => logger.error({ err: error }, 'deadline sweep failed'),
        );
        outbox.kick();
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
      cleanFiles();
      orphanTimer = setInterval(cleanFiles, 60 * 60_000);
      orphanTimer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      if (orphanTimer) clearInterval(orphanTimer);
      timer = null;
      orphanTimer = null;
      await sweeping;
      await cleaning;
      await outbox.stop();
    },
  };
}
