/**
 * The text of a jsonb parameter. Strings are made well-formed first: a
 * lone UTF-16 surrogate (possible in any JSON a client sends) becomes
 * U+FFFD, because PostgreSQL refuses unpaired surrogate escapes in jsonb and
 * the request would otherwise fail as a server error. Always pass jsonb
 * through this: pg and PGlite encode raw JS arrays differently (stack.md).
 *
 * @example
 * await trx.insertInto('pw_audit').values({ …, detail: jsonb({ reason }) }).execute();
 */
export function jsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.toWellFormed() : v));
}
