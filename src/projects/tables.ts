import type { ColumnType } from 'kysely';
import type { Timestamp } from '../persistence/schema.js';

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

/** Tables of the projects area. */
export interface ProjectTables {
  pw_projects: ProjectTable;
}
