import { sql, type Kysely } from 'kysely';
import type { Notifier } from '../ports/notifier.js';
import type { Tables } from '../persistence/schema.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

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
}): OutboxDispatcher {
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
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
        await deps.db
          .updateTable('pw_outbox')
          .set({ dispatched_at: deps.clock.now(), claimed_until: null })
          .where('id', '=', row.id)
          .execute();
        delivered++;
      } catch (error) {
        deps.logger.warn({ err: error, outboxId: row.id, topic: row.topic }, 'notification delivery failed; will retry');
        // Released at once, so the next dispatch retries it.
        await deps.db.updateTable('pw_outbox').set({ claimed_until: null }).where('id', '=', row.id).execute();
      }
    }
    return delivered;
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
