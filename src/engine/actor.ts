import type { Role } from '../../machines/shared/types.js';
import { PROBATION_BUSINESS_CODE } from '../domain/business-codes.js';

export type { Role };

/**
 * The account on whose behalf the engine acts. The bundled server builds it
 * from a session; a host that embeds the engine builds it from its own
 * authentication. Every permission check reads only these fields.
 */
export interface Actor {
  /** Stable account id; null for public callers and the engine itself. */
  readonly id: string | null;
  readonly kind: Role;
  /** District and admin accounts: the health-department node they sit at. */
  readonly departmentId?: string | null;
  /** Institution and business accounts: their institution. */
  readonly institutionId?: string | null;
  /** Business accounts: their business code (e.g. '19'). */
  readonly businessCode?: string | null;
  /** Client address, for the audit log. */
  readonly ip?: string | null;
}

/** The engine itself (deadline sweep). */
export const systemActor: Actor = Object.freeze({ id: null, kind: 'system' });

/**
 * An unauthenticated caller (registration, activation).
 *
 * @example
 * await engine.institutions.create({ type: 'REGISTER' }, publicActor());
 */
export function publicActor(ip?: string | null): Actor {
  return Object.freeze({ id: null, kind: 'public', ip: ip ?? null });
}

/**
 * True for a business account of business line 19 (医师资格考试试用期考核证明申报管理)
 * — the only accounts that work on probation applications — and, when an
 * institution is given, of that institution. The one place that says so.
 *
 * @example
 * isProbationUnit(actor, row.institution_id); // the unit that reviews this application
 */
export function isProbationUnit(actor: Actor, institutionId?: string | null): boolean {
  if (actor.kind !== 'business' || actor.businessCode !== PROBATION_BUSINESS_CODE) return false;
  return institutionId === undefined || (!!actor.institutionId && actor.institutionId === institutionId);
}
