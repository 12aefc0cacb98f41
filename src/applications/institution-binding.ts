import type { ApplicationData, ApplicationSegment } from '../domain/application-data.js';
import { workflowError } from '../errors.js';
import type { Reader } from '../engine/workflow-definition.js';

/** The institution an application's current segment is bound to. */
export interface BoundInstitution {
  id: string;
  name: string | null;
  departmentId: string | null;
}

/**
 * The current segment (当前试用机构) of parsed data; parseApplicationData
 * guarantees exactly one.
 *
 * @example
 * currentSegment(data).registrationNo; // '5252223212582111254'
 */
export function currentSegment(data: ApplicationData): ApplicationSegment {
  const segment = data.segments.find((s) => s.current);
  if (!segment) throw new Error('application data without a current segment');
  return segment;
}

/**
 * Resolves the current institution by 登记号 (the 医疗执业机构许可证号 it gave
 * at registration) + 校验码 (its 6-digit check code): it must be an
 * activated institution holding both, else INSTITUTION_CHECK_FAILED (422)
 * naming the segment's fields. The wording does not say which of the two
 * was wrong, so the pair cannot be guessed one half at a time.
 *
 * @example
 * const institution = await resolveCurrentInstitution(trx, data);
 * institution.departmentId; // '420102'
 */
export async function resolveCurrentInstitution(reader: Reader, data: ApplicationData): Promise<BoundInstitution> {
  const segment = currentSegment(data);
  const index = data.segments.indexOf(segment);
  const rows = segment.checkCode
    ? await reader
        .selectFrom('pw_institutions')
        .select(['id', 'name', 'department_id'])
        .where('license_no', '=', segment.registrationNo)
        .where('check_code', '=', segment.checkCode)
        .where('state', '=', 'activated')
        .limit(2)
        .execute()
    : [];
  // Two activated institutions with one 登记号 and one code would make the binding ambiguous: refuse rather than guess.
  if (rows.length !== 1) {
    throw workflowError('INSTITUTION_CHECK_FAILED', '当前试用机构的登记号与校验码不匹配，或该机构尚未在平台激活', {
      fields: [`segments.${index}.registrationNo`, `segments.${index}.checkCode`],
      segmentId: segment.id,
    });
  }
  const row = rows[0]!;
  return { id: row.id, name: row.name, departmentId: row.department_id };
}
