/**
 * Lockout records for logins that have no usable account (unknown, not yet
 * activated, disabled), so that they lock after the same number of failures
 * as a real account and the 401/423 answers reveal nothing about which logins
 * exist. Kept in memory, short-lived and bounded: the oldest record is dropped
 * past `maxEntries`, so a flood of invented logins cannot grow it without
 * limit (the per-IP rate limit bounds how fast one client can try).
 *
 * @example
 * const locks = createPhantomLocks({ maxFailures: 5, lockMs: 30 * 60_000 });
 * locks.fail('nobody', now); // null until the fifth failure, then the lock's end
 */
export function createPhantomLocks(options: { maxFailures: number; lockMs: number; maxEntries?: number }) {
  const maxEntries = options.maxEntries ?? 10_000;
  const records = new Map<string, { failures: number; lockedUntil: number | null }>();
  return {
    /** The end of a running lock of this login, or null. */
    check(login: string, now: Date): Date | null {
      const record = records.get(login);
      if (!record?.lockedUntil) return null;
      if (record.lockedUntil > now.getTime()) return new Date(record.lockedUntil);
      records.delete(login);
      return null;
    },
    /** Counts a failure; returns the lock's end when this failure locks the login. */
    fail(login: string, now: Date): Date | null {
      const record = records.get(login) ?? { failures: 0, lockedUntil: null };
      records.delete(login);
      record.failures += 1;
      if (record.failures >= options.maxFailures) {
        record.failures = 0;
        record.lockedUntil = now.getTime() + options.lockMs;
      }
      records.set(login, record);
      if (records.size > maxEntries) records.delete(records.keys().next().value!);
      return record.lockedUntil && record.lockedUntil > now.getTime() ? new Date(record.lockedUntil) : null;
    },
  };
}
