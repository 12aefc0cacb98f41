import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { addDays, isIsoDate, type IsoDate } from '../domain/calendar-date.js';
import { applicationMachine } from '../../machines/application.js';
import { statesTagged } from '../../machines/shared/introspect.js';
import { isBusinessCode, PROBATION_BUSINESS_CODE } from '../domain/business-codes.js';
import { defaultProbationCutoff } from '../domain/probation-months.js';
import { validationFailed, workflowError, type FieldIssue } from '../errors.js';
import { nulCharacterIssues } from '../engine/input-text.js';
import type { Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { Departments } from '../accounts/departments.js';
import type { Tables } from '../persistence/schema.js';
import { writeAudit } from '../engine/audit-log.js';
import { applicationScope, scopeCondition, type ApplicationScope } from '../accounts/application-scope.js';
import { paging, type Page } from '../engine/page.js';
import { daysLeft, projectStatus, projectStatusLabels, today, type ProjectStatus } from './project-calendar.js';
import { findProject, toProjectRecord, type ProjectRecord } from './project-store.js';

/** 上报状态 of a project for the caller: nothing, part or all of the declared applications reported. */
export type ReportState = 'notReported' | 'partlyReported' | 'reported';

export const reportStateLabels: Readonly<Record<ReportState, string>> = {
  notReported: '未上报',
  partlyReported: '部分上报',
  reported: '已上报',
};

/** Counts of a project's applications within a scope. */
export interface ProjectCounts {
  /** 申报人数: submitted applications (drafts and withdrawn ones aside). */
  applicantCount: number;
  /** 本系统审核人数: applications the unit has decided on (approved, rejected, returned, or reported). */
  decidedCount: number;
  /** Applications reported to the exam district (or closed after a report). */
  reportedCount: number;
  reportState: ReportState;
  reportStateLabel: string;
}

/** A row of the 待审核项目列表, for the caller. */
export interface ProjectSummary extends ProjectRecord, ProjectCounts {
  /** 距离截至审批时间 N 天. */
  daysLeft: number;
  status: ProjectStatus;
  /** 未开始 / 申报中 / 已截止. */
  statusLabel: string;
}

/** One institution's progress in a project (the district's and admin's per-institution view). */
export interface InstitutionProgress extends ProjectCounts {
  institutionId: string;
  institutionName: string | null;
  departmentId: string | null;
}

/** POST /projects. */
export interface NewProject {
  name: string;
  /** Default '19'. */
  businessCode?: string;
  startsOn: IsoDate;
  approvalDeadline: IsoDate;
  /** Default: 31 August of the deadline's year (the exam year). */
  probationCutoff?: IsoDate;
}

/** Projects (申报项目) and the counts of their applications (SPEC §5.3). */
export interface Projects {
  /**
   * Admin only.
   *
   * @example
   * const project = await engine.projects.create({ name: '医师资格考试试用期考核证明申报', startsOn: '2026-03-01', approvalDeadline: '2026-04-30' }, admin);
   */
  create(input: unknown, actor: Actor): Promise<ProjectSummary>;
  /**
   * Every project of the caller's business line, newest deadline first, with the caller's counts.
   *
   * @example
   * const { items } = await engine.projects.list(unit, { page: 1, pageSize: 20 });
   * items[0]?.reportStateLabel; // '部分上报'
   */
  list(actor: Actor, query?: { page?: number; pageSize?: number }): Promise<Page<ProjectSummary>>;
  /**
   * @example
   * const { daysLeft, applicantCount } = await engine.projects.get(projectId, district);
   */
  get(id: string, actor: Actor): Promise<ProjectSummary>;
  /**
   * District and admin: the project's institutions under their node, each with its counts.
   *
   * @example
   * const { items } = await engine.projects.institutions(projectId, district);
   * items.map((i) => `${i.institutionName}: ${i.reportedCount}/${i.applicantCount}`);
   */
  institutions(id: string, actor: Actor, query?: { page?: number; pageSize?: number }): Promise<Page<InstitutionProgress>>;
}

const dateField = (label: string) =>
  z.string({ error: `请填写${label}` }).refine(isIsoDate, { error: `${label}应为有效日期（YYYY-MM-DD）` });

const newProjectSchema = z.strictObject({
  name: z.string({ error: '请填写项目名称' }).trim().min(2, { error: '项目名称至少2个字符' }).max(100, { error: '项目名称不能超过100个字符' }),
  businessCode: z.string().optional(),
  startsOn: dateField('项目开始日期'),
  approvalDeadline: dateField('省级审批截止日期'),
  probationCutoff: dateField('试用期截止日期').optional(),
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The groups of states come from the machine's tags (literals, so the statement text stays the same).
const stateIn = (states: string[]) => sql<boolean>`state in (${sql.join(states.map((state) => sql.lit(state)))})`;
// Drafts never submitted are the candidates' own, and withdrawn ones no longer count as declared.
const declared = sql<boolean>`(submitted_at is not null and not ${stateIn(statesTagged(applicationMachine, 'withdrawn'))})`;
const decided = stateIn(statesTagged(applicationMachine, 'decidedByUnit'));
const reported = stateIn(statesTagged(applicationMachine, 'reported'));

function countsOf(row: { applicants: unknown; decided: unknown; reported: unknown } | undefined): ProjectCounts {
  const applicantCount = Number(row?.applicants ?? 0);
  const reportedCount = Number(row?.reported ?? 0);
  const reportState: ReportState =
    reportedCount === 0 ? 'notReported' : reportedCount >= applicantCount ? 'reported' : 'partlyReported';
  return {
    applicantCount,
    decidedCount: Number(row?.decided ?? 0),
    reportedCount,
    reportState,
    reportStateLabel: reportStateLabels[reportState],
  };
}

/**
 * Creates the projects service.
 *
 * @example
 * const projects = createProjects({ db, clock, departments });
 * await projects.create({ name: '医师资格考试试用期考核证明申报', startsOn: '2019-12-19', approvalDeadline: '2020-02-24' }, admin);
 * (await projects.list(business19)).items[0]?.statusLabel; // '申报中'
 */
export function createProjects(deps: { db: Kysely<Tables>; clock: Clock; departments: Departments }): Projects {
  const { db, clock, departments } = deps;

  const counts = async (projectIds: string[], scope: ApplicationScope) => {
    if (projectIds.length === 0) return new Map<string, ProjectCounts>();
    const rows = await db
      .selectFrom('pw_applications')
      .select((eb) => [
        'project_id',
        eb.fn.count<number>('id').filterWhere(declared).as('applicants'),
        eb.fn.count<number>('id').filterWhere(decided).as('decided'),
        eb.fn.count<number>('id').filterWhere(reported).as('reported'),
      ])
      .where('project_id', 'in', projectIds)
      .where((eb) => scopeCondition(eb, scope))
      .groupBy('project_id')
      .execute();
    return new Map(rows.map((r) => [r.project_id as string, countsOf(r)]));
  };

  const summary = (project: ProjectRecord, c: ProjectCounts | undefined): ProjectSummary => {
    const day = today(clock.now());
    const status = projectStatus(project, day);
    return {
      ...project,
      daysLeft: daysLeft(project.approvalDeadline, day),
      status,
      statusLabel: projectStatusLabels[status],
      ...(c ?? countsOf(undefined)),
    };
  };

  // Business accounts see their own business line's projects; everyone else every project.
  const visibleTo = (actor: Actor, project: ProjectRecord) =>
    actor.kind !== 'business' || project.businessCode === actor.businessCode;

  const requireVisible = async (id: string, actor: Actor): Promise<ProjectRecord> => {
    if (actor.kind === 'public') throw workflowError('UNAUTHENTICATED');
    const project = uuidPattern.test(id) ? await findProject(db, id) : undefined;
    if (!project || !visibleTo(actor, project)) throw workflowError('NOT_FOUND');
    return project;
  };

  return {
    async create(input, actor) {
      if (actor.kind !== 'admin') throw workflowError('FORBIDDEN', '只有省级管理员可以创建申报项目', { rule: 'role', allowedRoles: ['admin'] });
      const nul = nulCharacterIssues(input);
      if (nul.length) throw validationFailed(nul);
      const parsed = newProjectSchema.safeParse(input);
      if (!parsed.success) {
        throw validationFailed(
          parsed.error.issues.map((i) => ({
            field: i.path.join('.'),
            code: i.code === 'unrecognized_keys' ? 'unknownField' : i.code === 'invalid_type' ? 'required' : 'invalid',
            message: /\p{Script=Han}/u.test(i.message) ? i.message : i.code === 'unrecognized_keys' ? `不允许的字段：${i.keys.join('、')}` : '格式不正确',
          })),
        );
      }
      const value = parsed.data;
      const issues: FieldIssue[] = [];
      const businessCode = value.businessCode ?? PROBATION_BUSINESS_CODE;
      if (!isBusinessCode(businessCode)) issues.push({ field: 'businessCode', code: 'unknownBusinessCode', message: '未知的业务编码' });
      else if (businessCode !== PROBATION_BUSINESS_CODE) {
        issues.push({ field: 'businessCode', code: 'noWorkflow', message: '目前只有业务19（医师资格考试试用期考核证明申报管理）支持申报项目' });
      }
      if (value.startsOn > value.approvalDeadline) {
        issues.push({ field: 'approvalDeadline', code: 'beforeStart', message: '省级审批截止日期不能早于项目开始日期' });
      }
      const probationCutoff = value.probationCutoff ?? defaultProbationCutoff(Number(value.approvalDeadline.slice(0, 4)));
      if (probationCutoff < addDays(value.startsOn, -3660)) {
        issues.push({ field: 'probationCutoff', code: 'implausible', message: '试用期截止日期不合理' });
      }
      if (issues.length) throw validationFailed(issues);
      const now = clock.now();
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('pw_projects')
          .values({
            id: crypto.randomUUID(),
            name: value.name,
            business_code: businessCode,
            starts_on: value.startsOn,
            approval_deadline: value.approvalDeadline,
            probation_cutoff: probationCutoff,
            created_at: now,
            created_by: actor.id,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(trx, { action: 'project.create', actor, subjectType: 'project', subjectId: inserted.id, detail: { name: value.name } }, now);
        return inserted;
      });
      return summary(toProjectRecord(row), undefined);
    },

    async list(actor, query = {}) {
      if (actor.kind === 'public') throw workflowError('UNAUTHENTICATED');
      const { page, pageSize } = paging(query);
      let base = db.selectFrom('pw_projects');
      if (actor.kind === 'business') base = base.where('business_code', '=', actor.businessCode ?? '');
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('approval_deadline', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      const projects = rows.map(toProjectRecord);
      const byProject = await counts(projects.map((p) => p.id), await applicationScope(actor, departments));
      return { items: projects.map((p) => summary(p, byProject.get(p.id))), total: Number(total?.n ?? 0), page, pageSize };
    },

    async get(id, actor) {
      const project = await requireVisible(id, actor);
      const byProject = await counts([project.id], await applicationScope(actor, departments));
      return summary(project, byProject.get(project.id));
    },

    async institutions(id, actor, query = {}) {
      if (actor.kind !== 'district' && actor.kind !== 'admin') {
        throw workflowError('FORBIDDEN', '只有考区和省级管理员可以按机构查看', { rule: 'role', allowedRoles: ['district', 'admin'] });
      }
      const project = await requireVisible(id, actor);
      const { page, pageSize } = paging(query);
      const scope = await applicationScope(actor, departments);
      const grouped = db
        .selectFrom('pw_applications')
        .where('project_id', '=', project.id)
        .where('institution_id', 'is not', null)
        .where((eb) => scopeCondition(eb, scope))
        .where(declared)
        .groupBy('institution_id');
      const [rows, total] = await Promise.all([
        grouped
          .select((eb) => [
            'institution_id',
            eb.fn.count<number>('id').filterWhere(declared).as('applicants'),
            eb.fn.count<number>('id').filterWhere(decided).as('decided'),
            eb.fn.count<number>('id').filterWhere(reported).as('reported'),
          ])
          .orderBy('institution_id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        db
          .selectFrom(grouped.select('institution_id').as('g'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ]);
      const ids = rows.map((r) => r.institution_id as string);
      const institutions = ids.length
        ? await db.selectFrom('pw_institutions').select(['id', 'name', 'department_id']).where('id', 'in', ids).execute()
        : [];
      const byId = new Map(institutions.map((i) => [i.id, i]));
      return {
        items: rows.map((r) => ({
          institutionId: r.institution_id as string,
          institutionName: byId.get(r.institution_id as string)?.name ?? null,
          departmentId: byId.get(r.institution_id as string)?.department_id ?? null,
          ...countsOf(r),
        })),
        total: Number(total?.n ?? 0),
        page,
        pageSize,
      };
    },
  };
}
