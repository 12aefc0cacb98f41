import { applicationMachine, type Decision } from '../../machines/application.js';
import { eventMeta } from '../../machines/shared/introspect.js';

/** 单位认证状态 in the applicant list: how the application came in. */
export const entryModeLabels: Readonly<Record<'candidate' | 'unit', string>> = {
  candidate: '考生申报',
  unit: '单位直接录入',
};

/**
 * The Chinese label of an application event (审核通过, 退回 …).
 *
 * @example
 * eventLabel('REJECT'); // '审核不通过'
 */
export function eventLabel(type: string): string {
  return eventMeta(applicationMachine, type)?.label.zh ?? type;
}

/**
 * 审核备注 of the applicant list: while a district return waits for the
 * unit, the district's explanation; otherwise the unit's explanation, or
 * the label of its decision when it gave none (the seed shows 审批通过).
 *
 * @example
 * reviewNote('unitReview.approved', { decision: { type: 'APPROVE', explanation: null, … } }); // '审核通过'
 */
export function reviewNote(state: string, context: { decision?: Decision | null; districtDecision?: Decision | null }): string | null {
  const district = context.districtDecision;
  if (state === 'unitReview.pending' && district?.type === 'DISTRICT_RETURN') {
    return `考区退回：${district.explanation ?? ''}`.trim();
  }
  const decision = context.decision;
  if (!decision) return null;
  return decision.explanation ?? eventLabel(decision.type);
}
