import type { Generated } from 'kysely';
import type { PhysicianLevel, PracticeCategory } from '../domain/practice-categories.js';
import type { Timestamp } from '../persistence/schema.js';

/**
 * One practising certificate of the physician registry (SPEC §4.6). Written
 * by the CSV import (or by a host that fills the table itself); read by the
 * default `PhysicianRegistry`.
 */
export interface PhysicianTable {
  /** 证书编码, normalised with `normaliseCertNo` (half-width, no spaces, upper-case). */
  cert_no: string;
  /** 姓名 as imported, trimmed; compared with `sameName` at lookup time, not here. */
  name: string;
  /** 医师级别; a CHECK constraint keeps other values out. */
  level: PhysicianLevel;
  /** 执业类别; a CHECK constraint keeps other values out. */
  category: PracticeCategory;
  /** 执业单位; may be empty. */
  unit: string;
  /** 状态 as imported, e.g. `注册` / `注销` (see `isPractisingStatus`). */
  status: string;
  /** When the content (name … status) last changed; a re-import of the same values leaves it alone. */
  updated_at: Timestamp;
  /** The import that last read this certificate number (null when written by other means). */
  import_id: string | null;
  /** The line of that import's file the row came from: named when a later line of the same file repeats the number. */
  import_line: number | null;
  /** Whether that import inserted or changed the row (false: it found the same values). */
  import_changed: Generated<boolean>;
}

/** Tables of the physician registry (SPEC §4.6). */
export interface RegistryTables {
  pw_physicians: PhysicianTable;
}
