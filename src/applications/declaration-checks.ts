import { validationFailed, workflowError } from '../errors.js';
import type { EntityRow, Reader } from '../engine/workflow-definition.js';
import { dataOf } from './application-facts.js';
import { resolveCurrentInstitution } from './institution-binding.js';

/**
 * The checks of CREATE and EDIT that depend on other rows, repeated inside
 * the command's transaction on the locked row: the declaration service
 * resolved the institution before the command, and a check code rotated or
 * an institution disabled in between must not slip through.
 *
 * - An EDIT of an application that has data must bring new data.
 * - The current segment's 登记号 + 校验码 still resolve to the institution the
 *   row is (or will be) bound to → else INSTITUTION_CHECK_FAILED.
 * - Once submitted, the current institution is fixed: the unit that
 *   returned an application gets it back, not some other unit.
 * - One application per candidate (document number) and project, a
 *   withdrawn one aside → else ALREADY_APPLIED.
 *
 * @example
 * if (event.type === 'CREATE' || event.type === 'EDIT') await checkDeclaration(trx, { row, columns });
 */
export async function checkDeclaration(reader: Reader, input: { row: EntityRow | undefined; columns: Record<string, unknown> }): Promise<void> {
  const { row, columns } = input;
  if (columns.data === undefined) {
    if (row?.data) throw validationFailed([{ field: 'data', code: 'required', message: '修改申报须提交完整的申报数据' }]);
    return;
  }
  const data = dataOf(columns, undefined);
  if (!data) throw validationFailed([{ field: 'data', code: 'required', message: '请提交申报数据' }]);
  const boundTo = (columns.institution_id ?? row?.institution_id) as string | null | undefined;
  const institution = await resolveCurrentInstitution(reader, data);
  if (institution.id !== boundTo) {
    throw workflowError('INSTITUTION_CHECK_FAILED', '当前试用机构的登记号与校验码已变更，请重新核对', { segmentId: data.segments.find((s) => s.current)?.id });
  }
  if (row && row.state !== 'draft' && row.institution_id !== boundTo) {
    const index = data.segments.findIndex((s) => s.current);
    throw validationFailed([
      { field: `segments.${index}.registrationNo`, code: 'currentInstitutionFixed', message: '申报提交后不能更换当前试用机构' },
    ]);
  }
  const projectId = (columns.project_id ?? row?.project_id) as string | null | undefined;
  const idNumber = (columns.id_number ?? row?.id_number) as string | null | undefined;
  if (projectId && idNumber) {
    let query = reader
      .selectFrom('pw_applications')
      .select('id')
      .where('project_id', '=', projectId)
      .where('id_number', '=', idNumber)
      .where('state', '<>', 'closed.withdrawn');
    if (row) query = query.where('id', '<>', row.id);
    if (await query.executeTakeFirst()) throw workflowError('ALREADY_APPLIED', undefined, { projectId });
  }
}
