import type { ColumnType, Generated } from 'kysely';
import type { ApplicationData } from '../domain/application-data.js';
import type { NullableTimestamp, Timestamp } from '../persistence/schema.js';

/**
 * The application columns beside the workflow's own (pw_applications): the
 * checked data and what lists filter, search and show.
 */
export interface ApplicationDataColumns {
  /** Normalised application data (parseApplicationData); null only for rows written without it. */
  data: ColumnType<ApplicationData | null, string | null, string | null>;
  /** 姓名, for the list and its name search. */
  candidate_name: string | null;
  /** The full document number; lists mask it. One live application per number and project. */
  id_number: string | null;
  /** 考生申报 or 单位直接录入, kept in step with the machine context. */
  entry_mode: 'candidate' | 'unit' | null;
  /** Red indicators as of the last command (lists); the detail recomputes them. */
  red_count: Generated<number>;
  /** 审核备注: the unit's explanation, or the decision's label; a district return's explanation while it waits for the unit. */
  note: string | null;
  /** When the unit first received it (machine context `submittedAt`); null for a draft that never left the candidate. */
  submitted_at: NullableTimestamp;
  /** Arrival order (an identity counter): lists are ordered by it. */
  arrival_no: Generated<number>;
}


/** The verification code printed on an application's 试用期考核证明 (pw_certificate_codes, migration 0011). */
export interface CertificateCodeTable {
  application_id: string;
  /** `K7PD-3QXM-H2TW`: about 60 bits, unique; issued once per application. */
  code: string;
  issued_at: Timestamp;
  /** The account that printed the first copy. */
  issued_by: string | null;
}

/** Tables of the applications area besides pw_applications (which the runner shares). */
export interface ApplicationTables {
  pw_certificate_codes: CertificateCodeTable;
}
