import type { AnyMachineSnapshot } from 'xstate';
import type { Transaction } from 'kysely';
import { stateLabel, toDotted } from '../../../machines/shared/introspect.js';
import { workflowError } from '../../errors.js';
import { jsonb } from '../../persistence/jsonb.js';
import type { Tables } from '../../persistence/schema.js';
import type { Actor } from '../actor.js';
import { auditRow } from '../audit-log.js';
import { explainRefusal } from '../refusal.js';
import type { EffectPatch, EntityRow, WorkflowDefinition } from '../workflow-definition.js';
import { payloadOf, type WorkflowEvent } from './event-validation.js';
import { requestHash } from './idempotency.js';
import type { DetailRow } from './entity-read.js';
import type { TransitionResult } from './transition-result.js';
import { machineStep } from './machine-step.js';
import { writeTransition } from './write-statement.js';

/** What the effects issued (a 机构证号, an attachment's id), for the history row. */
function issued(patch: Required<EffectPatch>): { issued: Record<string, unknown> } | undefined {
  const all = { ...patch.context, ...patch.record };
  return Object.keys(all).length > 0 ? { issued: all } : undefined;
}

/** One command, ready to be decided: the entity (none for a creation), its snapshot and the event. */
export interface Command {
  id: string;
  row: EntityRow | undefined;
  /** What the workflow's `lockedReads` read with the lock. */
  read?: unknown;
  snapshot: AnyMachineSnapshot;
  event: WorkflowEvent;
  actor: Actor;
  now: Date;
  columns: Record<string, unknown>;
  idempotencyKey: string | undefined;
  /** Answer with the object as a detail page reads it, from the write's own statement. */
  answer?: boolean;
}

/** What {@link applyCommand} did: the result, whether outbox rows wait, and the detail when asked. */
export interface Applied {
  result: TransitionResult;
  outbox: boolean;
  /** With `answer`: the written row, its history and the workflow's detail reads, as {@link DetailRow}. */
  detail?: DetailRow;
}

/**
 * The facts the guards read and the machine's step for one command, or the refusal naming the
 * rule: everything but the writes (what the runner's `check` asks).
 *
 * @example
 * const { next, actions } = await decideCommand(trx, applicationWorkflow, command);
 */
export async function decideCommand(
  trx: Transaction<Tables>,
  def: WorkflowDefinition,
  command: Command,
): Promise<{ facts: Record<string, unknown>; next: AnyMachineSnapshot; actions: { type: string; params?: unknown }[] }> {
  const { row, read, snapshot, event, actor, now, columns } = command;
  const facts = def.facts ? await def.facts({ trx, row, columns, event, actor, now, read }) : {};
  const machineEvent = { ...event, actor: { id: actor.id, kind: actor.kind }, now: now.toISOString(), facts };
  // One machine step; only a step that changed nothing and asked for nothing can be a refusal, and
  // only then is `can` asked (it costs as much as the step itself).
  const [next, actions] = machineStep(def.machine)(snapshot, machineEvent);
  if (next === snapshot && actions.length === 0 && !snapshot.can(machineEvent)) {
    throw explainRefusal(snapshot, machineEvent, def.rules, row ? row.state : toDotted(snapshot.value));
  }
  return { facts, next, actions };
}

/**
 * Decides and writes one command inside its transaction: the facts the guards read, the machine's
 * step (or the refusal naming the rule), the effects the machine asked for, and then one statement
 * that writes the row, its history row, the audit row and the outbox rows.
 *
 * @example
 * const { result, outbox } = await applyCommand(trx, applicationWorkflow, { id, row, snapshot, event, actor, now, columns: {}, idempotencyKey: undefined });
 */
export async function applyCommand(trx: Transaction<Tables>, def: WorkflowDefinition, command: Command): Promise<Applied> {
  const { machine } = def;
  const { id, row, event, actor, now, columns } = command;
  const from = row ? row.state : null;
  const { facts, next, actions } = await decideCommand(trx, def, command);
  const state = toDotted(next.value);
  // Effects the machine asked for (its named actions), in the order it lists them; what they
  // return (an issued number) is written with the row below.
  const patch: Required<EffectPatch> = { columns: {}, context: {}, record: {} };
  for (const action of actions) {
    const effect = def.effects?.[action.type];
    const returned = effect ? await effect({ trx, id, row, columns, event, actor, now, state, facts }) : undefined;
    if (returned) {
      Object.assign(patch.columns, returned.columns);
      Object.assign(patch.context, returned.context);
      Object.assign(patch.record, returned.record);
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
  const notifications = actions.filter((a) => a.type === 'notify');
  // One statement writes the row, its history row, the audit row and the outbox rows (data-modifying
  // CTEs): one round trip instead of three or more, with the COMMIT right behind it on a pipelining
  // connection. The row's write is guarded by its version; when it matches nothing, the statement
  // writes nothing at all and the command fails.
  const { written, row: answered } = await writeTransition(trx, {
    table: def.table,
    entity: row ? { update: { ...columns, ...common }, id, version: row.version } : { insert: { id, ...columns, ...common, created_at: now } },
    history: {
      entity_type: def.name,
      entity_id: id,
      seq: version,
      from_state: from,
      to_state: state,
      event_type: event.type,
      // What the effects issued (a 机构证号, an attachment) is part of the record of what happened.
      payload: jsonb({ ...payloadOf(event), facts, ...(issued(patch) ?? {}) }),
      actor_id: actor.id,
      actor_role: actor.kind,
      idempotency_key: command.idempotencyKey ?? null,
      request_hash: command.idempotencyKey === undefined ? null : requestHash(event, columns, row ? 'send' : 'create'),
      // Only a retry with the key reads the answer back; any other row says it with its columns.
      result: command.idempotencyKey === undefined ? null : jsonb(result),
      created_at: now,
    },
    audit: auditRow({ action: `event.${def.name}.${event.type}`, actor, subjectType: def.name, subjectId: id, detail: { from, to: state, version } }, now),
    outbox: notifications.map((action) => ({
      topic: String((action.params as { topic?: unknown } | undefined)?.topic ?? 'unknown'),
      entity_type: def.name,
      entity_id: id,
      // The event's own text (a decision's explanation) goes along: a message may quote it.
      payload: jsonb({ event: event.type, from, state, version, actorRole: actor.kind, ...payloadOf(event) }),
      created_at: now,
    })),
    ...(command.answer ? { answer: { reads: def.detailReads?.() } } : {}),
  });
  if (written !== 1) throw workflowError('VERSION_CONFLICT', undefined, { expectedVersion: row?.version });
  return answered ? { result, outbox: notifications.length > 0, detail: answered } : { result, outbox: notifications.length > 0 };
}
