/**
 * Where the engine reads the time. Guards never read the wall clock: the
 * engine stamps every event with `clock.now()`, so tests and hosts can run
 * the workflow at any date.
 */
export interface Clock {
  now(): Date;
}

/**
 * The wall clock.
 *
 * @example
 * const engine = await createEngine({ db, clock: systemClock });
 */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/**
 * A clock that stands still until moved; for tests and demos.
 *
 * @example
 * const clock = fixedClock('2026-03-01T08:00:00Z');
 * clock.advance(30 * 60_000);
 */
export function fixedClock(start: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
