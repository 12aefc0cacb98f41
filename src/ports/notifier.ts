/**
 * A notification the engine wants delivered (an SMS to an institution's
 * admin phone, a message to a candidate). The engine writes it to the outbox
 * inside the transaction that caused it; the dispatcher hands it to the
 * Notifier only after commit.
 */
export interface Notification {
  /** Outbox row id. */
  id: number;
  /** e.g. `institution.approved`. */
  topic: string;
  entityType: string | null;
  entityId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Delivers notifications. Throwing leaves the row in the outbox to be
 * retried on the next dispatch; delivery is therefore at-least-once.
 */
export interface Notifier {
  deliver(notification: Notification): Promise<void>;
}

/**
 * The default Notifier: the outbox table is the record (admins read it at
 * GET /outbox), plus one log line per delivery. SMS providers plug in here.
 *
 * @example
 * const engine = await createEngine({ db, notifier: logNotifier(logger) });
 */
export function logNotifier(log: { info(obj: object, msg?: string): void }): Notifier {
  return {
    async deliver(n) {
      log.info({ notification: { id: n.id, topic: n.topic, entityType: n.entityType, entityId: n.entityId } }, 'notification delivered');
    },
  };
}
