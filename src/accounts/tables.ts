/** Tables of accounts, sessions, departments and the audit log (SPEC §2, §4.5). */
export interface AccountTables {}
