/** Tables of the physician registry (SPEC §4.6). */
export interface RegistryTables {}
