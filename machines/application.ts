import { and, assign, setup } from 'xstate';
import { label } from './shared/label.js';
import { fail, guardsFrom, hasText } from './shared/rules.js';
import type { EventBase, MachineMeta, Rule } from './shared/types.js';

/** A unit's or the district's decision as shown in the review screens (审核意见). */
export interface Decision {
  type: string;
  explanation: string | null;
  actorId: string | null;
  at: string;
}

/** What the application machine remembers. */
export interface ApplicationContext {
  /** 考生申报 (candidate) or 单位直接录入 (unit). */
  entryMode: 'candidate' | 'unit' | null;
  /** The current institution's decision (审核结果 / 审核说明); re-editable until reported. */
  decision: Decision | null;
  /** The exam district's decision. */
  districtDecision: Decision | null;
  /** When the application first reached the unit (SUBMIT, or a direct entry's CREATE); a draft is the candidate's alone until then. */
  submittedAt?: string | null;
  reportedAt: string | null;
  closedAt: string | null;
}

/** Facts the engine computes from the freshly read row before the machine decides. */
export interface ApplicationFacts {
  /** The project's approval deadline (省级审批截止日期) has passed. */
  deadlinePassed?: boolean;
  /** The project has started and not closed. */
  projectOpen?: boolean;
  /** A red indicator concerns the total duration or the current institution. */
  redOnTotalOrCurrent?: boolean;
  /** Codes of those red indicators, for the refusal's details. */
  redIndicatorCodes?: string[];
  /** Other institutions' segments with a red teacher check and no stamped paper certificate. */
  otherRedSegmentsWithoutPaper?: string[];
  /** ATTACH_PAPER: what the named segment is (a paper certificate is for another institution's). */
  paperSegment?: 'other' | 'current' | 'missing';
}

type DecisionEvent<T extends string> = { type: T; explanation?: string };

export type ApplicationEvent = EventBase & { facts?: ApplicationFacts } & (
    | { type: 'CREATE' }
    | { type: 'EDIT' }
    | { type: 'SUBMIT' }
    | { type: 'RESUBMIT' }
    | DecisionEvent<'APPROVE'>
    | DecisionEvent<'REJECT'>
    | DecisionEvent<'RETURN'>
    | { type: 'REPORT' }
    | DecisionEvent<'DISTRICT_APPROVE'>
    | DecisionEvent<'DISTRICT_REJECT'>
    | DecisionEvent<'DISTRICT_RETURN'>
    | { type: 'WITHDRAW' }
    | { type: 'CLOSE' }
    | { type: 'ATTACH_PAPER'; segmentId?: string }
  );

const ownerMessages = {
  edit: { unit: '单位直接录入的申报只能由单位修改', candidate: '考生申报只能由考生本人修改' },
  paper: { unit: '单位直接录入的申报由单位上传纸质证明', candidate: '纸质证明由考生本人上传' },
} as const;

const explanationOf = (event: ApplicationEvent): string | undefined =>
  'explanation' in event ? event.explanation : undefined;

