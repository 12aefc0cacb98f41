import { assign, setup } from 'xstate';
import { label } from './shared/label.js';
import { fail, guardsFrom } from './shared/rules.js';
import type { EventBase, MachineMeta, Rule } from './shared/types.js';

/** What a business account remembers. */
export interface BusinessAccountContext {
  /** `WS-<5-digit institution serial>-<3-digit department code>-<business code>`. */
  accountNo: string | null;
  codeIssuedAt: string | null;
  activatedAt: string | null;
}

export interface BusinessAccountFacts {
  /** The owning institution is activated. */
  institutionActive?: boolean;
  /** The account number the engine reserved for GENERATE. */
  accountNo?: string;
  activationCodeValid?: boolean;
}

export type BusinessAccountEvent = EventBase & { facts?: BusinessAccountFacts } & (
    | { type: 'GENERATE' }
    | { type: 'ACTIVATE' }
    | { type: 'REISSUE_CODE' }
    | { type: 'DISABLE'; reason?: string }
    | { type: 'ENABLE' }
  );

/** The named rules behind the business account's guards. */
export const businessAccountRules = {
  institutionActivated: (_c, e) =>
    e.facts?.institutionActive ? null : fail('institutionActivated', 'INSTITUTION_NOT_ACTIVE', '机构主账号尚未激活，不能生成业务账号'),
  activationCodeValid: (_c, e) =>
    e.facts?.activationCodeValid ? null : fail('activationCodeValid', 'INVALID_CODE', '激活码错误、已使用或已过期'),
} satisfies Record<string, Rule<BusinessAccountContext, BusinessAccountEvent>>;

const meta: MachineMeta = {
  label: { zh: '业务账号', en: 'Business account' },
  events: {
    GENERATE: { label: { zh: '点我生成', en: 'Generate' }, roles: ['institution'] },
    ACTIVATE: { label: { zh: '激活', en: 'Activate' }, roles: ['public'] },
    REISSUE_CODE: { label: { zh: '重新生成激活码', en: 'Reissue activation code' }, roles: ['institution'] },
    DISABLE: { label: { zh: '停用', en: 'Disable' }, roles: ['institution', 'admin'] },
    ENABLE: { label: { zh: '启用', en: 'Enable' }, roles: ['institution', 'admin'] },
  },
};

/**
 * One business account per institution and business code (SPEC §3.2). Only
 * code 19 has a workflow behind it; every code is generated and activated
 * the same way.
 */
export const businessAccountMachine = setup({
  types: {} as { context: BusinessAccountContext; events: BusinessAccountEvent },
  guards: guardsFrom<BusinessAccountContext, BusinessAccountEvent, typeof businessAccountRules>(businessAccountRules),
  actions: {
    issueAccount: assign({
      accountNo: ({ context, event }) => event.facts?.accountNo ?? context.accountNo,
      codeIssuedAt: ({ event }) => event.now,
    }),
    reissueCode: assign({ codeIssuedAt: ({ event }) => event.now }),
    markActivated: assign({ activatedAt: ({ event }) => event.now }),
    // Effects: writes the engine performs once the event is accepted, in the same transaction
    // (the workflow definition's `effects`). The machine says when; the engine knows how.
    openBusinessAccount: () => {},
    renewActivationCode: () => {},
    activateLogin: () => {},
    lockOutAccount: () => {},
    letAccountIn: () => {},
  },
}).createMachine({
  id: 'businessAccount',
  version: '1',
  initial: 'unissued',
  context: { accountNo: null, codeIssuedAt: null, activatedAt: null },
  meta,
  states: {
    unissued: {
      ...label('未生成', 'Not generated', { absent: true }),
      on: { GENERATE: { target: 'issued', guard: 'institutionActivated', actions: ['openBusinessAccount', 'issueAccount'] } },
    },
    issued: {
      ...label('已生成（待激活）', 'Issued'),
      on: {
        ACTIVATE: { target: 'active', guard: 'activationCodeValid', actions: ['markActivated', 'activateLogin'] },
        REISSUE_CODE: { target: 'issued', actions: ['reissueCode', 'renewActivationCode'] },
      },
    },
    active: {
      ...label('已激活', 'Active'),
      on: { DISABLE: { target: 'disabled', actions: 'lockOutAccount' } },
    },
    disabled: {
      ...label('已停用', 'Disabled'),
      on: { ENABLE: { target: 'active', actions: 'letAccountIn' } },
    },
  },
});
