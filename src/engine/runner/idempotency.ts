import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { workflowError } from '../../errors.js';
import type { Tables } from '../../persistence/schema.js';
import type { Actor } from '../actor.js';
import type { WorkflowName } from '../workflow-definition.js';
import type { WorkflowEvent } from './event-validation.js';
import type { TransitionResult } from './transition-result.js';

/** What the history row of an earlier command with the same key stored. */
export interface StoredResult {
  event_type: string;
  /** Set on every row written with an idempotency key. */
  result: Record<string, unknown> | null;
  request_hash: string | null;
}

/**
 * SHA-256 of the request in canonical form (object keys sorted): what an idempotency key was used
 * for. The prefix says whether it was a creation or an event.
 *
 * @example
 * requestHash({ type: 'APPROVE', explanation: '已核实' }, {}, 'send'); // 'send:9f86…'
 */
export function requestHash(event: WorkflowEvent, columns: Record<string, unknown>, mode: 'create' | 'send'): string {
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

/**
 * The stored result of the caller's earlier creation with this key (the first history row of any
 * entity of the workflow), if there is one.
 *
 * @example
 * const stored = await findCreation(trx, 'application', 'entry-2026-0001', unit);
 */
export function findCreation(db: Kysely<Tables> | Transaction<Tables>, workflow: WorkflowName, key: string, actor: Actor): Promise<StoredResult | undefined> {
  return db
    .selectFrom('pw_history')
    .select(['event_type', 'result', 'request_hash'])
    .where('entity_type', '=', workflow)
    .where('seq', '=', 1)
    .where('idempotency_key', '=', key)
    .where((eb) => (actor.id === null ? eb('actor_id', 'is', null) : eb('actor_id', '=', actor.id)))
    .executeTakeFirst();
}

/**
 * The stored result of the caller's earlier event on this entity with this key, if there is one.
 *
 * @example
 * const stored = await findEvent(trx, applicationId, 'approve-1', unit);
 */
export function findEvent(db: Transaction<Tables>, id: string, key: string, actor: Actor): Promise<StoredResult | undefined> {
  return db
    .selectFrom('pw_history')
    .select(['event_type', 'result', 'request_hash'])
    .where('entity_id', '=', id)
    .where('idempotency_key', '=', key)
    .where((eb) => (actor.id === null ? eb('actor_id', 'is', null) : eb('actor_id', '=', actor.id)))
    .executeTakeFirst();
}

/**
 * The first result again, marked `replayed`, when the retry is the same request; otherwise
 * IDEMPOTENCY_KEY_REUSED (another event, or the same event with other content).
 *
 * @example
 * return replay(stored, event, columns, 'send');
 */
export function replay(stored: StoredResult, event: WorkflowEvent, columns: Record<string, unknown>, mode: 'create' | 'send'): TransitionResult {
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
  if (stored.result === null) throw new Error('A history row written with an idempotency key has no stored result');
  return { ...(stored.result as unknown as TransitionResult), replayed: true };
}
