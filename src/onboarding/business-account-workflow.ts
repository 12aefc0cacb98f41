import { businessAccountMachine, businessAccountRules } from '../../machines/business-account.js';
import { businessAccountEffects, businessAccountFacts } from './business-account-facts.js';
import type { InstitutionFactsDeps } from './institution-facts.js';
import { inOrganisationScope, type WorkflowDefinition } from '../engine/workflow-definition.js';

/**
 * Persistence, scope and facts of business accounts (pw_business_accounts).
 * Only the institution's own main account creates them (GENERATE).
 *
 * @example
 * const runner = createTransitionRunner(createBusinessAccountWorkflow({ security, accounts }), deps);
 */
export function createBusinessAccountWorkflow(deps: InstitutionFactsDeps): WorkflowDefinition {
  return {
    name: 'businessAccount',
    machine: businessAccountMachine,
    rules: businessAccountRules,
    table: 'pw_business_accounts',
    payloadKeys: ['reason'],
    canSee: (actor, row, scope, executor) => inOrganisationScope(actor, row.institution_id, row.department_id, scope, executor),
    canCreate: (actor, columns) => actor.kind === 'institution' && actor.institutionId === columns.institution_id,
    facts: businessAccountFacts(),
    effects: businessAccountEffects(deps),
  };
}
