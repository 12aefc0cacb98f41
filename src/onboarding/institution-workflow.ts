import { institutionMachine, institutionRules } from '../../machines/institution.js';
import { institutionEffects, institutionFacts, type InstitutionFactsDeps } from './institution-facts.js';
import { inOrganisationScope, type WorkflowDefinition } from '../engine/workflow-definition.js';

/**
 * Persistence, scope and facts of the institution machine (pw_institutions).
 * The facts provider needs the engine's security settings and accounts, so
 * the definition is built per engine.
 *
 * @example
 * const runner = createTransitionRunner(createInstitutionWorkflow({ security, accounts }), deps);
 */
export function createInstitutionWorkflow(deps: InstitutionFactsDeps): WorkflowDefinition {
  return {
    name: 'institution',
    machine: institutionMachine,
    rules: institutionRules,
    table: 'pw_institutions',
    payloadKeys: ['reason'],
    canSee: (actor, row, scope, executor) => inOrganisationScope(actor, row.id, row.department_id, scope, executor),
    canCreate: (actor) => actor.kind === 'public' || actor.kind === 'admin',
    facts: institutionFacts(),
    effects: institutionEffects(deps),
  };
}
