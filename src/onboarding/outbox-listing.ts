import type { Kysely } from 'kysely';
import { maskPhone } from '../domain/masking.js';
import { scrubText } from '../logging/redact.js';
import type { Actor } from '../engine/actor.js';
import { workflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import type { Page } from './institution-views.js';
import { pageWindow } from '../engine/page.js';

/** One notification as GET /outbox shows it. */
export interface OutboxItem {
  id: number;
  topic: string;
  entityType: string | null;
  entityId: string | null;
  /** The payload with phones masked and codes withheld. */
  payload: Record<string, unknown>;
  createdAt: string;
  dispatchedAt: string | null;
  attempts: number;
  /** The provider's answer to the last failed attempt (phones and long digit runs masked). */
  lastError: string | null;
  /** After a failure: the next attempt is not before then. */
  nextAttemptAt: string | null;
  /** Given up after the attempt limit. */
  failedAt: string | null;
}

// Codes in an SMS are for the phone's owner only, not for whoever reads the record.
const withheld = new Set(['activationcode', 'querycode', 'code', 'password', 'token']);
const phones = new Set(['phone', 'adminphone', 'mobile']);

/**
 * A payload fit to show an administrator: phone numbers masked, one-time
 * codes and other secrets replaced by `[withheld]`, however deep.
 *
 * @example
 * redactPayload({ phone: '13812341234', activationCode: 'K7PD-3QXM-H2TW' }); // { phone: '138****1234', activationCode: '[withheld]' }
 */
export function redactPayload(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return depth > 8 ? '[cut]' : value.map((v) => redactPayload(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[cut]';
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      const k = key.toLowerCase();
      if (withheld.has(k)) return [key, '[withheld]'];
      if (phones.has(k) && typeof v === 'string') return [key, maskPhone(v)];
      return [key, redactPayload(v, depth + 1)];
    }),
  );
}

/**
 * GET /outbox (admin): the notifications the engine sent or is sending,
 * newest first, optionally of one topic — the default Notifier's record.
 *
 * @example
 * await listOutbox(db, admin, { topic: 'institution.queryCode', page: 1, pageSize: 10 });
 */
export async function listOutbox(
  db: Kysely<Tables>,
  actor: Actor,
  filter: { topic?: string; page?: number; pageSize?: number } = {},
): Promise<Page<OutboxItem>> {
  if (actor.kind !== 'admin') throw workflowError('FORBIDDEN', '仅管理员可查看通知记录', { rule: 'role' });
  const { page, pageSize, offset } = pageWindow(filter);
  let query = db.selectFrom('pw_outbox');
  if (filter.topic) query = query.where('topic', '=', filter.topic);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('id', 'desc').limit(pageSize).offset(offset).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      entityType: r.entity_type,
      entityId: r.entity_id,
      payload: redactPayload(r.payload) as Record<string, unknown>,
      createdAt: r.created_at.toISOString(),
      dispatchedAt: r.dispatched_at ? r.dispatched_at.toISOString() : null,
      attempts: r.attempts,
      lastError: r.last_error === null ? null : scrubText(r.last_error),
      nextAttemptAt: r.next_attempt_at && !r.dispatched_at && !r.failed_at ? r.next_attempt_at.toISOString() : null,
      failedAt: r.failed_at ? r.failed_at.toISOString() : null,
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