/** The named rules behind the application's guards. */
export const applicationRules = {
  beforeDeadline: (_c, e) =>
    e.facts?.deadlinePassed ? fail('beforeDeadline', 'DEADLINE_PASSED', '已超过省级审批截止日期') : null,
  projectOpen: (_c, e) =>
    e.facts?.projectOpen === false ? fail('projectOpen', 'PROJECT_NOT_OPEN', '项目当前不在申报期内') : null,
  createdByCandidate: (_c, e) =>
    e.actor.kind === 'candidate' ? null : fail('createdByCandidate', 'FORBIDDEN', '只有考生本人可以申报'),
  createdByUnit: (_c, e) =>
    e.actor.kind === 'business' ? null : fail('createdByUnit', 'FORBIDDEN', '只有当前试用机构的业务账号可以直接录入'),
  editedByOwner: (c, e) =>
    (c.entryMode === 'unit' ? e.actor.kind === 'business' : e.actor.kind === 'candidate')
      ? null
      : fail('editedByOwner', 'FORBIDDEN', ownerMessages[e.type === 'ATTACH_PAPER' ? 'paper' : 'edit'][c.entryMode === 'unit' ? 'unit' : 'candidate']),
  // The current institution vouches for its own teacher: a stamped paper certificate is for another one's segment.
  otherInstitutionSegment: (_c, e) => {
    const segmentId = 'segmentId' in e ? e.segmentId : undefined;
    switch (e.facts?.paperSegment) {
      case 'missing':
        return fail('otherInstitutionSegment', 'NOT_FOUND', '试用机构不存在', { segmentId });
      case 'current':
        // A field's problem: the details are the field issues, as for any VALIDATION_FAILED.
        return fail('otherInstitutionSegment', 'VALIDATION_FAILED', '当前试用机构无需上传试用期考核证明纸质版', [
          { field: 'segmentId', code: 'currentSegment', message: '当前试用机构无需上传试用期考核证明纸质版' },
        ]);
      default:
        return null;
    }
  },
  explanationGiven: (_c, e) =>
    hasText(explanationOf(e)) ? null : fail('explanationGiven', 'EXPLANATION_REQUIRED', '必须填写审核说明'),
  explanationGivenWhenRed: (_c, e) =>
    !e.facts?.redOnTotalOrCurrent || hasText(explanationOf(e))
      ? null
      : fail('explanationGivenWhenRed', 'EXPLANATION_REQUIRED', '试用期总时长或当前试用机构存在红色提示，审核通过须填写审核说明', {
          indicators: e.facts.redIndicatorCodes ?? [],
        }),
  paperCertificatesForOtherRedInstitutions: (_c, e) => {
    const missing = e.facts?.otherRedSegmentsWithoutPaper ?? [];
    return missing.length === 0
      ? null
      : fail(
          'paperCertificatesForOtherRedInstitutions',
          'PAPER_CERTIFICATE_REQUIRED',
          '其他试用机构带教老师核对为红色，考生需上传试用期考核证明盖章纸质版，方可通过',
          { segmentIds: missing },
        );
  },
} satisfies Record<string, Rule<ApplicationContext, ApplicationEvent>>;

type RuleName = keyof typeof applicationRules;

// Every event but CLOSE is refused after the deadline, so every guard starts
// with beforeDeadline; the diagram generator folds it into a note.
const guarded = (...names: RuleName[]) => and(['beforeDeadline', ...names]);

// A stamped paper certificate (试用期考核证明盖章纸质版) for another institution's segment, by
// whoever may edit the declaration, until the unit's decision is reported: no target, the state stays.
const attachPaper = { guard: guarded('editedByOwner', 'otherInstitutionSegment'), actions: 'attachPaper' } as const;

const unit = ['business'] as const;
const district = ['district', 'admin'] as const;

const meta: MachineMeta = {
  label: { zh: '试用期考核证明申报', en: 'Probation application' },
  events: {
    CREATE: { label: { zh: '申报 / 单位直接录入', en: 'Create' }, roles: ['candidate', 'business'] },
    EDIT: { label: { zh: '修改', en: 'Edit' }, roles: ['candidate', 'business'] },
    SUBMIT: { label: { zh: '提交', en: 'Submit' }, roles: ['candidate'] },
    RESUBMIT: { label: { zh: '重新提交', en: 'Resubmit' }, roles: ['candidate', 'business'] },
    APPROVE: { label: { zh: '审核通过', en: 'Approve' }, roles: unit },
    REJECT: { label: { zh: '审核不通过', en: 'Reject' }, roles: unit },
    RETURN: { label: { zh: '退回', en: 'Return' }, roles: unit },
    REPORT: { label: { zh: '上报', en: 'Report' }, roles: unit },
    DISTRICT_APPROVE: { label: { zh: '考区审核通过', en: 'District approve' }, roles: district },
    DISTRICT_REJECT: { label: { zh: '考区审核不通过', en: 'District reject' }, roles: district },
    DISTRICT_RETURN: { label: { zh: '考区退回', en: 'District return' }, roles: district },
    WITHDRAW: { label: { zh: '撤回', en: 'Withdraw' }, roles: ['candidate'] },
    CLOSE: { label: { zh: '截止关闭', en: 'Close at deadline' }, roles: ['system'] },
    ATTACH_PAPER: { label: { zh: '上传纸质证明', en: 'Attach paper certificate' }, roles: ['candidate', 'business'] },
  },
};

