import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';
import { guardNames } from '../../machines/shared/introspect.js';
import type { RuleFailure } from '../../machines/shared/types.js';
import { errorCodes, validationFailed, workflowError, type ErrorCode, type FieldIssue, type WorkflowError } from '../errors.js';

/** A machine's named rules, as exported next to it (e.g. applicationRules). */
export type RuleRegistry = Record<string, (context: any, event: any) => RuleFailure | null>;

/**
 * Every rule that would refuse `event` in `snapshot`, per candidate
 * transition. An empty list for some candidate means the event is allowed.
 * `null` means no transition of that event type leaves this state at all.
 *
 * @example
 * const candidates = ruleFailures(snapshot, event, applicationRules);
 */
export function ruleFailures(snapshot: AnyMachineSnapshot, event: { type: string }, rules: RuleRegistry): RuleFailure[][] | null {
  const candidates = getNextTransitions(snapshot).filter((t) => t.eventType === event.type);
  if (candidates.length === 0) return null;
  return candidates.map((t) =>
    guardNames(t.guard).flatMap((name) => {
      const rule = rules[name];
      // A guard without a registered rule cannot be explained; treat it as a refusal naming the guard.
      if (!rule) return [{ rule: name, code: 'INVALID_TRANSITION', message: errorCodes.INVALID_TRANSITION.message }];
      const failure = rule(snapshot.context, event);
      return failure ? [failure] : [];
    }),
  );
}

/**
 * The coded error for a refused event: INVALID_TRANSITION when the state
 * has no such transition, otherwise the code of the first rule that refused
 * it (EXPLANATION_REQUIRED, PAPER_CERTIFICATE_REQUIRED, DEADLINE_PASSED …)
 * with every failing rule listed in `details.failures`.
 *
 * @example
 * if (!snapshot.can(event)) throw explainRefusal(snapshot, event, applicationRules, 'unitReview.pending');
 */
export function explainRefusal(
  snapshot: AnyMachineSnapshot,
  event: { type: string },
  rules: RuleRegistry,
  state: string,
): WorkflowError {
  const candidates = ruleFailures(snapshot, event, rules);
  if (candidates === null || candidates.every((c) => c.length === 0)) {
    return workflowError('INVALID_TRANSITION', `当前状态（${state}）不接受 ${event.type}`, { state, event: event.type });
  }
  // Of several guarded branches (CREATE by a candidate or by a unit), the
  // one that fails on the fewest rules is the one the caller meant.
  const failures = candidates.filter((c) => c.length > 0).sort((a, b) => a.length - b.length)[0]!;
  const first = failures[0]!;
  const code = (first.code in errorCodes ? first.code : 'INVALID_TRANSITION') as ErrorCode;
  // A rule that judges one field answers as any bad input does: the field issues are the details.
  if (code === 'VALIDATION_FAILED' && Array.isArray(first.details)) return validationFailed(first.details as FieldIssue[]);
  const extra = first.details && typeof first.details === 'object' ? (first.details as Record<string, unknown>) : {};
  return workflowError(code, first.message, { ...extra, rule: first.rule, failures });
}
