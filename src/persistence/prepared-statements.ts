/**
 * Statements the engine runs on every command, named so PostgreSQL parses and plans each once per
 * connection instead of once per call (the extended protocol's named prepared statements). The
 * set is small and fixed: hot statements register themselves when their module loads, or when a
 * statement of a new shape (a workflow's write with its columns) is first built.
 */
const names = new Map<string, string>();
const lastOfTransaction = new Set<string>();

/**
 * Registers a statement's text as a named prepared statement and returns the text unchanged, so a
 * caller keeps running it as usual (`CompiledQuery.raw(text, params)`); on a `pg` pool opened by
 * `openDatabase` it then goes out by name. Only for texts built from code, never from input: every
 * distinct text is a statement kept on each connection.
 *
 * A registered statement writes nothing, except one registered with `lastOfTransaction`: that
 * promises that, inside a transaction, nothing but COMMIT or ROLLBACK ever follows it, and that it
 * writes all or nothing by itself. When only registered statements came before it, a pipelining
 * connection sends the COMMIT right behind it, without waiting for its answer (see
 * `pipelineTransactions`).
 *
 * @example
 * const lockSql = prepared('select * from pw_applications where id = $1 for update');
 * await trx.executeQuery(CompiledQuery.raw(lockSql, [id]));
 */
export function prepared(text: string, options: { lastOfTransaction?: boolean } = {}): string {
  if (!names.has(text)) names.set(text, `pw_${names.size + 1}`);
  if (options.lastOfTransaction) lastOfTransaction.add(text);
  return text;
}

/**
 * Whether a registered statement is always its transaction's last.
 *
 * @example
 * isLastOfTransaction(writeSql); // true
 */
export function isLastOfTransaction(text: string): boolean {
  return lastOfTransaction.has(text);
}

/**
 * The name a registered statement goes by, if it is registered.
 *
 * @example
 * preparedName(lockSql); // 'pw_3'
 */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}
