import { initialTransition } from 'xstate';
import type { Kysely, Transaction } from 'kysely';
import { fromDotted } from '../../machines/shared/introspect.js';
import { isWorkflowError, validationFailed, workflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import type { EntityRow, Scope, WorkflowDefinition } from './workflow-definition.js';
import { checkRole, validateEvent, type WorkflowEvent } from './runner/event-validation.js';
import { findCreation, findEvent, replay } from './runner/idempotency.js';
import { isUuid, lockRow, readHistory, readRow, readVisibleRow, readWithHistory, viewOf, visibleDetail, type EntityDetail } from './runner/entity-read.js';
import { applyCommand, decideCommand, type Applied } from './runner/transition-write.js';
import type { EntityView, HistoryEntry, TransitionResult } from './runner/transition-result.js';

// The runner is put together from one small file per job (src/engine/runner/): validating the event,
// idempotency, reading the entity, deciding and writing. This file only orders them in a transaction.
export type { WorkflowEvent } from './runner/event-validation.js';
export type { EntityView, HistoryEntry, TransitionResult } from './runner/transition-result.js';
export type { EntityDetail } from './runner/entity-read.js';
export { isUuid } from './runner/entity-read.js';

export interface SendOptions {
  /** Refuse with VERSION_CONFLICT unless the entity is still at this version. */
  expectedVersion?: number;
  /** A retry with the same key returns the first result and appends nothing. */
  idempotencyKey?: string;
  /**
   * Workflow columns written together with the transition (an EDIT's new
   * data); the facts provider sees them as `columns`.
   */
  columns?: Record<string, unknown>;
}

export interface CreateOptions {
  /** Id of the new entity (default: a random UUID). */
  id?: string;
  idempotencyKey?: string;
  /** Workflow columns of the new row (institution_id, candidate_id, due_at …). */
  columns?: Record<string, unknown>;
  /** Extra machine context merged over the machine's initial context. */
  context?: Record<string, unknown>;
}

/** Runs one workflow's commands, each in one transaction. */
export interface TransitionRunner {
  readonly definition: WorkflowDefinition;
  /**
   * @example
   * const created = await engine.applications.create({ type: 'CREATE' }, unit, { idempotencyKey: 'entry-2026-0001' });
   * created.state; // 'unitReview.pending'
   */
  create(event: WorkflowEvent, actor: Actor, options?: CreateOptions): Promise<TransitionResult>;
  /**
   * {@link TransitionRunner.create}, answering also with the new object as
   * {@link TransitionRunner.read} reads it: from the creation's own write statement, as
   * {@link TransitionRunner.sendAndRead} does.
   *
   * @example
   * const { result, view, history } = await engine.applications.createAndRead({ type: 'CREATE' }, unit, { idempotencyKey: 'entry-2026-0001' });
   * history.length; // 1
   */
  createAndRead(event: WorkflowEvent, actor: Actor, options?: CreateOptions): Promise<{ result: TransitionResult } & EntityDetail>;
  /**
   * @example
   * const result = await engine.applications.send(applicationId, { type: 'APPROVE', explanation: '已核实' }, unit, { expectedVersion: 3 });
   * result.state; // 'unitReview.approved'
   */
  send(id: string, event: WorkflowEvent, actor: Actor, options?: SendOptions): Promise<TransitionResult>;
  /**
   * {@link TransitionRunner.send}, answering also with the object as {@link TransitionRunner.read}
   * reads it afterwards. The detail comes from the command's own write statement (the written row,
   * its history with the new row, the workflow's detail reads), so an HTTP decision that answers the
   * whole object costs no read of its own. A replayed key wrote nothing and reads the object as it is.
   *
   * @example
   * const { result, view, history } = await engine.applications.sendAndRead(applicationId, { type: 'APPROVE', explanation: '已核实' }, unit);
   * history.at(-1)?.event; // 'APPROVE'
   */
  sendAndRead(id: string, event: WorkflowEvent, actor: Actor, options?: SendOptions): Promise<{ result: TransitionResult } & EntityDetail>;
  /**
   * @example
   * const { state, version } = await engine.applications.get(applicationId, unit);
   */
  get(id: string, actor: Actor): Promise<EntityView>;
  /**
   * @example
   * for (const entry of await engine.applications.history(applicationId, admin)) console.log(entry.seq, entry.event, entry.from, '→', entry.to);
   */
  history(id: string, actor: Actor): Promise<HistoryEntry[]>;
  /**
   * Whether {@link TransitionRunner.send} would accept the event now: the same scope, role and
   * rules on the same facts, nothing written (the row is read, not locked). Throws the refusal
   * `send` would throw; resolves when the event would be accepted. For work worth refusing early
   * (a file not yet read); `send` decides again in its own transaction.
   *
   * @example
   * // Would APPROVE be accepted now? Throws what send would throw (EXPLANATION_REQUIRED …), writes nothing.
   * await engine.applications.check(applicationId, { type: 'APPROVE' }, unit);
   */
  check(id: string, event: WorkflowEvent, actor: Actor): Promise<void>;
  /**
   * The object and its history in one statement (what a detail page needs):
   * the same scope check as {@link TransitionRunner.get}, one round trip. The
   * workflow's detail reads (an application's project, teachers and paper
   * certificates) come with it as `read`.
   *
   * @example
   * const { view, history } = await engine.applications.read(applicationId, unit);
   */
  read(id: string, actor: Actor): Promise<EntityDetail>;
}

export interface RunnerDeps {
  db: Kysely<Tables>;
  clock: Clock;
  scope: Scope;
  /** Called after every commit that wrote outbox rows. */
  onOutbox?: () => void;
}

const uniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === '23505';

/**
 * Creates the runner for one workflow: the one place where machine state is
 * read, decided and written (SPEC §3.4).
 *
 * @example
 * const runner = createTransitionRunner(applicationWorkflow, { db: database.kysely, clock: systemClock, scope });
 * await runner.send(id, { type: 'APPROVE', explanation: '已核实' }, actor, { expectedVersion: 3 });
 */
export function createTransitionRunner(def: WorkflowDefinition, deps: RunnerDeps): TransitionRunner {
  const { machine } = def;

  const afterCommit = (outcome: Applied) => {
    if (outcome.outbox) deps.onOutbox?.();
    return outcome.result;
  };

  /**
   * The entity's row (locked for a command), refused exactly as a missing id when the actor may not
   * see it, then the role check.
   */
  const visibleRow = async (trx: Transaction<Tables>, id: string, event: WorkflowEvent, actor: Actor, mode: 'lock' | 'read') => {
    const { row, read } = mode === 'lock' ? await lockRow(trx, def, id, def.lockedReads?.(event)) : { row: await readRow(trx, def, id), read: undefined };
    if (!row) throw workflowError('NOT_FOUND');
    const authenticated = actor.kind !== 'public' && actor.kind !== 'system';
    // Outside the caller's scope answers exactly as a missing id, before the role check:
    // a 403 there would tell that the object exists (docs/http-api.md, Permissions: existence oracle).
    if (authenticated && !(await def.canSee(actor, row, deps.scope, trx))) throw workflowError('NOT_FOUND');
    // Role before replay: a key is no way around the rules, and it is the caller's own
    // (another account's stored result is never returned).
    checkRole(machine, event, actor);
    return { row, read };
  };

  const commandOn = (
    { row, read }: { row: EntityRow; read: unknown },
    id: string,
    event: WorkflowEvent,
    actor: Actor,
    columns: Record<string, unknown>,
    key: string | undefined,
  ) => ({
    id,
    row,
    read,
    snapshot: machine.resolveState({ value: fromDotted(row.state), context: row.context }),
    event,
    actor,
    now: deps.clock.now(),
    columns,
    idempotencyKey: key,
  });

  /** A creation in one transaction; with `answer`, the write answers the detail. */
  const creation = async (event: WorkflowEvent, actor: Actor, options: CreateOptions, answer: boolean): Promise<Applied> => {
    validateEvent(def, event);
    const id = options.id ?? crypto.randomUUID();
    if (!isUuid(id)) throw validationFailed([{ field: 'id', code: 'invalid', message: 'id 须为 UUID' }]);
    const columns = options.columns ?? {};
    const key = options.idempotencyKey;
    try {
      return await deps.db.transaction().execute(async (trx) => {
        if (key !== undefined) {
          const stored = await findCreation(trx, def.name, key, actor);
          if (stored) return { result: replay(stored, event, columns, 'create'), outbox: false };
        }
        checkRole(machine, event, actor);
        if (!def.canCreate(actor, columns)) throw workflowError('FORBIDDEN', undefined, { rule: 'scope' });
        const [initial] = initialTransition(machine);
        const snapshot = options.context
          ? machine.resolveState({ value: initial.value, context: { ...initial.context, ...options.context } })
          : initial;
        return applyCommand(trx, def, { id, row: undefined, snapshot, event, actor, now: deps.clock.now(), columns, idempotencyKey: key, answer });
      });
    } catch (e) {
      // Two concurrent creations with one key: the loser replays the winner.
      // It may fail on the unique index, or on a rule that already sees
      // the winner's committed row (ALREADY_APPLIED …) although its own
      // look-up of the key ran just before that commit.
      if (key !== undefined && (uniqueViolation(e) || isWorkflowError(e))) {
        const stored = await findCreation(deps.db, def.name, key, actor);
        if (stored) return { result: replay(stored, event, columns, 'create'), outbox: false };
      }
      throw e;
    }
  };

  /** The result and the object after a command that answers it: from its write, or read when a replay wrote nothing. */
  const answered = async (outcome: Applied, actor: Actor): Promise<{ result: TransitionResult } & EntityDetail> => {
    const result = afterCommit(outcome);
    if (!outcome.detail) return { result, ...(await readWithHistory(deps.db, deps.scope, def, result.id, actor)) };
    // As a read after the command would: the object as it is now, only for whom may see it so.
    return { result, ...(await visibleDetail(deps.scope, def, outcome.detail, actor)) };
  };

  /** One event on an existing entity, in one transaction; with `answer`, the write answers the detail. */
  const command = async (id: string, event: WorkflowEvent, actor: Actor, options: SendOptions, answer: boolean): Promise<Applied> => {
    validateEvent(def, event);
    if (!isUuid(id)) throw workflowError('NOT_FOUND');
    const key = options.idempotencyKey;
    return deps.db.transaction().execute(async (trx) => {
      const locked = await visibleRow(trx, id, event, actor, 'lock');
      const row = locked.row;
      if (key !== undefined) {
        const stored = await findEvent(trx, id, key, actor);
        if (stored) return { result: replay(stored, event, options.columns ?? {}, 'send'), outbox: false };
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
        throw workflowError('VERSION_CONFLICT', undefined, { expectedVersion: options.expectedVersion, version: row.version });
      }
      return applyCommand(trx, def, { ...commandOn(locked, id, event, actor, options.columns ?? {}, key), answer });
    });
  };

  return {
    definition: def,

    async create(event, actor, options = {}) {
      return afterCommit(await creation(event, actor, options, false));
    },

    async createAndRead(event, actor, options = {}) {
      return answered(await creation(event, actor, options, true), actor);
    },

    async send(id, event, actor, options = {}) {
      return afterCommit(await command(id, event, actor, options, false));
    },

    async sendAndRead(id, event, actor, options = {}) {
      return answered(await command(id, event, actor, options, true), actor);
    },

    async check(id, event, actor) {
      validateEvent(def, event);
      if (!isUuid(id)) throw workflowError('NOT_FOUND');
      await deps.db.transaction().execute(async (trx) => {
        await decideCommand(trx, def, commandOn(await visibleRow(trx, id, event, actor, 'read'), id, event, actor, {}, undefined));
      });
    },

    async get(id, actor) {
      return viewOf(def, await readVisibleRow(deps.db, deps.scope, def, id, actor));
    },

    read(id, actor) {
      return readWithHistory(deps.db, deps.scope, def, id, actor);
    },

    history(id, actor) {
      return readHistory(deps.db, deps.scope, def, id, actor);
    },
  };
}
