import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { quoteIdentifier } from '../../persistence/database.js';
import { prepared } from '../../persistence/prepared-statements.js';
import { stateLabel } from '../../../machines/shared/introspect.js';
import { workflowError } from '../../errors.js';
import type { Tables } from '../../persistence/schema.js';
import type { Actor } from '../actor.js';
import type { EntityRow, Scope, WorkflowDefinition } from '../workflow-definition.js';
import type { EntityView, HistoryEntry } from './transition-result.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs; anything else cannot name an entity (and must not reach SQL as a uuid cast error).
 *
 * @example
 * isUuid('not-an-id'); // false
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

const lockStatements = new Map<string, Map<string, string>>();

/**
 * The text of {@link lockRow}'s statement (parameter `$1`: the id), built once per table and
 * expression; the benchmarks run it on a bare connection.
 *
 * @example
 * lockStatement('pw_projects'); // 'select t.* from "pw_projects" t where t.id = $1 for update of t'
 */
export function lockStatement(table: string, reads?: string): string {
  return builtOnce(lockStatements, table, reads, () => `select t.*${reads ? `, (${reads}) as pw_locked_read` : ''} from ${quoteIdentifier(table)} t where t.id = $1 for update of t`);
}

/**
 * A statement's text per table and reads expression, built and registered as a prepared statement
 * once. Keyed by the two strings as they are: `reads` is a workflow's constant expression (a
 * kilobyte of SQL), whose hash V8 keeps once computed; a key concatenated on every command would be
 * hashed again on every command.
 */
function builtOnce(cache: Map<string, Map<string, string>>, table: string, reads: string | undefined, build: () => string): string {
  let byReads = cache.get(table);
  if (byReads === undefined) cache.set(table, (byReads = new Map()));
  let text = byReads.get(reads ?? '');
  if (text === undefined) {
    text = prepared(build());
    byReads.set(reads ?? '', text);
  }
  return text;
}

/**
 * The entity's row, locked for the rest of the transaction (SELECT … FOR UPDATE): a concurrent
 * command on the same entity waits here, so its guards see this one's outcome. With `reads` (the
 * workflow's `lockedReads`), the same statement also reads what the guards need; the statement's
 * text is built once per workflow and expression and goes out as a named prepared statement.
 *
 * @example
 * const { row, read } = await lockRow(trx, applicationWorkflow, id, applicationWorkflow.lockedReads?.({ type: 'APPROVE' }));
 */
export async function lockRow(
  trx: Transaction<Tables>,
  def: WorkflowDefinition,
  id: string,
  reads?: string,
): Promise<{ row: EntityRow | undefined; read: unknown }> {
  const text = lockStatement(def.table, reads);
  const { rows } = await trx.executeQuery<EntityRow & { pw_locked_read?: unknown }>(CompiledQuery.raw(text, [id]));
  const found = rows[0];
  if (!found || !reads) return { row: found, read: undefined };
  const { pw_locked_read: read, ...row } = found;
  return { row: row as EntityRow, read };
}

/**
 * The entity's row as it is now, without a lock (a dry run's read).
 *
 * @example
 * const row = await readRow(trx, applicationWorkflow, id);
 */
export async function readRow(reader: Kysely<Tables> | Transaction<Tables>, def: WorkflowDefinition, id: string): Promise<EntityRow | undefined> {
  return (await (reader as unknown as Kysely<any>).selectFrom(def.table).selectAll().where('id', '=', id).executeTakeFirst()) as EntityRow | undefined;
}

/**
 * A row as the engine shows it, with its state's label.
 *
 * @example
 * const view = viewOf(applicationWorkflow, row); // view.stateLabel === '单位审核·待审核'
 */
export function viewOf(def: WorkflowDefinition, row: EntityRow): EntityView {
  return {
    id: row.id,
    workflow: def.name,
    state: row.state,
    stateLabel: stateLabel(def.machine, row.state),
    version: row.version,
    context: row.context,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    row,
  };
}

/**
 * The row if the actor may see it; NOT_FOUND otherwise, exactly as for a missing id (reads do not
 * reveal existence).
 *
 * @example
 * const row = await readVisibleRow(db, scope, applicationWorkflow, id, unit);
 */
export async function readVisibleRow(db: Kysely<Tables>, scope: Scope, def: WorkflowDefinition, id: string, actor: Actor): Promise<EntityRow> {
  const row = isUuid(id) ? await readRow(db, def, id) : undefined;
  if (!row || !(await def.canSee(actor, row, scope))) throw workflowError('NOT_FOUND');
  return row;
}

const detailStatements = new Map<string, Map<string, string>>();

