import type { AnyStateMachine } from 'xstate';
import type { Kysely, Transaction } from 'kysely';
import type { EntityTableName, Tables } from '../persistence/schema.js';
import type { Actor } from './actor.js';
import type { RuleRegistry } from './refusal.js';

/** The three workflows the engine runs. */
export type WorkflowName = 'institution' | 'businessAccount' | 'application';

/** An entity row as the runner reads it: the common columns plus the workflow's own. */
export interface EntityRow {
  id: string;
  state: string;
  context: Record<string, unknown>;
  machine_version: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  [column: string]: unknown;
}

/** What a facts provider is given: the locked row, the event and the transaction to read more. */
export interface FactsArgs {
  trx: Transaction<Tables>;
  /** The freshly read row; undefined when the event creates the entity. */
  row: EntityRow | undefined;
  /** Columns of the entity being created (CREATE / REGISTER / GENERATE). */
  columns: Record<string, unknown>;
  event: { type: string; [key: string]: unknown };
  actor: Actor;
  now: Date;
  /** What the workflow's `lockedReads` read in the same statement as the lock (undefined without one). */
  read?: unknown;
}

/**
 * Establishes the facts a machine's guards need (red indicators, deadline
 * passed, activation code valid …) from the database, inside the command's
 * transaction, so guards decide on data no concurrent command can change.
 */
export type FactsProvider = (args: FactsArgs) => Promise<Record<string, unknown>>;

/** What an effect is given: the command's transaction and what the machine decided. */
export interface EffectArgs extends FactsArgs {
  /** The entity's id (also for a creation). */
  id: string;
  /** The state the event leads to (dotted). */
  state: string;
  /** The facts the guards decided on. */
  facts: Record<string, unknown>;
}

/**
 * What an effect adds to the row the runner writes: columns of the entity
 * table (an issued 机构证号) and fields of the machine context that only the
 * effect could know (the same number, for the machine's own record).
 */
export interface EffectPatch {
  columns?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** What the effect did that the history row records but the row does not keep (an attachment's id). */
  record?: Record<string, unknown>;
}

/**
 * A write that follows an accepted event (an account opened, locked out or
 * let in again), run by the runner inside the command's transaction after
 * the machine accepted the event, so it commits or rolls back with it. Keyed
 * by the name of the machine action that asks for it. What it returns is
 * written with the row, in the runner's one write.
 */
export type Effect = (args: EffectArgs) => Promise<void | EffectPatch>;

/**
 * How one machine is persisted and protected. Internal: hosts configure the
 * engine through createEngine options, not by writing definitions.
 */
export interface WorkflowDefinition {
  readonly name: WorkflowName;
  readonly machine: AnyStateMachine;
  readonly table: EntityTableName;
  /** The named rules behind the machine's guards, to explain refusals. */
  readonly rules: RuleRegistry;
  /** Payload fields an event may carry besides `type`; anything else is refused. */
  readonly payloadKeys: readonly string[];
  /** Events whose payload fields differ from {@link WorkflowDefinition.payloadKeys} (ATTACH_PAPER's `segmentId`). */
  readonly eventPayloadKeys?: Readonly<Record<string, readonly string[]>>;
  /** Columns kept in step with the snapshot (and the facts it was decided on) on every write (e.g. `open`). */
  derivedColumns?(state: string, context: Record<string, unknown>, facts: Record<string, unknown>): Record<string, unknown>;
  /** Whether the actor may see the row (reads, and events by authenticated roles). */
  canSee(actor: Actor, row: EntityRow, scope: Scope, executor?: Reader): boolean | Promise<boolean>;
  /** Whether the actor may create an entity with these columns. */
  canCreate(actor: Actor, columns: Record<string, unknown>): boolean;
  /** Reads the guards need, inside the command's transaction (no writes: writes are effects). */
  facts?: FactsProvider;
  /**
   * A SQL expression over the locked row `t` (constant text, no parameters) whose value the facts
   * provider gets as `read`: what the guards need, read in the same statement as the lock instead
   * of a round trip of its own. Undefined for events that read nothing or read otherwise.
   */
  lockedReads?(event: { type: string }): string | undefined;
  /**
   * A SQL expression over the row `t` (constant text, no parameters) read with the row and its
   * history for a detail page (the runner's `read`), so the detail costs one statement.
   */
  detailReads?(): string;
  /** Writes that follow an accepted event, by the machine action that asks for them. */
  effects?: Readonly<Record<string, Effect>>;
}

/** What scope checks may ask about the department tree. */
export interface Scope {
  /** True when department `id` is `ancestorId` or below it. */
  within(id: string | null | undefined, ancestorId: string | null | undefined, executor?: Reader): Promise<boolean>;
}

/**
 * The common scope rule: admins see everything, district reviewers what
 * belongs to their department or below, institution and business accounts
 * what belongs to their own institution.
 */
export async function inOrganisationScope(
  actor: Actor,
  institutionId: unknown,
  departmentId: unknown,
  scope: Scope,
  executor?: Reader,
): Promise<boolean> {
  if (actor.kind === 'admin' || actor.kind === 'system') return true;
  if (actor.kind === 'district') return scope.within(departmentId as string | null, actor.departmentId, executor);
  if (actor.kind === 'institution' || actor.kind === 'business') {
    return typeof institutionId === 'string' && actor.institutionId === institutionId;
  }
  return false;
}

/** Reads rows outside a command (lists, detail pages). */
export type Reader = Kysely<Tables> | Transaction<Tables>;
