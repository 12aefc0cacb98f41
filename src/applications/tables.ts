import type { ColumnType, Generated } from 'kysely';
import type { ApplicationData } from '../domain/application-data.js';
import type { NullableTimestamp, Timestamp } from '../persistence/schema.js';

/** A calendar date column: read as `'YYYY-MM-DD'` (see type-parsers), written as the same text. */
export type DateColumn = ColumnType<string, string, string>;

/** A declaration round of one business line (申报项目), e.g. 医师资格考试试用期考核证明申报. */
export interface ProjectTable {
  id: string;
  name: string;
  /** The business line it belongs to; only '19' has a workflow behind it. */
  business_code: string;
  /** 项目开始日期. */
  starts_on: DateColumn;
  /** 省级审批截止日期: the last day on which anything but the deadline sweep may act. */
  approval_deadline: DateColumn;
  /** Probation cut-off: time after it does not count (default 31 August of the exam year). */
  probation_cutoff: DateColumn;
  created_at: Timestamp;
  created_by: string | null;
}

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

/** Tables of the application area. */
export interface ApplicationTables {
  pw_projects: ProjectTable;
}
