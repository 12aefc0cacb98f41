import type { Kysely, Transaction } from 'kysely';
import { newDigitCode } from '../accounts/secrets.js';
import { writeAudit } from '../engine/audit-log.js';
import { foldIdentifier } from '../domain/identifier-text.js';
import type { Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import { isUuid } from '../engine/transition-runner.js';
import { inOrganisationScope, type Scope } from '../engine/workflow-definition.js';
import { workflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';

/** GET / POST /institutions/:id/check-code. */
export interface CheckCodeView {
  institutionId: string;
  /** The 6-digit 校验码; null until the registration is approved. */
  checkCode: string | null;
}

export interface CheckCodeDeps {
  db: Kysely<Tables>;
  clock: Clock;
  scope: Scope;
}

/**
 * Who may see and rotate an institution's check code: its own main
 * account, district reviewers over its node, admins. Business accounts of
 * the institution see the institution but not its check code (FORBIDDEN);
 * anyone else gets NOT_FOUND, for a read and a rotation alike (as for a missing id).
 */
async function institutionFor(deps: CheckCodeDeps, institutionId: string, actor: Actor) {
  const row = isUuid(institutionId)
    ? await deps.db.selectFrom('pw_institutions').select(['id', 'state', 'department_id', 'check_code']).where('id', '=', institutionId).executeTakeFirst()
    : undefined;
  if (!row || !(await inOrganisationScope(actor, row.id, row.department_id, deps.scope))) throw workflowError('NOT_FOUND');
  if (actor.kind !== 'admin' && actor.kind !== 'district' && actor.kind !== 'institution') {
    throw workflowError('FORBIDDEN', '仅机构主账号、考区或管理员可查看校验码', { rule: 'role' });
  }
  return row;
}

/**
 * The institution's 6-digit check code (校验码), which candidates quote with
 * its 登记号 to bind their current probation to it.
 *
 * @example
 * const { checkCode } = await getCheckCode(deps, institutionId, mainAccount); // '434148'
 */
export async function getCheckCode(deps: CheckCodeDeps, institutionId: string, actor: Actor): Promise<CheckCodeView> {
  const row = await institutionFor(deps, institutionId, actor);
  return { institutionId: row.id, checkCode: row.check_code };
}

/**
 * Replaces the check code with a new random one (different from the old),
 * audited. Only an approved or activated institution has one to rotate.
 *
 * @example
 * const { checkCode } = await rotateCheckCode(deps, institutionId, mainAccount);
 */
export async function rotateCheckCode(deps: CheckCodeDeps, institutionId: string, actor: Actor): Promise<CheckCodeView> {
  const row = await institutionFor(deps, institutionId, actor);
  if (!row.check_code || (row.state !== 'approved' && row.state !== 'activated')) {
    throw workflowError('INVALID_TRANSITION', '机构审核通过后才有校验码', { state: row.state, event: 'ROTATE_CHECK_CODE' });
  }
  let checkCode = newDigitCode(6);
  while (checkCode === row.check_code) checkCode = newDigitCode(6);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('pw_institutions').set({ check_code: checkCode, updated_at: now }).where('id', '=', row.id).execute();
    await writeAudit(trx, { action: 'institution.checkCode.rotate', actor, subjectType: 'institution', subjectId: row.id }, now);
  });
  return { institutionId: row.id, checkCode };
}

/**
 * The approved or activated institution a candidate means by 登记号 (its
 * 医疗执业机构许可证号) and 校验码, or undefined. For the application's
 * current-institution check (SPEC §4.3); pass the command's transaction
 * when called inside one.
 *
 * @example
 * const institution = await findInstitutionByCheckCode(engine.db, '5252223212582111254', '434148');
 */
export async function findInstitutionByCheckCode(
  db: Kysely<Tables> | Transaction<Tables>,
  registrationNo: string,
  checkCode: string,
): Promise<{ id: string; name: string | null; state: string; departmentId: string | null } | undefined> {
  const licenseNo = foldIdentifier(registrationNo).replace(/-/g, '');
  const code = foldIdentifier(checkCode);
  if (!licenseNo || !/^\d{6}$/.test(code)) return undefined;
  const row = await db
    .selectFrom('pw_institutions')
    .select(['id', 'name', 'state', 'department_id'])
    .where('license_no', '=', licenseNo)
    .where('check_code', '=', code)
    .where('state', 'in', ['approved', 'activated'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, state: row.state, departmentId: row.department_id } : undefined;
}
