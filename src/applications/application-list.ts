import { sql } from 'kysely';
import { applicationMachine } from '../../machines/application.js';
import { stateLabel, stateNodes } from '../../machines/shared/introspect.js';
import { maskIdNumber } from '../domain/masking.js';
import { validationFailed } from '../errors.js';
import type { Reader } from '../engine/workflow-definition.js';
import { paging, type Page } from '../engine/page.js';
import { scopeCondition, type ApplicationScope } from '../accounts/application-scope.js';
import { entryModeLabels } from './labels.js';

/** One row of the applicant list (the seed's 医师资格考试试用期考核证明申报 screen). */
export interface ApplicationListItem {
  /** 序号: position in the whole list, 1-based. */
  seq: number;
  id: string;
  /** 姓名. */
  name: string | null;
  /** 身份证, always masked (140105*****7932). */
  idNumberMasked: string;
  entryMode: 'candidate' | 'unit' | null;
  /** 单位认证状态: 单位直接录入 / 考生申报. */
  entryModeLabel: string | null;
  state: string;
  /** 审批状态. */
  stateLabel: string;
  /** 审核备注. */
  note: string | null;
  /** Red indicators as of the application's last command. */
  redCount: number;
  institutionId: string | null;
  /** Shown to district and admin, whose lists span institutions. */
  institutionName: string | null;
  version: number;
  createdAt: string;
}

/** Filters of the applicant list. */
export interface ApplicationListQuery {
  /** A state path (`unitReview.pending`) or a parent (`unitReview`, every sub-state). */
  state?: string;
  /** Part of the candidate's name. */
  q?: string;
  /** District and admin: one institution only. */
  institutionId?: string;
  page?: number;
  pageSize?: number;
}

const statePaths: ReadonlySet<string> = new Set(stateNodes(applicationMachine).map((s) => s.path).filter((p) => p !== 'none'));

/** Escapes LIKE wildcards so a name search matches them literally. */
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The applications of a project a list shows: in the caller's scope,
 * filtered by state, name and institution (validated: an unknown state or
 * a search over 50 characters is VALIDATION_FAILED). The list pages it;
 * the Excel export reads all of it in keyset batches.
 *
 * @example
 * const rows = await applicationListFilter(db, projectId, scope, { state: 'unitReview' }).select('id').execute();
 */
export function applicationListFilter(reader: Reader, projectId: string, scope: ApplicationScope, query: Omit<ApplicationListQuery, 'page' | 'pageSize'> = {}) {
  const state = query.state?.trim() || undefined;
  if (state !== undefined && !statePaths.has(state)) {
    throw validationFailed([{ field: 'state', code: 'unknownState', message: `未知的状态：${state}` }]);
  }
  const q = query.q?.trim() || undefined;
  if (q !== undefined && q.length > 50) throw validationFailed([{ field: 'q', code: 'tooLong', message: '搜索内容不能超过50个字符' }]);

  let base = reader
    .selectFrom('pw_applications')
    .where('project_id', '=', projectId)
    .where((eb) => scopeCondition(eb, scope));
  if (state !== undefined) {
    base = base.where((eb) => eb.or([eb('state', '=', state), eb('state', 'like', `${likeEscape(state)}.%`)]));
  }
  if (q !== undefined) base = base.where(sql<boolean>`candidate_name ilike ${`%${likeEscape(q)}%`}`);
  if (query.institutionId !== undefined) base = base.where('institution_id', '=', query.institutionId);
  return base;
}

/**
 * The two queries behind {@link listApplications}: one page of rows and the
 * total, over the same index range. Exposed so the plan can be inspected
 * (EXPLAIN) and benchmarked against bare SQL.
 *
 * @example
 * const { rows } = applicationListQueries(db, projectId, { kind: 'institution', institutionId }, {});
 * console.log(rows.compile().sql);
 */
export function applicationListQueries(reader: Reader, projectId: string, scope: ApplicationScope, query: ApplicationListQuery = {}) {
  const { page, pageSize } = paging(query);
  const base = applicationListFilter(reader, projectId, scope, query);
  // The page is picked on the ids alone, then only its rows are read: with
  // pw_applications_department_submitted (0007) picking and counting are
  // index-only scans, so a city's list of tens of thousands reads ten rows
  // of the table, not all of them.
  const pageIds = base.select(['id', 'arrival_no']).orderBy('arrival_no').limit(pageSize).offset((page - 1) * pageSize);
  return {
    page,
    pageSize,
    rows: reader
      .selectFrom(pageIds.as('p'))
      .innerJoin('pw_applications as a', 'a.id', 'p.id')
      .select(['a.id', 'a.candidate_name', 'a.id_number', 'a.entry_mode', 'a.state', 'a.note', 'a.red_count', 'a.institution_id', 'a.version', 'a.created_at'])
      .orderBy('p.arrival_no'),
    count: base.select((eb) => eb.fn.countAll<number>().as('n')),
  };
}

/**
 * The applicant list of a project within a scope: ordered by arrival,
 * filtered by state and name, one page. The query is an index range scan
 * for an institution (pw_applications_institution_list) and an index-only
 * scan for a district (pw_applications_department_submitted); the count
 * runs over the same range (docs/performance.md has the plans).
 *
 * @example
 * const page = await listApplications(db, projectId, scope, { state: 'unitReview.pending', q: '赵' });
 * page.items[0]?.idNumberMasked; // '140105*****7932'
 */
export async function listApplications(
  reader: Reader,
  projectId: string,
  scope: ApplicationScope,
  query: ApplicationListQuery = {},
): Promise<Page<ApplicationListItem>> {
  const { page, pageSize, rows: rowsQuery, count } = applicationListQueries(reader, projectId, scope, query);
  const [rows, counted] = await Promise.all([rowsQuery.execute(), count.executeTakeFirst()]);

  // Lists across institutions name them; an institution's own list needs no join.
  const names = new Map<string, string | null>();
  if (scope.kind !== 'institution') {
    const ids = [...new Set(rows.map((r) => r.institution_id).filter((id): id is string => id !== null))];
    if (ids.length > 0) {
      for (const r of await reader.selectFrom('pw_institutions').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(r.id, r.name);
    }
  }
  return {
    items: rows.map((r, i) => ({
      seq: (page - 1) * pageSize + i + 1,
      id: r.id,
      name: r.candidate_name,
      idNumberMasked: maskIdNumber(r.id_number ?? ''),
      entryMode: r.entry_mode,
      entryModeLabel: r.entry_mode ? entryModeLabels[r.entry_mode] : null,
      state: r.state,
      stateLabel: stateLabel(applicationMachine, r.state),
      note: r.note,
      redCount: r.red_count,
      institutionId: r.institution_id,
      institutionName: r.institution_id ? (names.get(r.institution_id) ?? null) : null,
      version: r.version,
      createdAt: r.created_at.toISOString(),
    })),
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
  };
}
