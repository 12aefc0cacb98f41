import type { ColumnType, Generated } from 'kysely';
import type { AccountTables } from '../accounts/tables.js';
import type { ApplicationDataColumns, ApplicationTables } from '../applications/tables.js';
import type { ProjectTables } from '../projects/tables.js';
import type { RegistryTables } from '../registry/tables.js';

/**
 * Kysely table types of the engine's own tables. Every table is prefixed
 * `pw_` so the engine can share a database (and a search_path) with a host
 * application without name clashes.
 */

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column that may be null (a ColumnType union with null confuses Kysely). */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
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
  /** The health department that scopes district reviewers (the institution's supervising department). */
  department_id: string | null;
}

export interface InstitutionTable extends EntityColumns {
  /** 单位全称 */
  name: string | null;
  address: string | null;
  /** 统一社会信用代码, normalised upper-case. */
  credit_code: string | null;
  /** False when the check character is wrong: a red indicator, not a refusal. */
  credit_code_check_ok: boolean | null;
  is_medical: boolean | null;
  /** 医疗执业机构许可证号 = the 登记号 candidates give for their current institution. */
  license_no: string | null;
  admin_name: string | null;
  admin_phone: string | null;
  /** 5-digit serial used in business account numbers, issued on APPROVE. */
  serial: number | null;
  /** 机构证号, issued on APPROVE. */
  account_no: string | null;
  /** 6-digit 校验码 candidates use to bind their current probation to the institution. */
  check_code: string | null;
}

export interface BusinessAccountTable extends EntityColumns {
  institution_id: string;
  business_code: string;
  /** `WS-<5-digit serial>-<3-digit department code>-<business code>` */
  account_no: string | null;
}

/** A file attached to a registration or an application. */
export interface AttachmentTable {
  id: string;
  owner_type: 'institution' | 'application';
  owner_id: string;
  /** registrationForm | creditCertificate | medicalLicense | paperCertificate */
  kind: string;
  /** For paper certificates: the segment they certify. */
  segment_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: Timestamp;
  uploaded_by: string | null;
  superseded_at: NullableTimestamp;
}

export interface ApplicationTable extends EntityColumns, ApplicationDataColumns {
  project_id: string | null;
  institution_id: string | null;
  candidate_id: string | null;
  /** The project's approval deadline; the sweep closes the application then. */
  due_at: NullableTimestamp;
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
  /** The command's answer, kept only when it came with an idempotency key (a retry reads it back). */
  result: Json<Record<string, unknown>> | null;
  /** SHA-256 of the canonical request (event and data) a key was first used with (migration 0010). */
  request_hash: string | null;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  entity_type: string | null;
  entity_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  dispatched_at: NullableTimestamp;
  attempts: Generated<number>;
  /** A dispatcher holds the row until then (see migration 0008). */
  claimed_until: NullableTimestamp;
  /** After a failed delivery: not retried before then (exponential backoff). */
  next_attempt_at: NullableTimestamp;
  /** What the provider answered the last time delivery failed. */
  last_error: string | null;
  /** Given up after the attempt limit: never retried. */
  failed_at: NullableTimestamp;
}

/** The development SMS inbox (SMS_PROVIDER=inbox): full texts, codes included. */
export interface SmsInboxTable {
  id: Generated<number>;
  outbox_id: number | null;
  topic: string;
  phone: string;
  text: string;
  params: Json<Record<string, string>>;
  created_at: Timestamp;
}

/** Every table of the engine; each area declares its own in `<area>/tables.ts`. */
export interface Tables extends AccountTables, RegistryTables, ProjectTables, ApplicationTables {
  pw_institutions: InstitutionTable;
  pw_business_accounts: BusinessAccountTable;
  pw_applications: ApplicationTable;
  pw_history: HistoryTable;
  pw_outbox: OutboxTable;
  pw_sms_inbox: SmsInboxTable;
  pw_attachments: AttachmentTable;
}

/** The entity tables the transition runner writes to. */
export type EntityTableName = 'pw_institutions' | 'pw_business_accounts' | 'pw_applications';
