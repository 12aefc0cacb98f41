import { assign, setup } from 'xstate';
import { label } from './shared/label.js';
import { fail, guardsFrom, hasText } from './shared/rules.js';
import type { EventBase, MachineMeta, Rule } from './shared/types.js';

/** What the institution machine remembers between events. */
export interface InstitutionContext {
  /** The registration carries a red indicator (credit-code check character wrong). */
  red: boolean;
  /** Reason of the last APPROVE / REJECT / RETURN / DISABLE. */
  reason: string | null;
  /** 机构证号, issued on APPROVE. */
  accountNo: string | null;
  /** When the current activation code was issued (APPROVE or REISSUE_CODE). */
  codeIssuedAt: string | null;
  activatedAt: string | null;
}

/** Facts the engine establishes before the machine decides. */
export interface InstitutionFacts {
  /** The credit code has a red indicator (wrong check character). */
  red?: boolean;
  /** Another registration with this credit code is live (not rejected or returned). */
  alreadyRegistered?: boolean;
  /** The account number the engine reserved for APPROVE. */
  accountNo?: string;
  /** The activation code presented matches, is unexpired and unused. */
  activationCodeValid?: boolean;
  /** A public caller proved the registered phone with a valid 6-digit query code (申请查询). */
  queryCodeVerified?: boolean;
}

export type InstitutionEvent = EventBase & { facts?: InstitutionFacts } & (
    | { type: 'REGISTER' }
    | { type: 'RESUBMIT' }
    | { type: 'APPROVE'; reason?: string }
    | { type: 'REJECT'; reason?: string }
    | { type: 'RETURN'; reason?: string }
    | { type: 'ACTIVATE' }
    | { type: 'REISSUE_CODE' }
    | { type: 'DISABLE'; reason?: string }
    | { type: 'ENABLE' }
  );

const reasonOf = (event: InstitutionEvent): string | undefined => ('reason' in event ? event.reason : undefined);

/** The named rules behind the institution's guards. */
export const institutionRules = {
  creditCodeNotRegistered: (_c, e) =>
    e.facts?.alreadyRegistered ? fail('creditCodeNotRegistered', 'ALREADY_REGISTERED', '该统一社会信用代码已注册') : null,
  reasonGiven: (_c, e) =>
    hasText(reasonOf(e)) ? null : fail('reasonGiven', 'REASON_REQUIRED', '必须填写原因'),
  reasonGivenWhenRed: (c, e) =>
    !c.red || hasText(reasonOf(e))
      ? null
      : fail('reasonGivenWhenRed', 'REASON_REQUIRED', '统一社会信用代码校验位不正确（红色提示），审核通过须填写原因'),
  activationCodeValid: (_c, e) =>
    e.facts?.activationCodeValid ? null : fail('activationCodeValid', 'INVALID_CODE', '激活码错误、已使用或已过期'),
  // Without it anyone who knows an institution's id could retire its activation code.
  queryCodeVerified: (_c, e) =>
    e.actor.kind !== 'public' || e.facts?.queryCodeVerified
      ? null
      : fail('queryCodeVerified', 'INVALID_CODE', '查询验证码错误或已失效'),
} satisfies Record<string, Rule<InstitutionContext, InstitutionEvent>>;

const meta: MachineMeta = {
  label: { zh: '机构注册', en: 'Institution' },
  events: {
    REGISTER: { label: { zh: '注册', en: 'Register' }, roles: ['public'] },
    RESUBMIT: { label: { zh: '重新提交', en: 'Resubmit' }, roles: ['public'] },
    APPROVE: { label: { zh: '审核通过', en: 'Approve' }, roles: ['district', 'admin'] },
    REJECT: { label: { zh: '审核不通过', en: 'Reject' }, roles: ['district', 'admin'] },
    RETURN: { label: { zh: '退回补充材料', en: 'Return' }, roles: ['district', 'admin'] },
    ACTIVATE: { label: { zh: '账号激活', en: 'Activate' }, roles: ['public'] },
    REISSUE_CODE: {
      label: { zh: '重新生成激活码', en: 'Reissue activation code' },
      roles: ['district', 'admin', 'public'],
      description: 'public only through the registration query with a valid 6-digit code',
    },
    DISABLE: { label: { zh: '停用', en: 'Disable' }, roles: ['admin'] },
    ENABLE: { label: { zh: '启用', en: 'Enable' }, roles: ['admin'] },
  },
};

