// The public API of probation-workflow. Everything a host may rely on is
// listed here by name; anything not exported is an implementation detail.

export { createEngine } from './create-engine.js';
export type { Engine, EngineOptions } from './create-engine.js';
export type {
  CreateOptions,
  EntityDetail,
  EntityView,
  HistoryEntry,
  SendOptions,
  TransitionResult,
  TransitionRunner,
  WorkflowEvent,
} from './engine/transition-runner.js';
export type { FactsArgs, FactsProvider, WorkflowName } from './engine/workflow-definition.js';
export { publicActor, systemActor } from './engine/actor.js';
export type { Actor, Role } from './engine/actor.js';
export { fixedClock, systemClock } from './engine/clock.js';
export type { Clock } from './engine/clock.js';
export type { Logger } from './engine/logger.js';
export { logNotifier } from './ports/notifier.js';
export { createLogger } from './logging/logger.js';
export type { Accounts, AccountView, MeView, NewAccount, SessionGrant } from './accounts/accounts.js';
export type { DepartmentNode, Departments } from './accounts/departments.js';
export { defaultSecuritySettings } from './accounts/security-settings.js';
export type { SecuritySettings } from './accounts/security-settings.js';
export { passwordProblem } from './accounts/password.js';
export { seedDemo, demoPassword } from './demo/seed.js';
export { createMemoryPhysicianRegistry, createPostgresPhysicianRegistry } from './registry/physician-registry.js';
export type { PhysicianRegistry } from './registry/physician-registry.js';
export { importPhysicians } from './registry/csv-import.js';
export type { ImportPhysiciansOptions, ImportPhysiciansResult, RejectedLine } from './registry/csv-import.js';
export type { PhysicianRecord } from './domain/physician-record.js';
export type { Notification, Notifier } from './ports/notifier.js';
export { createSmsNotifier, composeSms } from './notifications/sms-notifier.js';
export type { OutgoingSms, SmsNotifierOptions, SmsProvider } from './notifications/sms-notifier.js';
export { createWebhookSmsProvider, verifyWebhookSignature } from './notifications/webhook-sms.js';
export type { WebhookSmsOptions } from './notifications/webhook-sms.js';
export { createAliyunSmsProvider } from './notifications/aliyun-sms.js';
export type { AliyunSmsOptions } from './notifications/aliyun-sms.js';
export { createInboxSmsProvider, listDevSms } from './notifications/inbox-sms.js';
export type { DevSmsItem } from './notifications/inbox-sms.js';
export { renderSms, smsTexts, smsTopicNames, isSmsTopic } from './notifications/sms-texts.js';
export type { SmsText, SmsTopic } from './notifications/sms-texts.js';
export { scrubDeliveredPayload } from './logging/payload-scrub.js';
export { defaultOutboxRetry, retryDelayMs } from './engine/outbox.js';
export type { OutboxRetrySettings } from './engine/outbox.js';
export type { PurgeResult } from './accounts/purge.js';

export { openDatabase } from './persistence/database.js';
export type { Database, DatabaseOptions } from './persistence/database.js';
export { migrateToLatest, migrationLockTableName, migrationTableName } from './persistence/migrate.js';
export type { Tables } from './persistence/schema.js';

export { errorCodes, isWorkflowError, validationFailed, workflowError } from './errors.js';
export type { ErrorCode, FieldIssue, WorkflowError } from './errors.js';

export { describeWorkflow, toMermaid } from './diagrams/mermaid.js';
export type { WorkflowDescription } from './diagrams/mermaid.js';
export { workflowsMarkdown } from './diagrams/workflows-markdown.js';

export {
  applicationMachine,
  applicationRules,
  businessAccountMachine,
  businessAccountRules,
  institutionMachine,
  institutionRules,
  machines,
} from '../machines/index.js';
export type {
  ApplicationContext,
  ApplicationEvent,
  ApplicationFacts,
  BusinessAccountContext,
  BusinessAccountEvent,
  BusinessAccountFacts,
  Decision,
  EventMeta,
  InstitutionContext,
  InstitutionEvent,
  InstitutionFacts,
  Label,
  MachineMeta,
  RuleFailure,
  StateMeta,
} from '../machines/index.js';

// The engine's areas: every parameter and result type of Engine's methods, by name.
export type { Projects, ProjectSummary, ProjectCounts, InstitutionProgress, NewProject, ReportState } from './projects/projects.js';
export { reportStateLabels } from './projects/projects.js';
export type { ProjectRecord } from './projects/project-store.js';
export type { ProjectStatus } from './projects/project-calendar.js';
export { projectStatusLabels } from './projects/project-calendar.js';
export type { ApplicationExportQuery, CertificateDownload, Declarations, ReportOutcome, UploadedFile } from './applications/declarations.js';
export type { CertificateVerification } from './applications/certificate-codes.js';
export type { SheetDownload } from './formats/xlsx-sheet.js';
export type { ApplicationListItem, ApplicationListQuery } from './applications/application-list.js';
export type { Page } from './engine/page.js';
export type {
  AllowedEvent,
  ApplicationDetail,
  DecisionView,
  PaperCertificateView,
  RefusalReason,
  SegmentSummary,
} from './applications/application-view.js';
export type { IndicatorSettings } from './applications/application-indicators.js';
export type { Onboarding } from './onboarding/onboarding.js';
export type { ActivationResult } from './onboarding/activation.js';
export type { AttachmentDownload, AttachmentView } from './onboarding/attachments.js';
export type { BusinessAccountEventResult, BusinessAccountRow } from './onboarding/business-accounts.js';
export type { CheckCodeView } from './onboarding/check-codes.js';
export { findInstitutionByCheckCode } from './onboarding/check-codes.js';
export type { InstitutionDetail, InstitutionFilter, InstitutionSummary, RegistrationIndicator } from './onboarding/institution-views.js';
export { institutionStates } from './onboarding/institution-views.js';
export type { OutboxItem } from './onboarding/outbox-listing.js';
export type { QueryResult } from './onboarding/registration-query.js';
export type { RegisterOptions, RegistrationResult } from './onboarding/registration.js';
export type { RegistrationPart } from './onboarding/registration-upload.js';
export { smsTopics } from './onboarding/sms.js';
export type { SmsMessage } from './onboarding/sms.js';
export { createFileStorage } from './storage/file-storage.js';
export type { FileStorage, FileStorageOptions, OrphanSweep, StoredFile } from './storage/file-storage.js';
export type { SweepResult } from './engine/deadline-sweep.js';
export type { AcceptedFileType } from './storage/file-type.js';
export type { Physicians, PhysicianVerification } from './registry/physicians.js';
export type { CsvSource } from './registry/csv-import.js';
export type { MonthCounting } from './domain/probation-months.js';
export type { ApplicationData, ApplicationInput, PublishedApplicationData, PublishedSegment } from './domain/application-data.js';
export { applicationDataSchema, applicationInputSchema } from './domain/application-data.js';
export type { IsoDate } from './domain/calendar-date.js';
export type { Indicator, IndicatorCode, IndicatorLevel } from './domain/indicators.js';

// Demo data (SPEC §7), for hosts that want the seed's world in a fresh database.
export { demoDepartments, demoLogins } from './demo/seed.js';
export { demoInstitution, demoPendingRegistration, seedDemoInstitutions } from './demo/institutions.js';
export type { DemoInstitutionLogin } from './demo/institutions.js';
export { demoPhysicians, seedDemoApplications, zhaoLiuIdNumber } from './demo/applications.js';
export type { DemoApplicationLogin, DemoApplications } from './demo/applications.js';