/**
 * The select list of a detail over the row `t`: the row, its history as one JSON array
 * (`history_json`, from `historyRows`: a FROM item `h` with pw_history's columns) and, with
 * `reads`, the workflow's detail reads (`pw_detail_read`). A detail page's read and a command's
 * write that answers with the detail (see `transitionStatement`) select the same columns.
 *
 * @example
 * detailColumns('pw_history h where h.entity_id = t.id'); // 't.*, (select coalesce(json_agg(…)) …) as history_json'
 */
export function detailColumns(historyRows: string, reads?: string): string {
  // `at` as JavaScript's toISOString() writes it (UTC, milliseconds, 'Z'): PostgreSQL formats it
  // once, instead of the server parsing and formatting every history row's time again.
  return `t.*, (select coalesce(json_agg(json_build_object('seq', h.seq, 'from', h.from_state, 'to', h.to_state, 'event', h.event_type,
         'payload', h.payload, 'actorId', h.actor_id, 'actorRole', h.actor_role,
         'at', to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by h.seq), '[]'::json)
         from ${historyRows}) as history_json${reads ? `, (${reads}) as pw_detail_read` : ''}`;
}

/**
 * The text of {@link readWithHistory}'s statement (parameter `$1`: the id): the row, its history
 * as one JSON array and, with `reads`, the workflow's detail reads over the row `t`.
 *
 * @example
 * readStatement('pw_institutions'); // 'select t.*, (select coalesce(json_agg(…)) …) as history_json from "pw_institutions" t where t.id = $1'
 */
export function readStatement(table: string, reads?: string): string {
  return builtOnce(detailStatements, table, reads, () => `select ${detailColumns('pw_history h where h.entity_id = t.id', reads)}
       from ${quoteIdentifier(table)} t where t.id = $1`);
}

/** The object as a detail page reads it: its view, its history and the workflow's detail reads. */
export interface EntityDetail {
  view: EntityView;
  history: HistoryEntry[];
  read: unknown;
}

/** A row as {@link detailColumns} selects it. */
export type DetailRow = EntityRow & { history_json: HistoryEntry[]; pw_detail_read?: unknown };

/**
 * The object, its history and the workflow's detail reads from a row that {@link detailColumns}
 * selected, once the actor may see it (NOT_FOUND otherwise, as for a row that is not there): the
 * one check of a detail page's read and of a command that answers the detail.
 *
 * @example
 * const { view, history, read } = await visibleDetail(scope, applicationWorkflow, rows[0], unit);
 */
export async function visibleDetail(scope: Scope, def: WorkflowDefinition, found: DetailRow | undefined, actor: Actor): Promise<EntityDetail> {
  if (!found || !(await def.canSee(actor, found, scope))) throw workflowError('NOT_FOUND');
  const { history_json: history, pw_detail_read: read, ...row } = found;
  return { view: viewOf(def, row as EntityRow), history, read };
}

/**
 * The row and its history in one statement (the history as one JSON array), with the same scope
 * check as {@link readVisibleRow}: what a detail page needs, in one round trip. The workflow's
 * `detailReads` (what its detail shows besides the row) come in the same statement, as `read`.
 *
 * @example
 * const { view, history, read } = await readWithHistory(db, scope, applicationWorkflow, id, unit);
 */
export async function readWithHistory(
  db: Kysely<Tables>,
  scope: Scope,
  def: WorkflowDefinition,
  id: string,
  actor: Actor,
): Promise<EntityDetail> {
  if (!isUuid(id)) throw workflowError('NOT_FOUND');
  const reads = def.detailReads?.();
  const { rows } = await db.executeQuery<DetailRow>(CompiledQuery.raw(readStatement(def.table, reads), [id]));
  return visibleDetail(scope, def, rows[0], actor);
}

/**
 * The entity's history in order, once the actor may see the entity. The scope check and the read
 * run side by side (separate pool connections on PostgreSQL); the rows are only returned once the
 * check passed.
 *
 * @example
 * const history = await readHistory(db, scope, applicationWorkflow, id, admin);
 */
export async function readHistory(db: Kysely<Tables>, scope: Scope, def: WorkflowDefinition, id: string, actor: Actor): Promise<HistoryEntry[]> {
  const [, rows] = await Promise.all([
    readVisibleRow(db, scope, def, id, actor),
    isUuid(id) ? db.selectFrom('pw_history').selectAll().where('entity_id', '=', id).orderBy('seq').execute() : [],
  ]);
  return rows.map((r) => ({
    seq: r.seq,
    from: r.from_state,
    to: r.to_state,
    event: r.event_type,
    payload: r.payload,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    at: r.created_at.toISOString(),
  }));
}