const decide = (field: 'decision' | 'districtDecision') =>
  assign<ApplicationContext, ApplicationEvent, undefined, ApplicationEvent, never>({
    [field]: ({ event }: { event: ApplicationEvent }) => ({
      type: event.type,
      explanation: explanationOf(event)?.trim() || null,
      actorId: event.actor.id,
      at: event.now,
    }),
  });

/**
 * The probation application (SPEC §3.3). Unit and district decisions are
 * re-editable: APPROVE / REJECT / RETURN are accepted from every unitReview
 * sub-state (each records the decision, so `can()` sees a real transition)
 * until the application is reported or the deadline passes.
 */
export const applicationMachine = setup({
  types: {} as { context: ApplicationContext; events: ApplicationEvent },
  guards: guardsFrom<ApplicationContext, ApplicationEvent, typeof applicationRules>(applicationRules),
  actions: {
    setCandidateEntry: assign({ entryMode: 'candidate' as const }),
    setUnitEntry: assign({ entryMode: 'unit' as const }),
    recordUnitDecision: decide('decision'),
    recordDistrictDecision: decide('districtDecision'),
    clearDistrictDecision: assign({ districtDecision: null }),
    markSubmitted: assign({ submittedAt: ({ context, event }) => context.submittedAt ?? event.now }),
    markReported: assign({ reportedAt: ({ event }) => event.now }),
    markClosed: assign({ closedAt: ({ event }) => event.now }),
    touch: assign({}),
    notify: (_args, _params: { topic: string }) => {},
    // Effect (the workflow definition's `effects`): the engine stores the certificate's attachment
    // row in the command's transaction. The machine says when; the engine knows how.
    attachPaper: () => {},
  },
}).createMachine({
  id: 'application',
  version: '1',
  initial: 'none',
  context: { entryMode: null, decision: null, districtDecision: null, submittedAt: null, reportedAt: null, closedAt: null },
  meta,
  states: {
    none: {
      ...label('未申报', 'Not created', { absent: true }),
      on: {
        // A direct entry is submitted as it is created, so it needs the open project SUBMIT needs.
        // It comes first: when a unit is refused on both branches by one rule
        // each, the refusal then names projectOpen rather than createdByCandidate.
        CREATE: [
          { target: 'unitReview.pending', guard: guarded('createdByUnit', 'projectOpen'), actions: ['setUnitEntry', 'markSubmitted'] },
          { target: 'draft', guard: guarded('createdByCandidate'), actions: 'setCandidateEntry' },
        ],
      },
    },
    draft: {
      ...label('草稿', 'Draft'),
      on: {
        EDIT: { target: 'draft', guard: guarded('editedByOwner'), actions: 'touch' },
        ATTACH_PAPER: attachPaper,
        SUBMIT: { target: 'unitReview.pending', guard: guarded('projectOpen'), actions: 'markSubmitted' },
        WITHDRAW: { target: '#application.closed.withdrawn', guard: guarded(), actions: 'markClosed' },
        CLOSE: { target: '#application.closed.expired', actions: 'markClosed' },
      },
    },
    unitReview: {
      ...label('单位审核', 'Unit review'),
      initial: 'pending',
      on: {
        APPROVE: {
          target: '.approved',
          guard: guarded('explanationGivenWhenRed', 'paperCertificatesForOtherRedInstitutions'),
          actions: 'recordUnitDecision',
        },
        REJECT: { target: '.rejected', guard: guarded('explanationGiven'), actions: 'recordUnitDecision' },
        RETURN: {
          target: '.returned',
          guard: guarded('explanationGiven'),
          actions: ['recordUnitDecision', { type: 'notify', params: { topic: 'application.returned' } }],
        },
        // Stays in whichever sub-state it is in: the decision so far is kept.
        ATTACH_PAPER: attachPaper,
        CLOSE: { target: '#application.closed.expired', actions: 'markClosed' },
      },
      states: {
        pending: {
          ...label('待审核', 'Pending'),
          on: { WITHDRAW: { target: '#application.closed.withdrawn', guard: guarded(), actions: 'markClosed' } },
        },
        approved: {
          ...label('审核通过', 'Approved'),
          tags: ['decidedByUnit'],
          on: {
            REPORT: {
              target: '#application.districtReview.pending',
              guard: guarded(),
              actions: ['markReported', { type: 'notify', params: { topic: 'application.reportedByUnit' } }],
            },
          },
        },
        rejected: {
          ...label('审核不通过', 'Rejected'),
          tags: ['decidedByUnit'],
          on: {
            REPORT: {
              target: '#application.closed.rejectedByUnit',
              guard: guarded(),
              actions: ['markReported', 'markClosed', { type: 'notify', params: { topic: 'application.rejectedByUnit' } }],
            },
          },
        },
        returned: {
          ...label('退回', 'Returned'),
          tags: ['decidedByUnit'],
          on: {
            EDIT: { target: 'returned', guard: guarded('editedByOwner'), actions: 'touch' },
            RESUBMIT: { target: 'pending', guard: guarded('editedByOwner') },
            WITHDRAW: { target: '#application.closed.withdrawn', guard: guarded(), actions: 'markClosed' },
          },
        },
      },
    },
    districtReview: {
      ...label('考区审核', 'District review'),
      // Tags name groups of states for lists and counts (statesTagged): the
      // 待审核项目列表 counts what the unit decided and what it reported.
      tags: ['decidedByUnit', 'reported'],
      initial: 'pending',
      on: {
        DISTRICT_APPROVE: { target: '.approved', guard: guarded(), actions: 'recordDistrictDecision' },
        DISTRICT_REJECT: { target: '.rejected', guard: guarded('explanationGiven'), actions: 'recordDistrictDecision' },
        DISTRICT_RETURN: {
          target: '#application.unitReview.pending',
          guard: guarded('explanationGiven'),
          actions: ['recordDistrictDecision', { type: 'notify', params: { topic: 'application.returnedByDistrict' } }],
        },
      },
      states: {
        pending: {
          ...label('待审核', 'Pending'),
          on: { CLOSE: { target: '#application.closed.expired', actions: 'markClosed' } },
        },
        approved: {
          ...label('审核通过', 'Approved'),
          on: {
            CLOSE: {
              target: '#application.closed.certified',
              actions: ['markClosed', { type: 'notify', params: { topic: 'application.certified' } }],
            },
          },
        },
        rejected: {
          ...label('审核不通过', 'Rejected'),
          on: {
            CLOSE: {
              target: '#application.closed.rejectedByDistrict',
              actions: ['markClosed', { type: 'notify', params: { topic: 'application.rejectedByDistrict' } }],
            },
          },
        },
      },
    },
    closed: {
      ...label('已结束', 'Closed'),
      initial: 'expired',
      states: {
        certified: { ...label('考区审核通过（已出证明）', 'Certified'), type: 'final', tags: ['decidedByUnit', 'reported'] },
        rejectedByUnit: { ...label('单位审核不通过', 'Rejected by unit'), type: 'final', tags: ['decidedByUnit', 'reported'] },
        rejectedByDistrict: { ...label('考区审核不通过', 'Rejected by district'), type: 'final', tags: ['decidedByUnit', 'reported'] },
        withdrawn: { ...label('已撤回', 'Withdrawn'), type: 'final', tags: ['withdrawn'] },
        expired: { ...label('已过期', 'Expired'), type: 'final' },
      },
    },
  },
});
