import type { Role } from '../../machines/shared/types.js';

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
