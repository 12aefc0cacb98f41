import type { Kysely, Selectable } from 'kysely';
import { institutionMachine } from '../../machines/institution.js';
import { stateLabel, stateNodes } from '../../machines/shared/introspect.js';
import type { Departments } from '../accounts/departments.js';
import { checkCreditCode } from '../domain/credit-code.js';
import { maskPhone } from '../domain/masking.js';
import type { Actor } from '../engine/actor.js';
import type { HistoryEntry } from '../engine/transition-runner.js';
import { validationFailed, workflowError } from '../errors.js';
import type { InstitutionTable, Tables } from '../persistence/schema.js';
import type { AttachmentView } from './attachments.js';
import { pageWindow } from '../engine/page.js';

type InstitutionRow = Selectable<InstitutionTable>;

/** A red/green hint on a registration (审核提示信息), like the application indicators of §4.4. */
export interface RegistrationIndicator {
  code: 'creditCodeCheck';
  level: 'green' | 'red';
  label: string;
  detail: string;
}

/** One row of GET /institutions (the review list): phone masked. */
export interface InstitutionSummary {
  id: string;
  name: string | null;
  creditCode: string | null;
  /** The credit code's check character is wrong: approving needs a reason. */
  red: boolean;
  isMedical: boolean | null;
  licenseNo: string | null;
  adminName: string | null;
  adminPhoneMasked: string | null;
  department: { id: string; name: string } | null;
  state: string;
  stateLabel: string;
  /** 机构证号, once approved. */
  accountNo: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /institutions/:id: the whole registration, its files and its history. */
export interface InstitutionDetail extends InstitutionSummary {
  address: string | null;
  adminPhone: string | null;
  /** Reason of the last APPROVE / REJECT / RETURN / DISABLE. */
  reason: string | null;
  indicators: RegistrationIndicator[];
  attachments: AttachmentView[];
  history: HistoryEntry[];
}

/** Filters of the review list. */
export interface InstitutionFilter {
  state?: string;
  /** Part of the name, or the credit code / 机构证号 / 登记号 (or its beginning). */
  q?: string;
  page?: number;
  pageSize?: number;
}

export type { Page } from '../engine/page.js';
import type { Page } from '../engine/page.js';

/** The states an institution row can be in (the absent `none` is never stored). */
export const institutionStates: readonly string[] = stateNodes(institutionMachine)
  .filter(({ node }) => !(node.meta as { absent?: boolean } | undefined)?.absent && Object.keys(node.states).length === 0)
  .map(({ path }) => path);

/**
 * The credit-code indicator of a registration: green when the check
 * character is right, red (with the expected character) otherwise.
 *
 * @example
 * creditCodeIndicator('91350100M000100Y44', false).level; // 'red'
 */
export function creditCodeIndicator(creditCode: string | null, checkOk: boolean | null): RegistrationIndicator {
  const label = '统一社会信用代码校验位';
  if (checkOk === false) {
    const expected = creditCode ? checkCreditCode(creditCode).expectedCheckCharacter : undefined;
    return {
      code: 'creditCodeCheck',
      level: 'red',
      label,
      detail: expected ? `校验位不正确（按 GB 32100-2015 应为 ${expected}），审核通过须填写原因` : '校验位不正确，审核通过须填写原因',
    };
  }
  return { code: 'creditCodeCheck', level: 'green', label, detail: '校验位正确' };
}

/**
 * The list view of an institution row.
 *
 * @example
 * summaryOf(row, '江岸区卫生健康局');
 */
export function summaryOf(row: InstitutionRow, departmentName: string | null): InstitutionSummary {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    red: row.credit_code_check_ok === false,
    isMedical: row.is_medical,
    licenseNo: row.license_no,
    adminName: row.admin_name,
    adminPhoneMasked: row.admin_phone ? maskPhone(row.admin_phone) : null,
    department: row.department_id ? { id: row.department_id, name: departmentName ?? row.department_id } : null,
    state: row.state,
    stateLabel: stateLabel(institutionMachine, row.state),
    accountNo: row.account_no,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The registrations a review list or its export covers: at or below a
 * district reviewer's node (all for an admin), filtered by state and
 * searched by name, credit code, 机构证号 or 登记号. `undefined` when the
 * reviewer's scope is empty. Other accounts: FORBIDDEN.
 *
 * @example
 * const query = await institutionListFilter({ db, departments }, district, { state: 'applied' });
 * const rows = query ? await query.selectAll().execute() : [];
 */
export async function institutionListFilter(
  deps: { db: Kysely<Tables>; departments: Departments },
  actor: Actor,
  filter: Omit<InstitutionFilter, 'page' | 'pageSize'> = {},
) {
  if (actor.kind !== 'admin' && actor.kind !== 'district') throw workflowError('FORBIDDEN', '仅考区或管理员可查看机构注册列表', { rule: 'role' });
  if (filter.state !== undefined && filter.state !== '' && !institutionStates.includes(filter.state)) {
    throw validationFailed([{ field: 'state', code: 'invalid', message: `状态须为 ${institutionStates.join('、')} 之一` }]);
  }
  let query = deps.db.selectFrom('pw_institutions');
  if (actor.kind === 'district') {
    const ids = actor.departmentId ? await deps.departments.subtree(actor.departmentId) : [];
    if (ids.length === 0) return undefined;
    query = query.where('pw_institutions.department_id', 'in', ids);
  }
  if (filter.state) query = query.where('pw_institutions.state', '=', filter.state);
  const q = filter.q?.trim();
  if (q) {
    const upper = q.toUpperCase().replace(/\s+/g, '');
    const like = (s: string) => s.replace(/[\\%_]/g, '\\$&');
    query = query.where((eb) =>
      eb.or([
        eb('pw_institutions.name', 'ilike', `%${like(q)}%`),
        eb('pw_institutions.credit_code', 'like', `${like(upper)}%`),
        eb('pw_institutions.account_no', '=', upper),
        eb('pw_institutions.license_no', '=', upper),
      ]),
    );
  }
  return query;
}

/**
 * GET /institutions: the registrations a district reviewer (at or below its
 * node) or an admin (all) may review, newest first, filtered by state and
 * searched by name, credit code, 机构证号 or 登记号. Other accounts: FORBIDDEN.
 *
 * @example
 * await listInstitutions({ db, departments }, district, { state: 'applied', q: '1911', page: 1, pageSize: 10 });
 */
export async function listInstitutions(
  deps: { db: Kysely<Tables>; departments: Departments },
  actor: Actor,
  filter: InstitutionFilter = {},
): Promise<Page<InstitutionSummary>> {
  if (actor.kind !== 'admin' && actor.kind !== 'district') throw workflowError('FORBIDDEN', '仅考区或管理员可查看机构注册列表', { rule: 'role' });
  const { page, pageSize, offset } = pageWindow(filter);
  const query = await institutionListFilter(deps, actor, filter);
  if (!query) return { items: [], total: 0, page, pageSize };
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('pw_departments', 'pw_departments.id', 'pw_institutions.department_id')
    .selectAll('pw_institutions')
    .select('pw_departments.name as department_name')
    .orderBy('pw_institutions.created_at', 'desc')
    .orderBy('pw_institutions.id', 'desc')
    .limit(pageSize)
    .offset(offset)
    .execute();
  return { items: rows.map((r) => summaryOf(r as InstitutionRow, r.department_name)), total: Number(total), page, pageSize };
}
