import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar-date.js';
import type { Reader } from '../engine/workflow-definition.js';
import type { ProjectTable } from './tables.js';

/** A project as the engine works with it. */
export interface ProjectRecord {
  id: string;
  name: string;
  businessCode: string;
  startsOn: IsoDate;
  approvalDeadline: IsoDate;
  probationCutoff: IsoDate;
  createdAt: string;
}

/**
 * Maps a pw_projects row.
 *
 * @example
 * const project = toProjectRecord(await db.selectFrom('pw_projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
 */
export function toProjectRecord(row: Selectable<ProjectTable>): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    businessCode: row.business_code,
    startsOn: row.starts_on,
    approvalDeadline: row.approval_deadline,
    probationCutoff: row.probation_cutoff,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * One project, or undefined. Pass the command's transaction inside a command.
 *
 * @example
 * const project = await findProject(trx, row.project_id);
 */
export async function findProject(reader: Reader, id: string | null | undefined): Promise<ProjectRecord | undefined> {
  if (!id) return undefined;
  const row = await reader.selectFrom('pw_projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProjectRecord(row) : undefined;
}
