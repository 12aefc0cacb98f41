import { applicationMachine, type ApplicationContext } from '../../machines/application.js';
import { stateLabel, statesTagged } from '../../machines/shared/introspect.js';
import type { ApplicationData } from '../domain/application-data.js';
import { computeIndicators } from '../domain/indicators.js';
import { maskIdNumber } from '../domain/masking.js';
import type { ApplicationScope } from '../accounts/application-scope.js';
import type { Reader } from '../engine/workflow-definition.js';
import { workflowError } from '../errors.js';
import { excelDate, type SheetColumn } from '../formats/xlsx-sheet.js';
import type { ProjectRecord } from '../projects/project-store.js';
import { createPostgresPhysicianRegistry } from '../registry/physician-registry.js';
import type { IndicatorSettings } from './application-indicators.js';
import { applicationListFilter, type ApplicationListQuery } from './application-list.js';
import { entryModeLabels, eventLabel } from './labels.js';

/** The most rows one exported file holds; Excel's own limit is 1,048,576 including the header. */
export const defaultExportRowLimit = 1_000_000;

/** Rows read per keyset batch: one batch is what the export holds in memory. */
const batchSize = 1000;

/** One row of the exported applicant list (申报人员列表.xlsx). */
export interface ApplicationExportRow {
  seq: number;
  name: string | null;
  idNumberMasked: string;
  institutionName: string | null;
  entryModeLabel: string | null;
  stateLabel: string;
  note: string | null;
  /** 试用期总时长 in whole months, as the detail computes it now. */
  totalMonths: number | null;
  redCount: number;
  /** The red hints as text: `label：detail`, one per line. */
  redHints: string;
  decisionLabel: string | null;
  explanation: string | null;
  decidedAt: string | null;
  /** 已上报 / 未上报. */
  reportState: string;
  reportedAt: string | null;
  submittedAt: Date | null;
}

const reportedStates: ReadonlySet<string> = new Set(statesTagged(applicationMachine, 'reported'));

/**
 * The columns of the exported list: the list's own (序号, 姓名, masked 身份证号,
 * 录入方式, 状态, 审核备注, red count), the institution when the caller's list
 * spans several, and what a reviewer hands around besides: the total, the red
 * hints as text, the decision with its explanation and date, the report state.
 *
 * @example
 * const columns = applicationExportColumns({ kind: 'all' });
 * columns.map((c) => c.header); // ['序号', '姓名', '身份证号', '所在机构', …]
 */
export function applicationExportColumns(scope: ApplicationScope): SheetColumn<ApplicationExportRow>[] {
  const columns: (SheetColumn<ApplicationExportRow> | false)[] = [
    { header: '序号', width: 8, value: (r) => r.seq },
    { header: '姓名', width: 12, value: (r) => r.name },
    { header: '身份证号', width: 22, value: (r) => r.idNumberMasked },
    scope.kind !== 'institution' && scope.kind !== 'candidate' && { header: '所在机构', width: 28, value: (r) => r.institutionName },
    { header: '录入方式', width: 14, value: (r) => r.entryModeLabel },
    { header: '状态', width: 16, value: (r) => r.stateLabel },
    { header: '审核备注', width: 24, value: (r) => r.note },
    { header: '试用期总时长（月）', width: 18, value: (r) => r.totalMonths },
    { header: '红色提示数', width: 12, value: (r) => r.redCount },
    { header: '红色提示', width: 48, value: (r) => r.redHints },
    { header: '审核结果', width: 14, value: (r) => r.decisionLabel },
    { header: '审核说明', width: 30, value: (r) => r.explanation },
    { header: '审核日期', width: 12, value: (r) => excelDate(r.decidedAt), kind: 'date' },
    { header: '上报状态', width: 10, value: (r) => r.reportState },
    { header: '上报日期', width: 12, value: (r) => excelDate(r.reportedAt), kind: 'date' },
    { header: '提交日期', width: 12, value: (r) => excelDate(r.submittedAt), kind: 'date' },
  ];
  return columns.filter((c): c is SheetColumn<ApplicationExportRow> => c !== false);
}

/**
 * How many applications an export of the list would hold; over `limit` it
 * is refused with EXPORT_TOO_LARGE before anything is written (the same
 * filter validation as the list applies first).
 *
 * @example
 * const rows = await countApplicationExport(db, projectId, scope, { state: 'unitReview' }, 1_000_000);
 */
