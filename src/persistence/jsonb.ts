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
  const text = JSON.stringify(value);
  // JSON.stringify writes a lone surrogate as a `\udXXX` escape; without one (nearly always) the
  // text is already what PostgreSQL takes, and the per-string replacer is not needed.
  return text !== undefined && loneSurrogateEscape.test(text) ? JSON.stringify(value, wellFormed) : text;
}

const loneSurrogateEscape = /\\u[dD][89a-fA-F]/;
const wellFormed = (_key: string, v: unknown) => (typeof v === 'string' ? v.toWellFormed() : v);
