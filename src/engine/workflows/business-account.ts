import { businessAccountMachine, businessAccountRules } from '../../../machines/business-account.js';
import type { WorkflowDefinition } from '../workflow-definition.js';

/** Persistence and scope of business accounts (pw_business_accounts). */
export const businessAccountWorkflow: WorkflowDefinition = {
  name: 'businessAccount',
  machine: businessAccountMachine,
  rules: businessAccountRules,
  table: 'pw_business_accounts',
  payloadKeys: ['reason'],
  canSee: (actor, row) =>
    actor.kind === 'admin' ||
    actor.kind === 'district' ||
    ((actor.kind === 'institution' || actor.kind === 'business') && actor.institutionId === row.institution_id),
  canCreate: (actor, columns) => actor.kind === 'institution' && actor.institutionId === columns.institution_id,
  facts: async ({ trx, row, columns }) => {
    const institutionId = (row?.institution_id ?? columns.institution_id) as string | undefined;
    if (!institutionId) return { institutionActive: false };
    const institution = await trx.selectFrom('pw_institutions').select('state').where('id', '=', institutionId).executeTakeFirst();
    return { institutionActive: institution?.state === 'activated' };
  },
};
