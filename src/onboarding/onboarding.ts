import type { Kysely } from 'kysely';
import type { Accounts } from '../accounts/accounts.js';
import type { Departments } from '../accounts/departments.js';
import type { SecuritySettings } from '../accounts/security-settings.js';
import type { Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { Logger } from '../engine/logger.js';
import type { SendOptions, TransitionRunner, WorkflowEvent } from '../engine/transition-runner.js';
import type { WorkflowName } from '../engine/workflow-definition.js';
import type { Tables } from '../persistence/schema.js';
import type { FileStorage } from '../storage/file-storage.js';
import { activateAccount, type ActivationResult } from './activation.js';
import { downloadAttachment, listAttachments, type AttachmentDownload } from './attachments.js';
import { listBusinessAccounts, sendBusinessAccountEvent, type BusinessAccountEventResult, type BusinessAccountRow } from './business-accounts.js';
import { exportInstitutions } from './institution-export.js';
import type { SheetDownload } from '../formats/xlsx-sheet.js';
import { getCheckCode, rotateCheckCode, type CheckCodeView } from './check-codes.js';
import {
  creditCodeIndicator,
  listInstitutions,
  summaryOf,
  type InstitutionDetail,
  type InstitutionFilter,
  type InstitutionSummary,
  type Page,
} from './institution-views.js';
import { listOutbox, type OutboxItem } from './outbox-listing.js';
import { registrationFormPdf } from './registration-form-pdf.js';
import { queryRegistration, requestQueryCode, type QueryResult } from './registration-query.js';
import { registerInstitution, type RegisterOptions, type RegistrationResult } from './registration.js';
import type { RegistrationPart } from './registration-upload.js';

/**
 * Institution onboarding (SPEC §3.1, §3.2, §5.2): registration with
 * attachments, exam-district review, the result query (申请查询),
 * activation, business accounts and check codes. Every rule and permission
 * is checked here or in the machines' facts providers, so a host embedding
 * the engine without the HTTP adapter gets the same behaviour.
 */
export interface Onboarding {
  /**
   * The blank 单位用户注册申请表 as a printable PDF.
   *
   * @example
   * import { writeFile } from 'node:fs/promises';
   * await writeFile('单位用户注册申请表.pdf', engine.onboarding.registrationForm());
   */
  registrationForm(): Buffer;
  /**
   * REGISTER (or RESUBMIT of a rejected / returned registration of the same
   * credit code) from the parts of the form, files streamed to storage.
   *
   * @example
   * declare const parts: RegistrationPart[]; // fields and files of the multipart form
   * const { id } = await engine.onboarding.register(parts, publicActor(request.ip), { maxFileBytes: 10 * 1024 * 1024 });
   */
  register(parts: AsyncIterable<RegistrationPart> | Iterable<RegistrationPart>, actor: Actor, options?: RegisterOptions): Promise<RegistrationResult>;
  /**
   * Texts a 6-digit query code to the registered phone; answers the same whether or not the credit code exists.
   *
   * @example
   * await engine.onboarding.requestQueryCode({ creditCode: '12420102MB00000016' }, publicActor(request.ip));
   */
  requestQueryCode(input: { creditCode?: unknown }, actor: Actor): Promise<void>;
  /**
   * The seed's 申请查询: state, reason, and when approved the 机构证号 with a fresh activation code.
   *
   * @example
   * const result = await engine.onboarding.query({ creditCode: '12420102MB00000016', code: '123456' }, publicActor(request.ip));
   */
  query(input: { creditCode?: unknown; code?: unknown }, actor: Actor): Promise<QueryResult>;
  /**
   * Activates a main or business account with its activation code and sets its password.
   *
   * @example
   * await engine.onboarding.activate({ accountNo: 'JG00000', activationCode: 'K7Q2M9', password: 'Demo@2026' }, publicActor(request.ip));
   */
  activate(input: { accountNo?: unknown; activationCode?: unknown; password?: unknown }, actor: Actor): Promise<ActivationResult>;
  /**
   * The review list of district reviewers (their node and below) and admins.
   *
   * @example
   * const { items } = await engine.onboarding.listInstitutions(district, { state: 'pending', q: '1911' });
   */
  listInstitutions(actor: Actor, filter?: InstitutionFilter): Promise<Page<InstitutionSummary>>;
  /**
   * The review list as an Excel workbook (every page, same scope and
   * filters, phones masked), streamed in constant memory. Audited.
   *
   * @example
   * import { createWriteStream } from 'node:fs';
   * const file = await engine.onboarding.exportInstitutions(district, { state: 'applied' });
   * file.stream.pipe(createWriteStream(file.fileName));
   */
  exportInstitutions(actor: Actor, filter?: Omit<InstitutionFilter, 'page' | 'pageSize'>): Promise<SheetDownload>;
  /**
   * One registration with its indicators, attachments and history.
   *
   * @example
   * const { indicators, attachments, history } = await engine.onboarding.getInstitution(institutionId, district);
   */
  getInstitution(id: string, actor: Actor): Promise<InstitutionDetail>;
  /**
   * APPROVE / REJECT / RETURN / REISSUE_CODE / DISABLE / ENABLE; answers with the institution as getInstitution shows it.
   *
   * @example
   * await engine.onboarding.sendInstitutionEvent(institutionId, { type: 'APPROVE', reason: '材料齐全' }, district, { expectedVersion: 1 });
   */
  sendInstitutionEvent(id: string, event: WorkflowEvent, actor: Actor, options?: SendOptions): Promise<InstitutionDetail>;
  /**
   * The ten rows of the 业务账号 table.
   *
   * @example
   * declare const main: Actor; // the institution's main account
   * const rows = await engine.onboarding.businessAccounts(institutionId, main);
   */
  businessAccounts(institutionId: string, actor: Actor): Promise<BusinessAccountRow[]>;
  /**
   * GENERATE / REISSUE_CODE / DISABLE / ENABLE on one business account; GENERATE and REISSUE_CODE return its activation code once.
   *
   * @example
   * declare const main: Actor;
   * const { accountNo, activationCode } = await engine.onboarding.sendBusinessAccountEvent(institutionId, '19', { type: 'GENERATE' }, main);
   */
  sendBusinessAccountEvent(
    institutionId: string,
    businessCode: string,
    event: WorkflowEvent,
    actor: Actor,
    options?: SendOptions,
  ): Promise<BusinessAccountEventResult>;
  /**
   * @example
   * const { checkCode } = await engine.onboarding.checkCode(institutionId, district); // '434148'
   */
  checkCode(institutionId: string, actor: Actor): Promise<CheckCodeView>;
  /**
   * @example
   * const { checkCode } = await engine.onboarding.rotateCheckCode(institutionId, admin);
   */
  rotateCheckCode(institutionId: string, actor: Actor): Promise<CheckCodeView>;
  /**
   * Opens an attachment the actor may see; the download is audited.
   *
   * @example
   * declare const attachmentId: string;
   * const download = await engine.onboarding.attachment(attachmentId, district);
   */
  attachment(id: string, actor: Actor): Promise<AttachmentDownload>;
  /**
   * GET /outbox (admin): notifications, phones masked and codes withheld.
   *
   * @example
   * const { items } = await engine.onboarding.outbox(admin, { topic: 'sms.activationCode', pageSize: 50 });
   */
  outbox(actor: Actor, filter?: { topic?: string; page?: number; pageSize?: number }): Promise<Page<OutboxItem>>;
}

export interface OnboardingDeps {
  db: Kysely<Tables>;
  clock: Clock;
  logger: Logger;
  security: Readonly<SecuritySettings>;
  accounts: Accounts;
  departments: Departments;
  storage: FileStorage;
  workflows: Readonly<Record<WorkflowName, TransitionRunner>>;
  /** Schedules delivery of outbox rows written outside the runner (query codes). */
  onOutbox: () => void;
  /** Most rows of one exported list (default 1,000,000). */
  exportRowLimit?: number;
}

/**
 * Creates the onboarding service over the engine's parts.
 *
 * @example
 * const onboarding = createOnboarding({ db, clock, logger, security, accounts, departments, storage, workflows, onOutbox });
 * const { id } = await onboarding.register(parts, publicActor(ip));
 */
export function createOnboarding(deps: OnboardingDeps): Onboarding {
  const institutions = deps.workflows.institution;
  const businessAccounts = deps.workflows.businessAccount;
  const scope = { within: deps.departments.within };
  let form: Buffer | undefined;

  const getInstitution = async (id: string, actor: Actor): Promise<InstitutionDetail> => {
    // The runner's read applies the scope (NOT_FOUND outside it).
    await institutions.get(id, actor);
    const row = await deps.db.selectFrom('pw_institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const department = row.department_id ? await deps.departments.get(row.department_id) : undefined;
    const reason = (row.context as { reason?: unknown }).reason;
    return {
      ...summaryOf(row, department?.name ?? null),
      address: row.address,
      adminPhone: row.admin_phone,
      reason: typeof reason === 'string' ? reason : null,
      indicators: row.credit_code ? [creditCodeIndicator(row.credit_code, row.credit_code_check_ok)] : [],
      attachments: await listAttachments(deps.db, 'institution', row.id),
      history: await institutions.history(id, actor),
    };
  };

  return {
    registrationForm: () => (form ??= registrationFormPdf()),
    register: (parts, actor, options) => registerInstitution({ ...deps, institutions }, parts, actor, options),
    requestQueryCode: (input, actor) => requestQueryCode({ ...deps, institutions }, input, actor),
    query: (input, actor) => queryRegistration({ ...deps, institutions }, input, actor),
    activate: (input, actor) => activateAccount({ ...deps, institutions, businessAccounts }, input, actor),
    listInstitutions: (actor, filter) => listInstitutions(deps, actor, filter),
    exportInstitutions: (actor, filter) =>
      exportInstitutions({ ...deps, now: deps.clock.now(), limit: deps.exportRowLimit ?? 1_000_000 }, actor, filter),
    getInstitution,
    async sendInstitutionEvent(id, event, actor, options) {
      await institutions.send(id, { ...event }, actor, options);
      return getInstitution(id, actor);
    },
    businessAccounts: (institutionId, actor) => listBusinessAccounts({ db: deps.db, scope, businessAccounts }, institutionId, actor),
    sendBusinessAccountEvent: (institutionId, code, event, actor, options) =>
      sendBusinessAccountEvent({ db: deps.db, scope, businessAccounts }, institutionId, code, event, actor, options),
    checkCode: (institutionId, actor) => getCheckCode({ ...deps, scope }, institutionId, actor),
    rotateCheckCode: (institutionId, actor) => rotateCheckCode({ ...deps, scope }, institutionId, actor),
    attachment: (id, actor) => downloadAttachment(deps, id, actor),
    outbox: (actor, filter) => listOutbox(deps.db, actor, filter),
  };
}
