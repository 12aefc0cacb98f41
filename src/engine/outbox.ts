import type { Kysely } from 'kysely';
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
 * delivers it again rather than losing it.
 *
 * @example
 * const outbox = createOutboxDispatcher({ db, notifier, clock, logger });
 * await outbox.dispatch();
 */
export function createOutboxDispatcher(deps: { db: Kysely<Tables>; notifier: Notifier; clock: Clock; logger: Logger }): OutboxDispatcher {
  // Dispatches run one after another per engine, never interleaved.
  let chain: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  let stopped = false;

  const run = async (limit: number): Promise<number> => {
    const pending = await deps.db
      .selectFrom('pw_outbox')
      .selectAll()
      .where('dispatched_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    let delivered = 0;
    for (const row of pending) {
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
          .set({ dispatched_at: deps.clock.now(), attempts: row.attempts + 1 })
          .where('id', '=', row.id)
          .execute();
        delivered++;
      } catch (error) {
        deps.logger.warn({ err: error, outboxId: row.id, topic: row.topic }, 'notification delivery failed; will retry');
        await deps.db.updateTable('pw_outbox').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
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
