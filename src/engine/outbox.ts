import { sql, type Kysely } from 'kysely';
import type { Notifier } from '../ports/notifier.js';
import type { Tables } from '../persistence/schema.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { scrubDeliveredPayload } from '../logging/payload-scrub.js';
import { jsonb } from '../persistence/jsonb.js';

/** How failed deliveries are retried (SMS_MAX_ATTEMPTS, SMS_RETRY_BASE_SECONDS in the bundled server). */
export interface OutboxRetrySettings {
  /** Attempts before a message is given up and marked failed (default 8). */
  maxAttempts: number;
  /** Wait after the first failure; doubles with each further one (default 30 s). */
  baseDelayMs: number;
  /** The longest wait between two attempts (default 1 h). */
  maxDelayMs: number;
}

export const defaultOutboxRetry: Readonly<OutboxRetrySettings> = Object.freeze({ maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 });

/**
 * The wait before attempt `attempts + 1`: exponential, capped, with "equal
 * jitter" (half fixed, half random) so that messages failed together by one
 * gateway outage do not all come back at the same second.
 *
 * @example
 * retryDelayMs(3, defaultOutboxRetry, () => 0.5); // 30 s × 2² = 120 s, jittered to 90 s
 */
export function retryDelayMs(attempts: number, retry: OutboxRetrySettings, random: () => number = Math.random): number {
  const exponential = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Hands committed outbox rows to the Notifier. */
export interface OutboxDispatcher {
  /** Delivers pending notifications, oldest first; returns how many were delivered. */
  dispatch(limit?: number): Promise<number>;
  /** Schedules a dispatch soon (coalesced); called after commits that wrote outbox rows. */
  kick(): void;
  /** Waits for a running dispatch and stops scheduling new ones. */
  stop(): Promise<void>;
}

/**
 * Creates the dispatcher. Delivery is at-least-once: a row is marked
 * dispatched only after the Notifier returned, so a crash in between
 * delivers it again (once its claim's lease runs out) rather than losing it.
 * Dispatchers of several processes on one database claim disjoint rows.
 *
 * @example
 * const outbox = createOutboxDispatcher({ db, notifier, clock, logger });
 * await outbox.dispatch();
 */
export function createOutboxDispatcher(deps: {
  db: Kysely<Tables>;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  /** How long a claimed row stays with this dispatcher before another may take it. */
  leaseMs?: number;
  retry?: Partial<OutboxRetrySettings>;
  /** Jitter source (tests make it deterministic). */
  random?: () => number;
}): OutboxDispatcher {
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const retry = { ...defaultOutboxRetry, ...deps.retry };
  // Dispatches run one after another per engine, never interleaved.
  let chain: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  let stopped = false;

  // Claim, then deliver outside any transaction: a slow SMS gateway must not
  // hold a row lock (or, on the embedded database, its only connection).
  const claim = async (limit: number) => {
    const now = deps.clock.now();
    const rows = await deps.db
      .updateTable('pw_outbox')
      .set({ claimed_until: new Date(now.getTime() + leaseMs), attempts: sql<number>`attempts + 1` })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('pw_outbox')
          .select('id')
          .where('dispatched_at', 'is', null)
          .where('failed_at', 'is', null)
          .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)]))
          .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  };

  const run = async (limit: number): Promise<number> => {
    const claimed = await claim(limit);
    let delivered = 0;
    for (const row of claimed) {
      try {
        await deps.notifier.deliver({
          id: row.id,
          topic: row.topic,
          entityType: row.entity_type,
          entityId: row.entity_id,
          payload: row.payload,
          createdAt: row.created_at,
        });
      } catch (error) {
        await failed(row, error);
        continue;
      }
      // Delivered: the row keeps what was sent, not the codes themselves.
      await deps.db
        .updateTable('pw_outbox')
        .set({ dispatched_at: deps.clock.now(), claimed_until: null, last_error: null, payload: jsonb(scrubDeliveredPayload(row.payload)) })
        .where('id', '=', row.id)
        .execute();
      delivered++;
    }
    return delivered;
  };

  const failed = async (row: { id: number; topic: string; attempts: number; payload: Record<string, unknown> }, error: unknown) => {
    const now = deps.clock.now();
    // The provider's words, short: never the request (which holds the phone and the code).
    const lastError = String((error as Error)?.message ?? error).slice(0, 500);
    if (row.attempts >= retry.maxAttempts) {
      await deps.db
        .updateTable('pw_outbox')
        .set({ failed_at: now, claimed_until: null, last_error: lastError, payload: jsonb(scrubDeliveredPayload(row.payload)) })
        .where('id', '=', row.id)
        .execute();
      deps.logger.error({ outboxId: row.id, topic: row.topic, attempts: row.attempts, lastError }, 'notification given up after the attempt limit');
      return;
    }
    const delay = retryDelayMs(row.attempts, retry, deps.random);
    await deps.db
      .updateTable('pw_outbox')
      .set({ claimed_until: null, last_error: lastError, next_attempt_at: new Date(now.getTime() + delay) })
      .where('id', '=', row.id)
      .execute();
    deps.logger.warn({ outboxId: row.id, topic: row.topic, attempts: row.attempts, retryInMs: delay, lastError }, 'notification delivery failed; will retry');
  };

  const dispatch = (limit = 100): Promise<number> => {
    const next = chain.then(() => run(limit));
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    dispatch,
    kick() {
      if (scheduled || stopped) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (stopped) return;
        dispatch().catch((error) => deps.logger.error({ err: error }, 'outbox dispatch failed'));
      });
    },
    async stop() {
      stopped = true;
      await chain;
    },
  };
}
