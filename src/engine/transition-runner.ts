import { createHash } from 'node:crypto';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { sql, type Kysely, type Transaction } from 'kysely';
import { eventMeta, fromDotted, stateLabel, toDotted } from '../../machines/shared/introspect.js';
import { isWorkflowError, validationFailed, workflowError, type FieldIssue } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import { explainRefusal } from './refusal.js';
import { nulCharacterIssues } from './input-text.js';
import { auditRow } from './audit-log.js';
import { jsonb } from '../persistence/jsonb.js';
import { parseTimestamptz } from '../persistence/type-parsers.js';
import type { EffectPatch, EntityRow, Scope, WorkflowDefinition, WorkflowName } from './workflow-definition.js';

/** An event as callers send it: its type and its own payload (explanation, reason …). */
export interface WorkflowEvent {
  type: string;
  [field: string]: unknown;
}

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

/** What an accepted (or replayed) command returns. */
export interface TransitionResult {
  id: string;
  workflow: WorkflowName;
  event: string;
  from: string | null;
  state: string;
  stateLabel: string;
  version: number;
  at: string;
  /** True when this is the stored result of an earlier command with the same idempotency key. */
  replayed: boolean;
}

/** A persisted entity as the engine shows it. */
export interface EntityView {
  id: string;
  workflow: WorkflowName;
  state: string;
  stateLabel: string;
  version: number;
  context: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  row: EntityRow;
}

/** One history row. */
export interface HistoryEntry {
  seq: number;
  from: string | null;
  to: string;
  event: string;
  payload: Record<string, unknown>;
  actorId: string | null;
  actorRole: string;
  at: string;
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
   * @example
   * const result = await engine.applications.send(applicationId, { type: 'APPROVE', explanation: '已核实' }, unit, { expectedVersion: 3 });
   * result.state; // 'unitReview.approved'
   */
  send(id: string, event: WorkflowEvent, actor: Actor, options?: SendOptions): Promise<TransitionResult>;
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
   * The object and its history in one statement (what a detail page needs):
   * the same scope check as {@link TransitionRunner.get}, one round trip.
   *
   * @example
   * const { view, history } = await engine.applications.read(applicationId, unit);
   */
  read(id: string, actor: Actor): Promise<{ view: EntityView; history: HistoryEntry[] }>;
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
 * const runner = createTransitionRunner(applicationWorkflow, { db: database.kysely, clock: systemClock });
 * await runner.send(id, { type: 'APPROVE', explanation: '已核实' }, actor, { expectedVersion: 3 });
 */
/** SHA-256 of the request in canonical form (object keys sorted): what an idempotency key was used for. */
function requestHash(event: WorkflowEvent, columns: Record<string, unknown>, mode: 'create' | 'send'): string {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
    }
    return value;
  };
  return `${mode}:${createHash('sha256').update(JSON.stringify(canonical({ event, columns }))).digest('hex')}`;
}

