import { institutionMachine, institutionRules } from '../../../machines/institution.js';
import type { WorkflowDefinition } from '../workflow-definition.js';

/** Persistence and scope of the institution machine (pw_institutions). */
export const institutionWorkflow: WorkflowDefinition = {
  name: 'institution',
  machine: institutionMachine,
  rules: institutionRules,
  table: 'pw_institutions',
  payloadKeys: ['reason'],
  canSee: (actor, row) =>
    actor.kind === 'admin' ||
    actor.kind === 'district' ||
    ((actor.kind === 'institution' || actor.kind === 'business') && actor.institutionId === row.id),
  canCreate: (actor) => actor.kind === 'public' || actor.kind === 'admin',
};
