import { applicationMachine } from './application.js';
import { businessAccountMachine } from './business-account.js';
import { institutionMachine } from './institution.js';

export { applicationMachine, applicationRules } from './application.js';
export type { ApplicationContext, ApplicationEvent, ApplicationFacts, Decision } from './application.js';
export { businessAccountMachine, businessAccountRules } from './business-account.js';
export type { BusinessAccountContext, BusinessAccountEvent, BusinessAccountFacts } from './business-account.js';
export { institutionMachine, institutionRules } from './institution.js';
export type { InstitutionContext, InstitutionEvent, InstitutionFacts } from './institution.js';
export type { EventActor, EventMeta, Label, MachineMeta, Role, RuleFailure, StateMeta } from './shared/types.js';

/** The three machines by workflow name. */
export const machines = {
  institution: institutionMachine,
  businessAccount: businessAccountMachine,
  application: applicationMachine,
} as const;
