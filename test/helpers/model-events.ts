import type { Role } from '../../machines/shared/types.js';

/**
 * Events for model-based traversal: each carries the role that sends it and
 * the facts the engine would establish, in payload variants, so the
 * traversal reaches guarded branches (red with explanation, green without).
 */
export interface ModelEvent {
  type: string;
  role: Role;
  facts: Record<string, unknown>;
  explanation?: string;
  reason?: string;
  /** Short name of the variant for test titles. */
  variant: string;
}

const NOW = '2026-03-01T08:00:00.000Z';

/** Turns a model event into the machine event the runner would build (keeping `variant` to find it again). */
export function machineEvent(e: ModelEvent): Record<string, unknown> {
  const { role, ...rest } = e;
  return { ...rest, actor: { id: role === 'public' || role === 'system' ? null : `${role}-1`, kind: role }, now: NOW };
}

const ev = (type: string, role: Role, facts: Record<string, unknown> = {}, extra: Partial<ModelEvent> = {}): ModelEvent => ({
  type,
  role,
  facts,
  variant: extra.variant ?? `${type} by ${role}`,
  ...extra,
});

export const institutionModelEvents: ModelEvent[] = [
  ev('REGISTER', 'public', { red: false, alreadyRegistered: false }),
  ev('REGISTER', 'public', { red: true, alreadyRegistered: false }, { variant: 'REGISTER with a wrong credit-code check character' }),
  ev('APPROVE', 'district', { accountNo: 'JG-0001' }),
  ev('APPROVE', 'admin', { accountNo: 'JG-0001' }, { reason: '早期试点代码，经核实有效', variant: 'APPROVE with reason' }),
  ev('REJECT', 'district', {}, { reason: '材料不全' }),
  ev('RETURN', 'district', {}, { reason: '请补充盖章申请表' }),
  ev('RESUBMIT', 'public', { red: false, alreadyRegistered: false }),
  ev('ACTIVATE', 'public', { activationCodeValid: true }),
  ev('REISSUE_CODE', 'district'),
  ev('DISABLE', 'admin', {}, { reason: '机构注销' }),
  ev('ENABLE', 'admin'),
];

export const businessAccountModelEvents: ModelEvent[] = [
  ev('GENERATE', 'institution', { institutionActive: true, accountNo: 'WS-00001-034-19' }),
  ev('ACTIVATE', 'public', { activationCodeValid: true }),
  ev('REISSUE_CODE', 'institution'),
  ev('DISABLE', 'institution'),
  ev('ENABLE', 'admin'),
];

const open = { deadlinePassed: false, projectOpen: true };
const green = { ...open, redOnTotalOrCurrent: false, otherRedSegmentsWithoutPaper: [] };

export const applicationModelEvents: ModelEvent[] = [
  ev('CREATE', 'candidate', open),
  ev('CREATE', 'business', open, { variant: 'CREATE by business (单位直接录入)' }),
  ev('EDIT', 'candidate', open),
  ev('EDIT', 'business', open),
  ev('SUBMIT', 'candidate', open),
  ev('RESUBMIT', 'candidate', open),
  ev('RESUBMIT', 'business', open),
  ev('APPROVE', 'business', green, { variant: 'APPROVE when every check is green' }),
  ev('APPROVE', 'business', { ...green, redOnTotalOrCurrent: true }, { explanation: '试用期已补足', variant: 'APPROVE red with explanation' }),
  ev('REJECT', 'business', open, { explanation: '试用期不足12个月' }),
  ev('RETURN', 'business', open, { explanation: '请补充带教老师信息' }),
  ev('REPORT', 'business', open),
  ev('DISTRICT_APPROVE', 'district', open),
  ev('DISTRICT_REJECT', 'district', open, { explanation: '证明材料不符' }),
  ev('DISTRICT_RETURN', 'admin', open, { explanation: '请单位重新审核' }),
  ev('WITHDRAW', 'candidate', open),
  ev('CLOSE', 'system', { deadlinePassed: true }),
];