/**
 * The institution lifecycle (SPEC §3.1): registration, exam-district review,
 * activation of the main account, disabling.
 */
export const institutionMachine = setup({
  types: {} as { context: InstitutionContext; events: InstitutionEvent },
  guards: guardsFrom<InstitutionContext, InstitutionEvent, typeof institutionRules>(institutionRules),
  actions: {
    takeRegistration: assign({ red: ({ event }) => event.facts?.red ?? false, reason: null }),
    recordReason: assign({ reason: ({ event }) => reasonOf(event)?.trim() ?? null }),
    // The 机构证号 itself is issued by the effect openMainAccount, which writes it into the context.
    issueAccount: assign({
      accountNo: ({ context, event }) => event.facts?.accountNo ?? context.accountNo,
      codeIssuedAt: ({ event }) => event.now,
    }),
    reissueCode: assign({ codeIssuedAt: ({ event }) => event.now }),
    markActivated: assign({ activatedAt: ({ event }) => event.now }),
    // Executed by the engine as an outbox row in the same transaction.
    notify: (_args, _params: { topic: string }) => {},
    // Effects: writes the engine performs once the event is accepted, in the same transaction
    // (the workflow definition's `effects`). The machine says when; the engine knows how.
    storeRegistration: () => {},
    openMainAccount: () => {},
    renewActivationCode: () => {},
    activateLogin: () => {},
    lockOutAccounts: () => {},
    letAccountsIn: () => {},
  },
}).createMachine({
  id: 'institution',
  version: '1',
  initial: 'none',
  context: { red: false, reason: null, accountNo: null, codeIssuedAt: null, activatedAt: null },
  meta,
  states: {
    none: {
      ...label('未注册', 'Not registered', { absent: true }),
      on: { REGISTER: { target: 'applied', guard: 'creditCodeNotRegistered', actions: ['takeRegistration', 'storeRegistration'] } },
    },
    applied: {
      ...label('待审核', 'Applied'),
      on: {
        APPROVE: {
          target: 'approved',
          guard: 'reasonGivenWhenRed',
          actions: [
            'recordReason',
            'openMainAccount',
            'issueAccount',
            { type: 'notify', params: { topic: 'institution.approved' } },
          ],
        },
        REJECT: { target: 'rejected', guard: 'reasonGiven', actions: 'recordReason' },
        RETURN: { target: 'returned', guard: 'reasonGiven', actions: 'recordReason' },
      },
    },
    rejected: {
      ...label('审核不通过', 'Rejected'),
      on: { RESUBMIT: { target: 'applied', guard: 'creditCodeNotRegistered', actions: ['takeRegistration', 'storeRegistration'] } },
    },
    returned: {
      ...label('退回', 'Returned'),
      on: { RESUBMIT: { target: 'applied', guard: 'creditCodeNotRegistered', actions: ['takeRegistration', 'storeRegistration'] } },
    },
    approved: {
      ...label('审核通过（待激活）', 'Approved'),
      on: {
        ACTIVATE: { target: 'activated', guard: 'activationCodeValid', actions: ['markActivated', 'activateLogin'] },
        REISSUE_CODE: {
          target: 'approved',
          guard: 'queryCodeVerified',
          actions: ['reissueCode', 'renewActivationCode', { type: 'notify', params: { topic: 'institution.codeReissued' } }],
        },
      },
    },
    activated: {
      ...label('已激活', 'Activated'),
      on: { DISABLE: { target: 'disabled', guard: 'reasonGiven', actions: ['recordReason', 'lockOutAccounts'] } },
    },
    disabled: {
      ...label('已停用', 'Disabled'),
      on: { ENABLE: { target: 'activated', actions: 'letAccountsIn' } },
    },
  },
});

