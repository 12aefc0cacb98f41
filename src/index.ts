// The public API of probation-workflow. Everything a host may rely on is
// listed here by name; anything not exported is an implementation detail.

export { createEngine } from './engine/engine.js';
export type { Engine, EngineOptions } from './engine/engine.js';
export type {
  CreateOptions,
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
