import type { ErrorCode } from '../../src/errors.js';

/**
 * Vocabulary shared by the three machines. Machines are pure: everything a
 * guard needs arrives in the context or in the event (the engine computes
 * `facts` from the freshly read row inside the transaction).
 */

/** Who may send events. `public` is an unauthenticated caller, `system` the engine itself (deadline sweep). */
export type Role = 'admin' | 'district' | 'institution' | 'business' | 'candidate' | 'public' | 'system';

export const roles: readonly Role[] = ['admin', 'district', 'institution', 'business', 'candidate', 'public', 'system'];

/** A bilingual label; the Chinese one is what users see. */
export interface Label {
  zh: string;
  en: string;
}

/** The acting account as the machine sees it. */
export interface EventActor {
  id: string | null;
  kind: Role;
}

/** Fields every event carries besides its own payload. */
export interface EventBase {
  actor: EventActor;
  /** ISO timestamp supplied by the engine's clock, never read from the wall clock in a guard. */
  now: string;
}

/** Metadata of one event type: labels and the roles allowed to send it. */
export interface EventMeta {
  label: Label;
  roles: readonly Role[];
  description?: string;
}

/** Metadata of one state node. */
export interface StateMeta {
  label: Label;
  /** The machine's starting point before the entity exists; never persisted. */
  absent?: boolean;
}

/** Root metadata of a machine. */
export interface MachineMeta {
  label: Label;
  events: Record<string, EventMeta>;
}

/**
 * Why a rule refused an event. `code` is one of the engine's error codes
 * (src/errors.ts), `rule` the guard's name so refusals and diagrams agree.
 */
export interface RuleFailure {
  rule: string;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A named rule: `null` when satisfied, otherwise why not. */
export type Rule<TContext, TEvent> = (context: TContext, event: TEvent) => RuleFailure | null;
