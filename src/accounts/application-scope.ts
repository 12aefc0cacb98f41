import type { ExpressionBuilder } from 'kysely';
import type { Departments } from './departments.js';
import type { Tables } from '../persistence/schema.js';
import { isProbationUnit, type Actor } from '../engine/actor.js';

/**
 * Which applications an actor's lists and counts cover: the same rule as
 * the application workflow's `canSee` (one institution for its accounts,
 * a department subtree for a district reviewer, one's own for a candidate,
 * all for an admin), expressed as a WHERE clause. A candidate's draft is
 * theirs alone (and the admin's): the unit sees it once it is submitted,
 * and never when it was withdrawn or expired without being submitted.
 */
export type ApplicationScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'institution'; institutionId: string }
  | { kind: 'departments'; departmentIds: string[] }
  | { kind: 'candidate'; candidateId: string };

/**
 * The list scope of an actor.
 *
 * @example
 * const scope = await applicationScope(actor, engine.departments);
 * const rows = await db.selectFrom('pw_applications').selectAll().where((eb) => scopeCondition(eb, scope)).execute();
 */
export async function applicationScope(actor: Actor, departments: Departments): Promise<ApplicationScope> {
  switch (actor.kind) {
    case 'admin':
    case 'system':
      return { kind: 'all' };
    case 'district':
      if (!actor.departmentId) return { kind: 'none' };
      return { kind: 'departments', departmentIds: await departments.subtree(actor.departmentId) };
    case 'institution':
      return actor.institutionId ? { kind: 'institution', institutionId: actor.institutionId } : { kind: 'none' };
    case 'business':
      // Only business account 19 works on probation applications.
      return actor.institutionId && isProbationUnit(actor)
        ? { kind: 'institution', institutionId: actor.institutionId }
        : { kind: 'none' };
    case 'candidate':
      return actor.id ? { kind: 'candidate', candidateId: actor.id } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/**
 * The scope as a WHERE condition on pw_applications (aliased `a` or not).
 *
 * @example
 * db.selectFrom('pw_applications').where((eb) => scopeCondition(eb, scope))
 */
export function scopeCondition(eb: ExpressionBuilder<Tables, 'pw_applications'>, scope: ApplicationScope) {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true);
    case 'none':
      return eb.lit(false);
    case 'institution':
      return eb.and([eb('institution_id', '=', scope.institutionId), eb('submitted_at', 'is not', null)]);
    case 'departments':
      return scope.departmentIds.length === 0
        ? eb.lit(false)
        : eb.and([eb('department_id', 'in', scope.departmentIds), eb('submitted_at', 'is not', null)]);
    case 'candidate':
      return eb('candidate_id', '=', scope.candidateId);
  }
}