export function createTransitionRunner(def: WorkflowDefinition, deps: RunnerDeps): TransitionRunner {
  const { machine } = def;
  const table = def.table;

  const validate = (event: WorkflowEvent): void => {
    const issues: FieldIssue[] = [];
    if (typeof event?.type !== 'string' || !eventMeta(machine, event.type)) {
      issues.push({ field: 'type', code: 'unknownEvent', message: `未知的事件类型：${String(event?.type)}` });
    }
    for (const [key, value] of Object.entries(event ?? {})) {
      if (key === 'type') continue;
      if (!def.payloadKeys.includes(key)) {
        issues.push({ field: key, code: 'unrecognized', message: `不支持的字段：${key}` });
      } else if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > 2000)) {
        issues.push({ field: key, code: 'invalid', message: `${key} 须为不超过2000字的文本` });
      }
    }
    issues.push(...nulCharacterIssues(event));
    if (issues.length) throw validationFailed(issues);
  };

  const checkRole = (event: WorkflowEvent, actor: Actor) => {
    const roles = eventMeta(machine, event.type)!.roles;
    if (!roles.includes(actor.kind)) {
      throw workflowError('FORBIDDEN', `${actor.kind} 账号不能执行 ${event.type}`, { rule: 'role', allowedRoles: roles });
    }
  };

  const payloadOf = (event: WorkflowEvent): Record<string, unknown> => {
    const { type: _type, ...rest } = event;
    return rest;
  };

  /** Applies the event to the snapshot and writes row, history and outbox. */
  const apply = async (
    trx: Transaction<Tables>,
    args: {
      id: string;
      row: EntityRow | undefined;
      snapshot: AnyMachineSnapshot;
      event: WorkflowEvent;
      actor: Actor;
      now: Date;
      columns: Record<string, unknown>;
      idempotencyKey: string | undefined;
    },
  ): Promise<{ result: TransitionResult; outbox: boolean }> => {
    const { id, row, snapshot, event, actor, now, columns } = args;
    const from = row ? row.state : null;
    const facts = def.facts ? await def.facts({ trx, row, columns, event, actor, now }) : {};
    const machineEvent = { ...event, actor: { id: actor.id, kind: actor.kind }, now: now.toISOString(), facts };
    if (!snapshot.can(machineEvent)) throw explainRefusal(snapshot, machineEvent, def.rules, from ?? toDotted(snapshot.value));
    const [next, actions] = transition(machine, snapshot, machineEvent);
    const state = toDotted(next.value);
    // Effects the machine asked for (its named actions), in the order it lists them; what they
    // return (an issued number) is written with the row below.
    const patch: Required<EffectPatch> = { columns: {}, context: {} };
    for (const action of actions as { type: string }[]) {
      const effect = def.effects?.[action.type];
      const returned = effect ? await effect({ trx, id, row, columns, event, actor, now, state, facts }) : undefined;
      if (returned) {
        Object.assign(patch.columns, returned.columns);
        Object.assign(patch.context, returned.context);
      }
    }
    const context = { ...(next.context as Record<string, unknown>), ...patch.context };
    const version = (row?.version ?? 0) + 1;
    const derived = def.derivedColumns?.(state, context, facts) ?? {};
    const common = {
      state,
      context: jsonb(context),
      machine_version: machine.version ?? '1',
      version,
      updated_at: now,
      ...derived,
      ...patch.columns,
    };
    const result: TransitionResult = {
      id,
      workflow: def.name,
      event: event.type,
      from,
      state,
      stateLabel: stateLabel(machine, state),
      version,
      at: now.toISOString(),
      replayed: false,
    };
    const notifications = (actions as { type: string; params?: unknown }[]).filter((a) => a.type === 'notify');
    // One statement writes the row, its history row, the audit row and the outbox rows (data-modifying
    // CTEs): one round trip instead of three or more. The row's write is guarded by its version; when it
    // matches nothing, the command fails and the transaction, with the sibling inserts, rolls back.
    const db = trx as unknown as Kysely<any>;
    let write = db.with('entity', (q) =>
      row
        ? q.updateTable(table).set({ ...columns, ...common }).where('id', '=', id).where('version', '=', row.version).returning('id')
        : q.insertInto(table).values({ id, ...columns, ...common, created_at: now }).returning('id'),
    );
    write = write.with('history', (q) =>
      q.insertInto('pw_history').values({
        entity_type: def.name,
        entity_id: id,
        seq: version,
        from_state: from,
        to_state: state,
        event_type: event.type,
        // What the effects issued (a 机构证号) is part of the record of what happened.
        payload: jsonb({ ...payloadOf(event), facts, ...(Object.keys(patch.context).length > 0 ? { issued: patch.context } : {}) }),
        actor_id: actor.id,
        actor_role: actor.kind,
        idempotency_key: args.idempotencyKey ?? null,
        request_hash: args.idempotencyKey === undefined ? null : requestHash(event, columns, row ? 'send' : 'create'),
        result: jsonb(result),
        created_at: now,
      }),
    );
    write = write.with('audit', (q) =>
      q.insertInto('pw_audit').values(
        auditRow({ action: `event.${def.name}.${event.type}`, actor, subjectType: def.name, subjectId: id, detail: { from, to: state, version } }, now),
      ),
    );
    if (notifications.length > 0) {
      write = write.with('outbox', (q) =>
        q.insertInto('pw_outbox').values(
          notifications.map((action) => ({
            topic: String((action.params as { topic?: unknown } | undefined)?.topic ?? 'unknown'),
            entity_type: def.name,
            entity_id: id,
            // The event's own text (a decision's explanation) goes along: a message may quote it.
            payload: jsonb({ event: event.type, from, state, version, actorRole: actor.kind, ...payloadOf(event) }),
            created_at: now,
          })),
        ),
      );
    }
    const written = await write.selectFrom('entity').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
    if (Number(written?.n ?? 0) !== 1) throw workflowError('VERSION_CONFLICT', undefined, { expectedVersion: row?.version });
    return { result, outbox: notifications.length > 0 };
  };

  const replay = (
    stored: { event_type: string; result: Record<string, unknown>; request_hash: string | null },
    event: WorkflowEvent,
    columns: Record<string, unknown>,
    mode: 'create' | 'send',
  ): TransitionResult => {
    if (stored.event_type !== event.type) {
      throw workflowError('IDEMPOTENCY_KEY_REUSED', undefined, { storedEvent: stored.event_type, event: event.type });
    }
    // The same key with another explanation, reason or data is a different request (IETF Idempotency-Key draft: 422).
    // Compared for the same kind of call only: a service may retry a creation as an event on the row
    // it created (a retried GENERATE), whose columns differ by nature.
    const current = requestHash(event, columns, mode);
    if (stored.request_hash !== null && stored.request_hash.split(':')[0] === mode && stored.request_hash !== current) {
      throw workflowError('IDEMPOTENCY_KEY_REUSED', '该幂等键已用于内容不同的请求', { event: event.type });
    }
    return { ...(stored.result as unknown as TransitionResult), replayed: true };
  };

  const lockRow = async (trx: Transaction<Tables>, id: string): Promise<EntityRow | undefined> =>
    (await (trx as unknown as Kysely<any>).selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as
      | EntityRow
      | undefined;

  const viewOf = (row: EntityRow): EntityView => ({
    id: row.id,
    workflow: def.name,
    state: row.state,
    stateLabel: stateLabel(machine, row.state),
    version: row.version,
    context: row.context,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    row,
  });

  const readRow = async (id: string, actor: Actor): Promise<EntityRow> => {
    const row = isUuid(id)
      ? ((await (deps.db as unknown as Kysely<any>).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as
          | EntityRow
          | undefined)
      : undefined;
    // Outside the caller's scope looks exactly like absent: reads do not reveal existence.
    if (!row || !(await def.canSee(actor, row, deps.scope))) throw workflowError('NOT_FOUND');
    return row;
  };

  const afterCommit = (outcome: { result: TransitionResult; outbox: boolean }) => {
    if (outcome.outbox) deps.onOutbox?.();
    return outcome.result;
  };

  return {
    definition: def,

    async create(event, actor, options = {}) {
      validate(event);
      const id = options.id ?? crypto.randomUUID();
      if (!isUuid(id)) throw validationFailed([{ field: 'id', code: 'invalid', message: 'id 须为 UUID' }]);
      const columns = options.columns ?? {};
      const key = options.idempotencyKey;
      const findByKey = (db: Kysely<Tables> | Transaction<Tables>) =>
        db
          .selectFrom('pw_history')
          .select(['event_type', 'result', 'request_hash'])
          .where('entity_type', '=', def.name)
          .where('seq', '=', 1)
          .where('idempotency_key', '=', key!)
          .where((eb) => (actor.id === null ? eb('actor_id', 'is', null) : eb('actor_id', '=', actor.id)))
          .executeTakeFirst();
      try {
        const outcome = await deps.db.transaction().execute(async (trx) => {
          if (key !== undefined) {
            const stored = await findByKey(trx);
            if (stored) return { result: replay(stored, event, columns, 'create'), outbox: false };
          }
          checkRole(event, actor);
          if (!def.canCreate(actor, columns)) throw workflowError('FORBIDDEN', undefined, { rule: 'scope' });
          const [initial] = initialTransition(machine);
          const snapshot = options.context
            ? machine.resolveState({ value: initial.value, context: { ...initial.context, ...options.context } })
            : initial;
          return apply(trx, { id, row: undefined, snapshot, event, actor, now: deps.clock.now(), columns, idempotencyKey: key });
        });
        return afterCommit(outcome);
      } catch (e) {
        // Two concurrent creations with one key: the loser replays the winner.
        // It may fail on the unique index, or on a rule that already sees
        // the winner's committed row (ALREADY_APPLIED …) although its own
        // look-up of the key ran just before that commit.
        if (key !== undefined && (uniqueViolation(e) || isWorkflowError(e))) {
          const stored = await findByKey(deps.db);
          if (stored) return replay(stored, event, columns, 'create');
        }
        throw e;
      }
    },

    async send(id, event, actor, options = {}) {
      validate(event);
      if (!isUuid(id)) throw workflowError('NOT_FOUND');
      const key = options.idempotencyKey;
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const row = await lockRow(trx, id);
        if (!row) throw workflowError('NOT_FOUND');
        const authenticated = actor.kind !== 'public' && actor.kind !== 'system';
        // Outside the caller's scope answers exactly as a missing id, before the role check:
        // a 403 there would tell that the object exists (docs/http-api.md, Permissions: existence oracle).
        if (authenticated && !(await def.canSee(actor, row, deps.scope, trx))) throw workflowError('NOT_FOUND');
        // Role before replay: a key is no way around the rules, and it is the caller's own
        // (another account's stored result is never returned).
        checkRole(event, actor);
        if (key !== undefined) {
          const stored = await trx
            .selectFrom('pw_history')
            .select(['event_type', 'result', 'request_hash'])
            .where('entity_id', '=', id)
            .where('idempotency_key', '=', key)
            .where((eb) => (actor.id === null ? eb('actor_id', 'is', null) : eb('actor_id', '=', actor.id)))
            .executeTakeFirst();
          if (stored) return { result: replay(stored, event, options.columns ?? {}, 'send'), outbox: false };
        }
        if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
          throw workflowError('VERSION_CONFLICT', undefined, { expectedVersion: options.expectedVersion, version: row.version });
        }
        const snapshot = machine.resolveState({ value: fromDotted(row.state), context: row.context });
        return apply(trx, { id, row, snapshot, event, actor, now: deps.clock.now(), columns: options.columns ?? {}, idempotencyKey: key });
      });
      return afterCommit(outcome);
    },

    async get(id, actor) {
      return viewOf(await readRow(id, actor));
    },

    async read(id, actor) {
      if (!isUuid(id)) throw workflowError('NOT_FOUND');
      // The history rides along as one JSON array, so a detail costs one round trip.
      const found = (await (deps.db as unknown as Kysely<any>)
        .selectFrom(`${table} as t`)
        .selectAll('t')
        .select(
          sql<HistoryEntry[]>`(select coalesce(json_agg(json_build_object('seq', h.seq, 'from', h.from_state, 'to', h.to_state, 'event', h.event_type,
             'payload', h.payload, 'actorId', h.actor_id, 'actorRole', h.actor_role, 'at', h.created_at) order by h.seq), '[]'::json)
             from pw_history h where h.entity_id = t.id)`.as('history_json'),
        )
        .where('t.id', '=', id)
        .executeTakeFirst()) as (EntityRow & { history_json: HistoryEntry[] }) | undefined;
      if (!found || !(await def.canSee(actor, found, deps.scope))) throw workflowError('NOT_FOUND');
      const { history_json: history, ...row } = found;
      return {
        view: viewOf(row as EntityRow),
        history: history.map((h) => ({ ...h, at: new Date(parseTimestamptz(h.at)).toISOString() })),
      };
    },

    async history(id, actor) {
      // The scope check and the read run side by side (separate pool connections on PostgreSQL);
      // the rows are only returned once the check passed.
      const [, rows] = await Promise.all([
        readRow(id, actor),
        isUuid(id) ? deps.db.selectFrom('pw_history').selectAll().where('entity_id', '=', id).orderBy('seq').execute() : [],
      ]);
      return rows.map((r) => ({
        seq: r.seq,
        from: r.from_state,
        to: r.to_state,
        event: r.event_type,
        payload: r.payload,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        at: r.created_at.toISOString(),
      }));
    },
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name an entity (and must not reach SQL as a uuid cast error). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
