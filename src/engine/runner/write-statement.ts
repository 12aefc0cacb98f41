import { CompiledQuery, type Transaction } from 'kysely';
import { quoteIdentifier } from '../../persistence/database.js';
import { prepared } from '../../persistence/prepared-statements.js';
import type { Tables } from '../../persistence/schema.js';
import { detailColumns, type DetailRow } from './entity-read.js';

/** Everything one accepted command writes. */
export interface TransitionWrite {
  table: string;
  /** The entity's row: inserted (a creation) or updated where id and version still match. */
  entity: { insert: Record<string, unknown> } | { update: Record<string, unknown>; id: string; version: number };
  history: Record<string, unknown>;
  audit: Record<string, unknown>;
  outbox: Record<string, unknown>[];
  /**
   * Answer with the detail instead of a count: the written row, its history with the new row, and
   * the workflow's detail reads (`reads`, an expression over the row `t`) as {@link detailColumns}
   * selects them, all from this one statement (a command whose caller answers the whole object).
   */
  answer?: { reads: string | undefined };
}

/** What {@link writeTransition} wrote: the number of entity rows, and the detail when asked. */
export interface Written {
  /** 1, or 0 when an update's version no longer matched (then nothing at all was written). */
  written: number;
  /** With `answer`, the written row as {@link detailColumns} selects it. */
  row?: DetailRow;
}

// One text per shape (workflow table, columns written, number of outbox rows): a handful per
// workflow, each a named prepared statement, built once instead of compiled on every command.
const statements = new Map<string, string>();

// The history columns a detail shows (see detailColumns), from the stored rows and the new one.
const historyRowColumns = 'seq, from_state, to_state, event_type, payload, actor_id, actor_role, created_at';

// A short key per detail-reads expression (a kilobyte of SQL): looking up the workflow's constant
// string reuses its hash; joining it into the statement key would hash it again on every command.
const answerKeys = new Map<string, string>();
const answerKey = (reads: string | undefined) => {
  let key = answerKeys.get(reads ?? '');
  if (key === undefined) answerKeys.set(reads ?? '', (key = `answer${answerKeys.size}`));
  return key;
};

// Table and column names come from the workflow definitions, never from input; quoted all the same.
const identifier = quoteIdentifier;

/** Columns with a value (an undefined column is left out, as Kysely does). */
const defined = (row: Record<string, unknown>) => Object.keys(row).filter((k) => row[k] !== undefined);

/**
 * Writes the entity row, its history row, the audit row and the outbox rows in one statement
 * (data-modifying CTEs): one round trip. Returns how many entity rows were written: 0 when an
 * update's version no longer matched, and then nothing at all was written (the caller refuses the
 * command). With `answer`, the same statement also returns the detail of the written row.
 *
 * @example
 * const { written } = await writeTransition(trx, { table: 'pw_applications', entity: { update: columns, id, version: 3 }, history, audit, outbox: [] });
 */
export async function writeTransition(trx: Transaction<Tables>, write: TransitionWrite): Promise<Written> {
  const { text, params } = transitionStatement(write);
  if (write.answer) {
    const { rows } = await trx.executeQuery<DetailRow>(CompiledQuery.raw(text, params));
    return rows[0] ? { written: 1, row: rows[0] } : { written: 0 };
  }
  const { rows } = await trx.executeQuery<{ n: number }>(CompiledQuery.raw(text, params));
  return { written: Number(rows[0]?.n ?? 0) };
}

/**
 * The text (registered as a named prepared statement, built once per shape) and the parameters of
 * {@link writeTransition}'s statement; the benchmarks run it on a bare connection.
 *
 * @example
 * const { text, params } = transitionStatement({ table: 'pw_applications', entity: { update: columns, id, version: 3 }, history, audit, outbox: [] });
 */
export function transitionStatement(write: TransitionWrite): { text: string; params: unknown[] } {
  const isInsert = 'insert' in write.entity;
  const entityRow = 'insert' in write.entity ? write.entity.insert : write.entity.update;
  const entityColumns = defined(entityRow);
  const historyColumns = defined(write.history);
  const auditColumns = defined(write.audit);
  const outboxColumns = write.outbox.length > 0 ? defined(write.outbox[0]!) : [];
  const answer = write.answer;
  const key = [write.table, isInsert, entityColumns, historyColumns, auditColumns, outboxColumns, write.outbox.length, answer ? answerKey(answer.reads) : ''].join('|');
  let text = statements.get(key);
  if (text === undefined) {
    let n = 0;
    const next = () => `$${++n}`;
    const values = (columns: string[]) => `(${columns.map(next).join(', ')})`;
    const names = (columns: string[]) => `(${columns.map(identifier).join(', ')})`;
    // The sibling rows are selected from the entity's RETURNING: when the row's version no longer
    // matches, the statement writes nothing at all, so no later step (a COMMIT already sent behind it)
    // can keep a history row without its row. The target columns type the parameters.
    const fromEntity = (table: string, columns: string[]) => `insert into ${table} ${names(columns)} select ${columns.map(next).join(', ')} from entity`;
    // An answer needs the whole written row and the new history row: the statement's own snapshot
    // shows neither (a data-modifying CTE's writes are seen only through its RETURNING).
    const returning = answer ? '*' : 'id';
    const entity = isInsert
      ? `insert into ${identifier(write.table)} ${names(entityColumns)} values ${values(entityColumns)} returning ${returning}`
      : `update ${identifier(write.table)} set ${entityColumns.map((c) => `${identifier(c)} = ${next()}`).join(', ')} where id = ${next()} and version = ${next()} returning ${returning}`;
    const historyRow = answer ? ` returning ${historyRowColumns}` : '';
    const parts = [`entity as (${entity})`, `history as (${fromEntity('pw_history', historyColumns)}${historyRow})`, `audit as (${fromEntity('pw_audit', auditColumns)})`];
    write.outbox.forEach((_, i) => parts.push(`outbox${i} as (${fromEntity('pw_outbox', outboxColumns)})`));
    const select = answer
      ? `select ${detailColumns(
          `(select ${historyRowColumns} from pw_history where entity_id = t.id union all select ${historyRowColumns} from history) h`,
          answer.reads,
        )} from entity t`
      : 'select count(*)::int as n from entity';
    text = prepared(`with ${parts.join(', ')} ${select}`, { lastOfTransaction: true });
    statements.set(key, text);
  }
  const params: unknown[] = entityColumns.map((c) => entityRow[c]);
  if (!('insert' in write.entity)) params.push(write.entity.id, write.entity.version);
  for (const c of historyColumns) params.push(write.history[c]);
  for (const c of auditColumns) params.push(write.audit[c]);
  for (const row of write.outbox) for (const c of outboxColumns) params.push(row[c]);
  return { text, params };
}
