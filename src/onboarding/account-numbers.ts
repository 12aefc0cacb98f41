import { sql, type Transaction } from 'kysely';
import { workflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';

/** Largest serial that fits the 5 digits of the account number formats. */
export const MAX_INSTITUTION_SERIAL = 99_999;

const pad = (value: number | string, width: number) => String(value).padStart(width, '0');

/**
 * The 机构证号 (institution main account number and login): `JG` and the
 * institution's 5-digit serial. The serial is the one of its business
 * account numbers, so both name the institution the same way.
 *
 * @example
 * institutionAccountNo(0);  // 'JG00000'
 * institutionAccountNo(42); // 'JG00042'
 */
export function institutionAccountNo(serial: number): string {
  return `JG${pad(serial, 5)}`;
}

/**
 * A business account number (SPEC §3.2): `WS-<5-digit institution
 * serial>-<3-digit department code>-<business code>`.
 *
 * @example
 * businessAccountNo(0, '034', '19'); // 'WS-00000-034-19'
 */
export function businessAccountNo(serial: number, departmentCode: string, businessCode: string): string {
  return `WS-${pad(serial, 5)}-${pad(departmentCode, 3)}-${businessCode}`;
}

/**
 * Reserves the next institution serial (0, 1, 2 …) inside the caller's
 * transaction: a rollback gives the number back, and concurrent approvals
 * wait on the counter row rather than colliding on the unique column.
 *
 * @example
 * const serial = await reserveInstitutionSerial(trx); // 0 for the first approval
 */
export async function reserveInstitutionSerial(trx: Transaction<Tables>): Promise<number> {
  const { rows } = await sql<{ value: number }>`
    insert into pw_counters (name, value) values ('institution.serial', 0)
    on conflict (name) do update set value = pw_counters.value + 1
    returning value`.execute(trx);
  const value = Number(rows[0]!.value);
  if (value > MAX_INSTITUTION_SERIAL) throw workflowError('INTERNAL', '机构序号已用尽（5位）');
  return value;
}
