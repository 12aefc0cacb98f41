/**
 * What the physician registry (SPEC §4.6) knows about one practising
 * certificate, and the rules that read it. The registry itself is a port;
 * this file only holds the pure parts.
 */

import { foldIdentifier } from './identifier-text.js';
import type { PhysicianLevel, PracticeCategory } from './practice-categories.js';

/** One row of the physician registry (证书编码, 姓名, 医师级别, 执业类别, 执业单位, 状态). */
export interface PhysicianRecord {
  certNo: string;
  name: string;
  level: PhysicianLevel;
  category: PracticeCategory;
  unit: string;
  /** Registration status as imported, e.g. `注册` or `注销`. */
  status: string;
}

/**
 * Normalises a 医师执业证书编码 for storage and lookup (folded: half-width, no
 * spaces, upper-case). Registry keys and application values both go through
 * it, so a lookup never fails on a full-width digit.
 *
 * @example
 * normaliseCertNo(' 110 420 100 012 345 '); // '110420100012345'
 */
export function normaliseCertNo(value: string): string {
  return foldIdentifier(value);
}

const practisingStatuses: ReadonlySet<string> = new Set(['注册', '已注册', 'ACTIVE', 'REGISTERED']);

/**
 * True when a registry status means the physician is registered and may
 * practise. The CSV import writes `注册`/`注销`; `active` is accepted for
 * registries fed by other systems. Any other status (注销, 暂停, 不予注册 …)
 * is not practising.
 *
 * @example
 * isPractisingStatus('注册');   // true
 * isPractisingStatus(' active '); // true
 * isPractisingStatus('注销');   // false
 */
export function isPractisingStatus(status: string): boolean {
  return practisingStatuses.has(status.trim().toUpperCase());
}