export async function countApplicationExport(
  reader: Reader,
  projectId: string,
  scope: ApplicationScope,
  query: Omit<ApplicationListQuery, 'page' | 'pageSize'>,
  limit: number,
): Promise<number> {
  const counted = await applicationListFilter(reader, projectId, scope, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const rows = Number(counted?.n ?? 0);
  if (rows > limit) {
    throw workflowError('EXPORT_TOO_LARGE', `导出的申报有 ${rows} 条，超过单个文件的上限 ${limit} 条，请按状态或姓名筛选后分批导出`, { rows, limit });
  }
  return rows;
}

/**
 * The rows of the exported list in arrival order, read in keyset batches
 * of 1,000 (each batch: one read of the rows, then side by side the
 * institutions' names, the teachers' registry rows and the paper
 * certificates; the next batch's rows are read meanwhile), with the
 * indicators computed as the detail computes them now.
 *
 * @example
 * for await (const batch of applicationExportBatches(db, project, scope, {})) console.log(batch.length);
 */
export async function* applicationExportBatches(
  reader: Reader,
  project: ProjectRecord,
  scope: ApplicationScope,
  query: Omit<ApplicationListQuery, 'page' | 'pageSize'>,
  settings: IndicatorSettings = {},
): AsyncGenerator<ApplicationExportRow[]> {
  const readBatch = (after: number) =>
    reader
      .selectFrom(
        applicationListFilter(reader, project.id, scope, query)
          .select(['id', 'arrival_no'])
          .where('arrival_no', '>', after)
          .orderBy('arrival_no')
          .limit(batchSize)
          .as('p'),
      )
      .innerJoin('pw_applications as a', 'a.id', 'p.id')
      .select(['a.id', 'a.arrival_no', 'a.candidate_name', 'a.id_number', 'a.entry_mode', 'a.state', 'a.note', 'a.institution_id', 'a.data', 'a.context', 'a.submitted_at'])
      .orderBy('p.arrival_no')
      .execute();
  let seq = 0;
  let next = readBatch(0);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) return;
    // The next batch is read while this one is completed and written: the
    // database and the writer work side by side instead of taking turns.
    next = rows.length < batchSize ? Promise.resolve([]) : readBatch(rows[rows.length - 1]!.arrival_no);
    // An abandoned export (the client went away) must not leave a rejection unobserved.
    next.catch(() => undefined);

    const ids = rows.map((r) => r.id);
    const certNos = rows.flatMap((r) => (r.data as ApplicationData | null)?.segments.map((s) => s.teacherCertNo) ?? []);
    const institutionIds = [...new Set(rows.map((r) => r.institution_id).filter((id): id is string => id !== null))];
    const [names, physicians, papers] = await Promise.all([
      scope.kind === 'institution' || institutionIds.length === 0
        ? []
        : reader.selectFrom('pw_institutions').select(['id', 'name']).where('id', 'in', institutionIds).execute(),
      (settings.registry ?? createPostgresPhysicianRegistry(reader)).lookupMany(certNos),
      reader
        .selectFrom('pw_attachments')
        .select(['owner_id', 'segment_id'])
        .where('owner_type', '=', 'application')
        .where('owner_id', 'in', ids)
        .where('kind', '=', 'paperCertificate')
        .where('superseded_at', 'is', null)
        .execute(),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const papersOf = new Map<string, string[]>();
    for (const p of papers) if (p.segment_id) papersOf.set(p.owner_id, [...(papersOf.get(p.owner_id) ?? []), p.segment_id]);

    yield rows.map((r) => {
      const data = r.data as ApplicationData | null;
      const indicators = data
        ? computeIndicators({
            application: data,
            project: { approvalDeadline: project.approvalDeadline, probationCutoff: project.probationCutoff },
            physicians,
            counting: settings.counting,
            paperCertificates: papersOf.get(r.id) ?? [],
          })
        : null;
      const red = indicators?.indicators.filter((i) => i.level === 'red') ?? [];
      const context = r.context as Partial<ApplicationContext>;
      const decision = context.decision ?? null;
      const reported = reportedStates.has(r.state);
      return {
        seq: ++seq,
        name: r.candidate_name,
        idNumberMasked: maskIdNumber(r.id_number ?? ''),
        institutionName: r.institution_id ? (nameOf.get(r.institution_id) ?? null) : null,
        entryModeLabel: r.entry_mode ? entryModeLabels[r.entry_mode] : null,
        stateLabel: stateLabel(applicationMachine, r.state),
        note: r.note,
        totalMonths: indicators?.totalMonths ?? null,
        redCount: indicators?.redCount ?? 0,
        redHints: red.map((i) => `${i.label}：${i.detail}`).join('\n'),
        decisionLabel: decision ? eventLabel(decision.type) : null,
        explanation: decision?.explanation ?? null,
        decidedAt: decision?.at ?? null,
        reportState: reported ? '已上报' : '未上报',
        reportedAt: reported ? (context.reportedAt ?? null) : null,
        submittedAt: r.submitted_at,
      };
    });
  }
}
