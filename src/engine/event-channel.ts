/**
 * Data a service hands the facts provider and the effects beside an event, without it being part
 * of the event: event payloads are written to the history and hashed for idempotency, so secrets
 * (activation codes, passwords) and things the caller did not type (a stored file's key) travel
 * here, attached to the very event object the runner passes along.
 */
export interface EventChannel<T> {
  /**
   * Attaches `value` to `event` and returns the event, to pass to the runner.
   *
   * @example
   * await runner.send(id, paperChannel.attach({ type: 'ATTACH_PAPER', segmentId: 's2' }, { attachment }), candidate);
   */
  attach<E extends object>(event: E, value: T): E;
  /**
   * What the caller attached, if anything (a host sending the bare event to the runner attached nothing).
   *
   * @example
   * const attachment = paperChannel.of(event)?.attachment;
   */
  of(event: object): T | undefined;
}

/**
 * A channel for one kind of side data.
 *
 * @example
 * const paperChannel = createEventChannel<{ attachment: StoredPaper }>();
 */
export function createEventChannel<T>(): EventChannel<T> {
  // Weak: a value lives exactly as long as its event object.
  const values = new WeakMap<object, T>();
  return {
    attach(event, value) {
      values.set(event, value);
      return event;
    },
    of(event) {
      return values.get(event);
    },
  };
}
