import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import { applicationMachine } from '../../machines/application.js';
import { eventMeta, statesAccepting } from '../../machines/shared/introspect.js';
import { parseApplicationData, type ApplicationData } from '../domain/application-data.js';
import { sameName } from '../domain/name-normalise.js';
import { isWorkflowError, validationFailed, workflowError, type FieldIssue } from '../errors.js';
import type { Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import { isUuid, type EntityDetail, type SendOptions, type TransitionRunner, type WorkflowEvent } from '../engine/transition-runner.js';
import type { Departments } from '../accounts/departments.js';
import type { Tables } from '../persistence/schema.js';
import { jsonb } from '../persistence/jsonb.js';
import type { FileStorage } from '../storage/file-storage.js';
import { findProject, type ProjectRecord } from '../projects/project-store.js';
import { projectDueAt, today } from '../projects/project-calendar.js';
import type { IndicatorSettings } from './application-indicators.js';
import { applicationScope } from '../accounts/application-scope.js';
import { listApplications, type ApplicationListItem, type ApplicationListQuery } from './application-list.js';
import type { Page } from '../engine/page.js';
import { applicationDetail, type ApplicationDetail } from './application-view.js';
import { currentSegment, type BoundInstitution } from './institution-binding.js';
import { bindWithAttemptLimit } from './check-code-attempts.js';
import { storePaperCertificate } from './paper-certificates.js';
import { writeAudit } from '../engine/audit-log.js';
import { xlsxStream, type SheetDownload } from '../formats/xlsx-sheet.js';
import { applicationExportBatches, applicationExportColumns, countApplicationExport, defaultExportRowLimit } from './application-export.js';
import { certificateCode, verifyCertificateCode, type CertificateVerification } from './certificate-codes.js';
import { probationCertificatePdf } from './certificate-pdf.js';

/** The states in which the machine accepts REPORT: what the batch report sends it to. */
const reportableStates = statesAccepting(applicationMachine, 'REPORT');

/** Outcome of a batch report (POST /projects/:id/report). */
export interface ReportOutcome {
  /** Applications that were reportable when the batch started. */
  total: number;
  /** unitReview.approved → districtReview.pending. */
  reported: number;
  /** unitReview.rejected → closed.rejectedByUnit. */
  rejectedByUnit: number;
  /** Each refused one with its reason; the others were reported regardless. */
  failed: { id: string; code: string; message: string }[];
}

/** An uploaded file as a stream, with the name the client gave it. */
export interface UploadedFile {
  stream: Readable | AsyncIterable<Uint8Array>;
  fileName: string;
}

/**
 * Probation applications through the engine (SPEC §3.3, §5.3): declaration
 * by a candidate or direct entry by the unit, edits, events, the detail
 * with indicators and allowed events, the scoped applicant list, the batch
 * report and the paper certificates. Every method checks the actor; a host
 * embedding the engine gets the same rules as the HTTP API.
 */
export interface Declarations {
  /**
   * CREATE in a project: a candidate's draft, or business account 19's
   * direct entry (单位直接录入) straight to unitReview.pending. `input` is the
   * application JSON of SPEC §4.3.
   *
   * @example
   * declare const applicationJson: unknown; // SPEC §4.3: candidate, exam, segments
   * const draft = await engine.declarations.create(projectId, applicationJson, candidate);
   * draft.state; // 'draft' (a business account's direct entry starts at 'unitReview.pending')
   */
  create(projectId: string, input: unknown, actor: Actor, options?: { idempotencyKey?: string }): Promise<ApplicationDetail>;
  /**
   * EDIT: the owner replaces the data of a draft or a returned application.
   *
   * @example
   * declare const applicationJson: unknown;
   * await engine.declarations.edit(applicationId, applicationJson, candidate, { expectedVersion: 1 });
   */
  edit(id: string, input: unknown, actor: Actor, options?: Omit<SendOptions, 'columns'>): Promise<ApplicationDetail>;
  /**
   * Any other event (SUBMIT, APPROVE, REPORT, DISTRICT_RETURN …); answers the detail as it is afterwards.
   *
   * @example
   * const detail = await engine.declarations.send(applicationId, { type: 'APPROVE', explanation: '已核实' }, unit);
   * detail.decision?.label; // '审核通过'
   */
  send(id: string, event: WorkflowEvent, actor: Actor, options?: Omit<SendOptions, 'columns'>): Promise<ApplicationDetail>;
  /**
   * @example
   * const detail = await engine.declarations.detail(applicationId, unit);
   * detail.indicators.filter((i) => i.level === 'red');
   * detail.allowedEvents.find((e) => e.type === 'APPROVE')?.explanationRequired;
   */
  detail(id: string, actor: Actor): Promise<ApplicationDetail>;
  /**
   * The applicant list of a project, scoped to the caller; IDs masked.
   *
   * @example
   * const { items, total } = await engine.declarations.list(projectId, unit, { state: 'unitReview', q: '赵' });
   */
  list(projectId: string, actor: Actor, query?: ApplicationListQuery): Promise<Page<ApplicationListItem>>;
  /**
   * REPORT for every reportable application of the caller's institution in
   * the project, each in its own command: one refusal does not hold back
   * the others. Running it again reports what is still reportable.
   *
   * @example
   * const { reported, rejectedByUnit, failed } = await engine.declarations.reportAll(projectId, unit);
   */
  reportAll(projectId: string, actor: Actor, options?: { idempotencyKey?: string }): Promise<ReportOutcome>;
  /**
   * Uploads the stamped paper certificate of a non-current segment (candidate, or the unit for its direct entries).
   *
   * @example
   * import { createReadStream } from 'node:fs';
   * await engine.declarations.uploadPaperCertificate(applicationId, 's2', { stream: createReadStream('证明.pdf'), fileName: '证明.pdf' }, candidate, { maxBytes: 10 * 1024 * 1024 });
   */
  uploadPaperCertificate(id: string, segmentId: string, file: UploadedFile, actor: Actor, options: { maxBytes: number }): Promise<ApplicationDetail>;
  /**
   * The applicant list as the caller sees it (same scope, filters and
   * masking as {@link Declarations.list}, every page), as an Excel workbook
   * streamed in constant memory, with the total, the red hints as text, the
   * decision and the report state. More rows than `exportRowLimit` →
   * EXPORT_TOO_LARGE before anything is written. Audited (`applications.export`).
   *
   * @example
   * import { createWriteStream } from 'node:fs';
   * const file = await engine.declarations.exportList(projectId, unit, { state: 'unitReview' });
   * file.stream.pipe(createWriteStream(file.fileName));
   */
  exportList(projectId: string, actor: Actor, query?: ApplicationExportQuery): Promise<SheetDownload>;
  /**
   * The printable 试用期考核证明 (PDF) of an application the caller may see,
   * with its verification code (issued with the first print, the same on
   * every copy). Audited (`certificate.print`).
   *
   * @example
   * const { fileName, body, code } = await engine.declarations.certificate(applicationId, unit);
   */
  certificate(id: string, actor: Actor): Promise<CertificateDownload>;
  /**
   * What a printed certificate's verification code stands for: the
   * application's state now, the candidate's name masked. Needs no account.
   *
   * @example
   * const { stateLabel } = await engine.declarations.verifyCertificate('K7PD-3QXM-H2TW');
   */
  verifyCertificate(code: string): Promise<CertificateVerification>;
}

/** Filters of the exported list: those of the list, without paging. */
export type ApplicationExportQuery = Omit<ApplicationListQuery, 'page' | 'pageSize'>;

/** A printed 试用期考核证明. */
export interface CertificateDownload {
  fileName: string;
  /** The verification code printed on it. */
  code: string;
  body: Buffer;
}

export interface DeclarationDeps {
  db: Kysely<Tables>;
  clock: Clock;
  /** The application runner (engine.applications). */
  runner: TransitionRunner;
  departments: Departments;
  storage: FileStorage;
  settings?: IndicatorSettings;
  /** Wrong 校验码 a candidate may enter per hour (SecuritySettings.checkCodeMaxAttempts, default 10). */
  checkCodeMaxAttempts?: number;
  /** Most rows of one exported list (default 1,000,000). */
  exportRowLimit?: number;
}

const uniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === '23505';

/**
 * Creates the declaration service over the application runner.
 *
 * @example
 * const declarations = createDeclarations({ db, clock, runner: engine.applications, departments, storage });
 * const detail = await declarations.create(projectId, body, candidateActor);
 * await declarations.send(detail.id, { type: 'SUBMIT' }, candidateActor, { expectedVersion: detail.version });
 */
export function createDeclarations(deps: DeclarationDeps): Declarations {
  const { db, clock, runner, departments, storage, settings = {}, exportRowLimit = defaultExportRowLimit } = deps;

  const requireRole = (type: string, actor: Actor) => {
    const roles = eventMeta(applicationMachine, type)!.roles;
    if (!roles.includes(actor.kind)) throw workflowError('FORBIDDEN', `${actor.kind} 账号不能执行 ${type}`, { rule: 'role', allowedRoles: roles });
  };

  const requireProject = async (projectId: string, actor: Actor): Promise<ProjectRecord> => {
    const project = isUuid(projectId) ? await findProject(db, projectId) : undefined;
    if (!project || (actor.kind === 'business' && actor.businessCode !== project.businessCode)) throw workflowError('NOT_FOUND', '申报项目不存在');
    return project;
  };

  const parse = (input: unknown, previousSegmentIds: Iterable<string> = []): ApplicationData =>
    parseApplicationData(input, { today: today(clock.now()), previousSegmentIds });

  /** A candidate declares for themself: the data's name and ID number must be the account's. */
  const checkIdentity = async (data: ApplicationData, actor: Actor) => {
    if (actor.kind !== 'candidate') return;
    // A host's own actor ids need not be account ids: such a candidate has no account to match.
    const account = isUuid(actor.id)
      ? await db.selectFrom('pw_accounts').select(['login', 'name']).where('id', '=', actor.id).executeTakeFirst()
      : undefined;
    const issues: FieldIssue[] = [];
    if (!account || account.login !== data.candidate.idNumber) {
      issues.push({ field: 'candidate.idNumber', code: 'notAccountHolder', message: '证件号码须与考生账号的身份证号一致' });
    }
    if (!account || !sameName(account.name, data.candidate.name)) {
      issues.push({ field: 'candidate.name', code: 'notAccountHolder', message: '姓名须与考生账号的姓名一致' });
    }
    if (issues.length) throw validationFailed(issues);
  };

  /** A unit enters (and edits) applications for itself only. */
  const checkOwnInstitution = (data: ApplicationData, institution: BoundInstitution, actor: Actor) => {
    if (actor.kind !== 'business' || institution.id === actor.institutionId) return;
    const index = data.segments.indexOf(currentSegment(data));
    throw validationFailed([
      { field: `segments.${index}.registrationNo`, code: 'notOwnInstitution', message: '单位直接录入的当前试用机构须为本单位' },
    ]);
  };

  const dataColumns = (data: ApplicationData, institution: BoundInstitution) => ({
    data: jsonb(data),
    candidate_name: data.candidate.name,
    id_number: data.candidate.idNumber,
    institution_id: institution.id,
    department_id: institution.departmentId,
  });

  const applicationDetailOf = ({ view, history, read }: EntityDetail, actor: Actor) => applicationDetail(db, { view, history, actor, now: clock.now(), read }, settings);
  const detail = async (id: string, actor: Actor): Promise<ApplicationDetail> => applicationDetailOf(await runner.read(id, actor), actor);

  return {
    async create(projectId, input, actor, options = {}) {
      requireRole('CREATE', actor);
      const project = await requireProject(projectId, actor);
      const data = parse(input);
      const institution = await bindWithAttemptLimit(db, data, actor, clock.now(), deps.checkCodeMaxAttempts ?? 10);
      checkOwnInstitution(data, institution, actor);
      await checkIdentity(data, actor);
      // A direct entry is linked to the candidate's account when there is one, so they see it and are notified.
      const candidateId =
        actor.kind === 'candidate'
          ? actor.id
          : ((
              await db
                .selectFrom('pw_accounts')
                .select('id')
                .where('kind', '=', 'candidate')
                .where('login', '=', data.candidate.idNumber)
                .executeTakeFirst()
            )?.id ?? null);
      try {
        // The answer comes from the creation's own write statement: no read after it.
        return applicationDetailOf(
          await runner.createAndRead({ type: 'CREATE' }, actor, {
            idempotencyKey: options.idempotencyKey,
            columns: {
              project_id: project.id,
              candidate_id: candidateId,
              due_at: projectDueAt(project.approvalDeadline),
              entry_mode: actor.kind === 'business' ? 'unit' : 'candidate',
              ...dataColumns(data, institution),
            },
          }),
          actor,
        );
      } catch (error) {
        // Two declarations racing past the in-transaction check: the unique index decides.
        if (uniqueViolation(error)) throw workflowError('ALREADY_APPLIED', undefined, { projectId: project.id });
        throw error;
      }
    },

    async edit(id, input, actor, options = {}) {
      requireRole('EDIT', actor);
      const view = await runner.get(id, actor);
      const previous = ((view.row.data as ApplicationData | null)?.segments ?? []).map((s) => s.id);
      // Segment ids that ever had a paper certificate are never handed to a different segment.
      const papers = await db
        .selectFrom('pw_attachments')
        .select('segment_id')
        .where('owner_type', '=', 'application')
        .where('owner_id', '=', id)
        .execute();
      const data = parse(input, [...previous, ...papers.flatMap((p) => (p.segment_id ? [p.segment_id] : []))]);
      const institution = await bindWithAttemptLimit(db, data, actor, clock.now(), deps.checkCodeMaxAttempts ?? 10);
      checkOwnInstitution(data, institution, actor);
      await checkIdentity(data, actor);
      try {
        return applicationDetailOf(await runner.sendAndRead(id, { type: 'EDIT' }, actor, { ...options, columns: dataColumns(data, institution) }), actor);
      } catch (error) {
        if (uniqueViolation(error)) throw workflowError('ALREADY_APPLIED', undefined, { projectId: view.row.project_id });
        throw error;
      }
    },

    async send(id, event, actor, options = {}) {
      if (event?.type === 'CREATE' || event?.type === 'EDIT') {
        throw validationFailed([
          { field: 'type', code: 'useDedicatedEndpoint', message: event.type === 'CREATE' ? '新建申报请使用项目的申报接口' : '修改申报请提交完整的申报数据' },
        ]);
      }
      // The answer comes from the decision's own write statement: no read after it.
      return applicationDetailOf(await runner.sendAndRead(id, event, actor, { expectedVersion: options.expectedVersion, idempotencyKey: options.idempotencyKey }), actor);
    },

    detail,

    async list(projectId, actor, query = {}) {
      // The project check and the list's queries run side by side (separate
      // pool connections on PostgreSQL), so the check costs no extra round
      // trip; the check's refusal still wins over the list's (docs/performance.md).
      const scope = await applicationScope(actor, departments);
      const [project, page] = await Promise.allSettled([
        requireProject(projectId, actor),
        isUuid(projectId) ? listApplications(db, projectId, scope, query) : Promise.reject(workflowError('NOT_FOUND', '申报项目不存在')),
      ]);
      if (project.status === 'rejected') throw project.reason;
      if (page.status === 'rejected') throw page.reason;
      return page.value;
    },

    async reportAll(projectId, actor, options = {}) {
      requireRole('REPORT', actor);
      const project = await requireProject(projectId, actor);
      if (actor.businessCode !== project.businessCode || !actor.institutionId) {
        throw workflowError('FORBIDDEN', undefined, { rule: 'scope' });
      }
      const reportable = await db
        .selectFrom('pw_applications')
        .select('id')
        .where('institution_id', '=', actor.institutionId)
        .where('project_id', '=', project.id)
        .where('state', 'in', reportableStates)
        .orderBy('arrival_no')
        .execute();
      const outcome: ReportOutcome = { total: reportable.length, reported: 0, rejectedByUnit: 0, failed: [] };
      for (const { id } of reportable) {
        try {
          // Each application is its own command: a refusal rolls back that one only.
          const result = await runner.send(id, { type: 'REPORT' }, actor, { idempotencyKey: options.idempotencyKey });
          if (result.state === 'closed.rejectedByUnit') outcome.rejectedByUnit++;
          else outcome.reported++;
        } catch (error) {
          if (!isWorkflowError(error)) throw error;
          outcome.failed.push({ id, code: error.code, message: error.message });
        }
      }
      return outcome;
    },

    async uploadPaperCertificate(id, segmentId, file, actor, options) {
      await storePaperCertificate({ db, runner, storage }, { id, segmentId, file, actor, maxBytes: options.maxBytes });
      return detail(id, actor);
    },

    async exportList(projectId, actor, query = {}) {
      const project = await requireProject(projectId, actor);
      const scope = await applicationScope(actor, departments);
      const filters = { state: query.state, q: query.q, institutionId: query.institutionId };
      const rows = await countApplicationExport(db, project.id, scope, filters, exportRowLimit);
      const now = clock.now();
      await writeAudit(db, { action: 'applications.export', actor, subjectType: 'project', subjectId: project.id, detail: { rows, ...filters } }, now);
      return {
        fileName: `申报人员列表_${project.name}_${today(now)}.xlsx`,
        rows,
        stream: xlsxStream({
          sheetName: '申报人员列表',
          columns: applicationExportColumns(scope),
          batches: applicationExportBatches(db, project, scope, filters, settings),
        }),
      };
    },

    async certificate(id, actor) {
      const printedAt = clock.now();
      const shown = await detail(id, actor);
      const code = await db.transaction().execute(async (trx) => {
        const issued = await certificateCode(trx, id, actor.id, printedAt);
        await writeAudit(trx, { action: 'certificate.print', actor, subjectType: 'application', subjectId: id }, printedAt);
        return issued;
      });
      return {
        fileName: `试用期考核证明_${shown.data?.candidate.name ?? id}.pdf`,
        code,
        body: probationCertificatePdf(shown, { code, printedAt }),
      };
    },

    verifyCertificate: (code) => verifyCertificateCode(db, code),
  };
}
