import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../persistence/schema.js';

/** A node of the health-department tree (province → city → district). */
export interface DepartmentTable {
  id: string;
  parent_id: string | null;
  name: string;
  level: 'province' | 'city' | 'district';
  /** The 3-digit code used in business account numbers (WS-00000-<code>-19). */
  code: string;
}

/** Every account that can log in: admin, district, institution, business, candidate. */
export interface AccountTable {
  id: string;
  kind: 'admin' | 'district' | 'institution' | 'business' | 'candidate';
  /** Username, 机构证号, business account number or 身份证号. Unique. */
  login: string;
  name: string;
  /** Null until the account is activated. */
  password_hash: string | null;
  department_id: string | null;
  institution_id: string | null;
  business_code: string | null;
  phone: string | null;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A login session; only the SHA-256 of the bearer token is stored. */
export interface SessionTable {
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** Absolute expiry, however active the session. */
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

/** Single-use secrets: activation codes and 6-digit query codes, stored hashed. */
export interface OneTimeCodeTable {
  id: string;
  purpose: 'activation' | 'query';
  /** What the code unlocks, e.g. an account number or an institution id. */
  subject: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  failed_attempts: Generated<number>;
}

/** Append-only audit log (SPEC §4.5). */
export interface AuditTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_kind: string;
  ip: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface AccountTables {
  pw_departments: DepartmentTable;
  pw_accounts: AccountTable;
  pw_sessions: SessionTable;
  pw_one_time_codes: OneTimeCodeTable;
  pw_audit: AuditTable;
}
