import { applicationMachine, applicationRules, type ApplicationContext } from '../../machines/application.js';
import { isFinalState } from '../../machines/shared/introspect.js';
import { inOrganisationScope, type WorkflowDefinition } from '../engine/workflow-definition.js';
import { isProbationUnit } from '../engine/actor.js';
import { applicationFacts } from './application-facts.js';
import { detailIndicatorInputs, lockedIndicatorInputs, type IndicatorSettings } from './application-indicators.js';
import { checkDeclaration } from './declaration-checks.js';
import { attachPaperCertificate } from './paper-certificates.js';
import { reviewNote } from './labels.js';

/**
 * Persistence, scope and facts of probation applications (pw_applications).
 * `settings` choose the month counting and the physician registry; the
 * declaration service must be given the same, so a detail page shows what
 * the guards decide on.
 *
 * @example
 * const workflow = createApplicationWorkflow({ counting: 'civil' });
 */
export function createApplicationWorkflow(settings: IndicatorSettings = {}): WorkflowDefinition {
  return {
    name: 'application',
    machine: applicationMachine,
    rules: applicationRules,
    table: 'pw_applications',
    payloadKeys: ['explanation'],
    eventPayloadKeys: { ATTACH_PAPER: ['segmentId'] },
    derivedColumns: (state, context, facts) => ({
      open: !isFinalState(applicationMachine, state),
      entry_mode: (context as Partial<ApplicationContext>).entryMode ?? null,
      note: reviewNote(state, context as Partial<ApplicationContext>),
      submitted_at: (context as Partial<ApplicationContext>).submittedAt ?? null,
      ...(typeof facts?.redCount === 'number' ? { red_count: facts.redCount } : {}),
    }),
    canSee: (actor, row, scope, executor) => {
      if (actor.kind === 'candidate') return actor.id !== null && actor.id === row.candidate_id;
      // A draft is the candidate's own until submitted (also once withdrawn or expired unsubmitted); only an admin looks over their shoulder.
      if (!row.submitted_at && actor.kind !== 'admin' && actor.kind !== 'system') return false;
      // Only business account 19 works on probation applications; other business lines see none.
      if (actor.kind === 'business' && !isProbationUnit(actor)) return false;
      return inOrganisationScope(actor, row.institution_id, row.department_id, scope, executor);
    },
    canCreate: (actor, columns) =>
      (actor.kind === 'candidate' && actor.id !== null && actor.id === columns.candidate_id) ||
      isProbationUnit(actor, (columns.institution_id as string | null | undefined) ?? null),
    // Everything the guards read comes from the locked row (the deadline is a
    // column, never a machine timer) and is recomputed inside the command.
    facts: async ({ trx, row, columns, event, now, read }) => {
      if (event.type === 'CREATE' || event.type === 'EDIT') await checkDeclaration(trx, { row, columns });
      const segmentId = typeof event.segmentId === 'string' ? event.segmentId : undefined;
      return (await applicationFacts(trx, { row, columns, eventType: event.type, now, segmentId, preread: read }, settings)).facts;
    },
    // The project, the teachers' registry rows and the paper certificates, read with the lock. A
    // CREATE has no row, an EDIT brings new data (its facts read it), CLOSE needs none of them.
    lockedReads: (event) => (event.type === 'EDIT' || event.type === 'CLOSE' ? undefined : lockedIndicatorInputs(settings)),
    // The detail's inputs (and the institution's name, the paper certificates) with the row and its history: one statement.
    detailReads: () => detailIndicatorInputs(settings),
    effects: { attachPaper: attachPaperCertificate },
  };
}

/** The application workflow with the default settings (inclusive months, the pw_physicians registry). */
export const applicationWorkflow: WorkflowDefinition = createApplicationWorkflow();
