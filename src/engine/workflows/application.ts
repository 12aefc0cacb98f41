import { applicationMachine, applicationRules } from '../../../machines/application.js';
import { isFinalState } from '../../../machines/shared/introspect.js';
import type { WorkflowDefinition } from '../workflow-definition.js';

/** Persistence and scope of probation applications (pw_applications). */
export const applicationWorkflow: WorkflowDefinition = {
  name: 'application',
  machine: applicationMachine,
  rules: applicationRules,
  table: 'pw_applications',
  payloadKeys: ['explanation'],
  derivedColumns: (state) => ({ open: !isFinalState(applicationMachine, state) }),
  canSee: (actor, row) =>
    actor.kind === 'admin' ||
    actor.kind === 'district' ||
    actor.kind === 'system' ||
    ((actor.kind === 'institution' || (actor.kind === 'business' && actor.businessCode === '19')) &&
      actor.institutionId === row.institution_id) ||
    (actor.kind === 'candidate' && actor.id !== null && actor.id === row.candidate_id),
  canCreate: (actor, columns) =>
    (actor.kind === 'candidate' && actor.id !== null && actor.id === columns.candidate_id) ||
    (actor.kind === 'business' && actor.businessCode === '19' && actor.institutionId === columns.institution_id),
  // The deadline is a column so the sweep can find due applications; the
  // guard reads it from the locked row, never from the machine's timers.
  facts: async ({ row, columns, now }) => {
    const due = (row?.due_at ?? columns.due_at) as Date | string | null | undefined;
    return { deadlinePassed: due != null && now.getTime() >= new Date(due).getTime() };
  },
};
