import type { ColumnType, Generated } from 'kysely';
import type { AccountTables } from '../accounts/tables.js';
import type { RegistryTables } from '../registry/tables.js';

/**
 * Kysely table types of the engine's own tables. Every table is prefixed
 * `pw_` so the engine can share a database (and a search_path) with a host
 * application without name clashes.
 */

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;

/** Columns every persisted workflow entity carries. */
export interface EntityColumns {
  id: string;
  /** Dotted state path, e.g. `unitReview.pending`. */
  state: string;
  /** The machine context (JSON). */
  context: Json<Record<string, unknown>>;
  /** `machine.version` of the machine that wrote the row. */
  machine_version: string;
  /** Optimistic-lock counter; equals the seq of the last history row. */
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InstitutionTable extends EntityColumns {}

export interface BusinessAccountTable extends EntityColumns {
  institution_id: string;
  business_code: string;
}

export interface ApplicationTable extends EntityColumns {
  project_id: string | null;
  institution_id: string | null;
  candidate_id: string | null;
  /** The project's approval deadline; the sweep closes the application then. */
  due_at: Timestamp | null;
  /** False once the application reached a final state. */
  open: boolean;
}

export interface HistoryTable {
  entity_type: string;
  entity_id: string;
  seq: number;
  from_state: string | null;
  to_state: string;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  actor_id: string | null;
  actor_role: string;
  idempotency_key: string | null;
  /** The command's result as first returned, replayed for retries. */
  result: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  entity_type: string | null;
  entity_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  dispatched_at: Timestamp | null;
  attempts: Generated<number>;
}

/** Every table of the engine; each area declares its own in `<area>/tables.ts`. */
export interface Tables extends AccountTables, RegistryTables {
  pw_institutions: InstitutionTable;
  pw_business_accounts: BusinessAccountTable;
  pw_applications: ApplicationTable;
  pw_history: HistoryTable;
  pw_outbox: OutboxTable;
}

/** The entity tables the transition runner writes to. */
export type EntityTableName = 'pw_institutions' | 'pw_business_accounts' | 'pw_applications';
