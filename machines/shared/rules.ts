import type { ErrorCode } from '../../src/errors.js';
import type { Rule, RuleFailure } from './types.js';

/**
 * Turns a registry of named rules into XState guards with the same names.
 * The engine evaluates the same functions to explain a refusal, so a guard
 * and its explanation can never disagree.
 *
 * @example
 * const rules = { reasonGiven: (ctx, ev) => ev.reason ? null : fail('reasonGiven', 'REASON_REQUIRED', '必须填写原因') };
 * setup({ guards: guardsFrom(rules) });
 */
export function guardsFrom<TContext, TEvent, TRules extends Record<string, Rule<TContext, TEvent>>>(
  rules: TRules,
): { [K in keyof TRules]: (args: { context: TContext; event: TEvent }) => boolean } {
  const guards = {} as { [K in keyof TRules]: (args: { context: TContext; event: TEvent }) => boolean };
  for (const name of Object.keys(rules) as (keyof TRules)[]) {
    guards[name] = ({ context, event }) => rules[name]!(context, event) === null;
  }
  return guards;
}

/**
 * Builds a rule failure; `code` is one of the error registry's codes, so a
 * typo is a compile error rather than an unknown code at run time.
 *
 * @example
 * return fail('reasonGiven', 'REASON_REQUIRED', '必须填写原因');
 */
export function fail(rule: string, code: ErrorCode, message: string, details?: unknown): RuleFailure {
  return details === undefined ? { rule, code, message } : { rule, code, message, details };
}

/** True when a free-text explanation or reason has visible content. */
export function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}
