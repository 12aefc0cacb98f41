import { sql, type Kysely } from 'kysely';
import { institutionMachine } from '../../machines/institution.js';
import { stateLabel } from '../../machines/shared/introspect.js';
import type { Departments } from '../accounts/departments.js';
import { maskPhone } from '../domain/masking.js';
import type { Actor } from '../engine/actor.js';
import { writeAudit } from '../engine/audit-log.js';
import { workflowError } from '../errors.js';
import { excelDate, xlsxStream, type SheetColumn, type SheetDownload } from '../formats/xlsx-sheet.js';
import type { Tables } from '../persistence/schema.js';
import { institutionListFilter, type InstitutionFilter } from './institution-views.js';

/** One row of the exported registration list (机构注册列表.xlsx). */
interface InstitutionExportRow {
  seq: number;
  name: string | null;
  creditCode: string | null;
  creditCodeOk: boolean | null;
  isMedical: boolean | null;
  licenseNo: string | null;
  adminName: string | null;
  adminPhone: string | null;
  department: string | null;
  state: string;
  accountNo: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns: SheetColumn<InstitutionExportRow>[] = [
  { header: '序号', width: 8, value: (r) => r.seq },
  { header: '单位全称', width: 30, value: (r) => r.name },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '信用代码校验', width: 14, value: (r) => (r.creditCodeOk === false ? '校验位不正确' : '正确') },
  { header: '是否医疗机构', width: 12, value: (r) => (r.isMedical === null ? null : r.isMedical ? '是' : '否') },
  { header: '医疗执业机构许可证号', width: 24, value: (r) => r.licenseNo },
  { header: '系统管理员', width: 12, value: (r) => r.adminName },
  { header: '管理员手机', width: 14, value: (r) => (r.adminPhone ? maskPhone(r.adminPhone) : null) },
  { header: '业务主管部门', width: 22, value: (r) => r.department },
  { header: '状态', width: 10, value: (r) => stateLabel(institutionMachine, r.state) },
  { header: '机构证号', width: 12, value: (r) => r.accountNo },
  { header: '注册日期', width: 12, value: (r) => excelDate(r.createdAt), kind: 'date' },
  { header: '最近更新', width: 12, value: (r) => excelDate(r.updatedAt), kind: 'date' },
];

/** Rows read per keyset batch. */
const batchSize = 1000;

/**
 * The registration review list as an Excel workbook: the rows a district
 * reviewer (at or below its node) or an admin sees in GET /institutions,
 * with the same filters, newest first, every page; phones masked as in
 * the list. Streams in keyset batches; more than `limit` rows →
 * EXPORT_TOO_LARGE. Audited (`institutions.export`).
 *
 * @example
 * const file = await exportInstitutions({ db, departments, now: new Date(), limit: 1_000_000 }, district, { state: 'applied' });
 * file.stream.pipe(process.stdout);
 */
export async function exportInstitutions(
  deps: { db: Kysely<Tables>; departments: Departments; now: Date; limit: number },
  actor: Actor,
  filter: Omit<InstitutionFilter, 'page' | 'pageSize'> = {},
): Promise<SheetDownload> {
  const filters = { state: filter.state || undefined, q: filter.q?.trim() || undefined };
  const query = await institutionListFilter(deps, actor, filters);
  const counted = query ? await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow() : { n: 0 };
  const rows = Number(counted.n);
  if (rows > deps.limit) {
    throw workflowError('EXPORT_TOO_LARGE', `导出的机构有 ${rows} 个，超过单个文件的上限 ${deps.limit} 个，请按状态或名称筛选后分批导出`, { rows, limit: deps.limit });
  }
  await writeAudit(deps.db, { action: 'institutions.export', actor, detail: { rows, ...filters } }, deps.now);

  async function* batches(): AsyncGenerator<InstitutionExportRow[]> {
    if (!query) return;
    let after: { at: Date; id: string } | undefined;
    let seq = 0;
    for (;;) {
      const page = await query
        .leftJoin('pw_departments', 'pw_departments.id', 'pw_institutions.department_id')
        .selectAll('pw_institutions')
        .select('pw_departments.name as department_name')
        .$if(after !== undefined, (qb) => qb.where(sql<boolean>`(pw_institutions.created_at, pw_institutions.id) < (${after!.at}, ${after!.id}::uuid)`))
        .orderBy('pw_institutions.created_at', 'desc')
        .orderBy('pw_institutions.id', 'desc')
        .limit(batchSize)
        .execute();
      if (page.length === 0) return;
      const last = page[page.length - 1]!;
      after = { at: last.created_at, id: last.id };
      yield page.map((r) => ({
        seq: ++seq,
        name: r.name,
        creditCode: r.credit_code,
        creditCodeOk: r.credit_code_check_ok,
        isMedical: r.is_medical,
        licenseNo: r.license_no,
        adminName: r.admin_name,
        adminPhone: r.admin_phone,
        department: r.department_name,
        state: r.state,
        accountNo: r.account_no,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
      if (page.length < batchSize) return;
    }
  }
  return { fileName: `机构注册列表_${deps.now.toISOString().slice(0, 10)}.xlsx`, rows, stream: xlsxStream({ sheetName: '机构注册列表', columns, batches: batches() }) };
}
