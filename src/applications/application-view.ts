import { applicationMachine, applicationRules, type ApplicationContext, type Decision } from '../../machines/application.js';
import { eventMeta, fromDotted, machineMeta } from '../../machines/shared/introspect.js';
import type { ApplicationData, PublishedApplicationData } from '../domain/application-data.js';
import type { Indicator } from '../domain/indicators.js';
import { errorCodes } from '../errors.js';
import type { Actor } from '../engine/actor.js';
import { ruleFailures } from '../engine/refusal.js';
import type { EntityView, HistoryEntry } from '../engine/transition-runner.js';
import type { Reader } from '../engine/workflow-definition.js';
import { applicationFacts } from './application-facts.js';
import type { IndicatorSettings, PaperCertificateRow } from './application-indicators.js';
import { entryModeLabels, eventLabel } from './labels.js';

/** A unit's or the district's decision as the detail shows it (审核意见). */
export interface DecisionView {
  type: string;
  /** 审核结果: 审核通过 / 审核不通过 / 退回 … */
  label: string;
  /** 审核说明. */
  explanation: string | null;
  actorId: string | null;
  at: string;
}

/** Why an event is refused, from the rule registry (or INVALID_TRANSITION / FORBIDDEN). */
export interface RefusalReason {
  code: string;
  rule: string;
  message: string;
  details?: unknown;
}

/** One event the caller's role may send, and whether it would be accepted now. */
export interface AllowedEvent {
  type: string;
  label: string;
  /** Accepted now (given an explanation where one is required). */
  allowed: boolean;
  /** Accepted only with an explanation (审核说明): REJECT, RETURN, APPROVE on red … */
  explanationRequired: boolean;
  /** Empty when allowed; otherwise every rule that refuses it. */
  reasons: RefusalReason[];
}

/** A stamped paper probation certificate (试用期考核证明盖章纸质版) of one segment, as the detail's read returns it. */
export type PaperCertificateView = PaperCertificateRow;

/** Duration of one segment (试用时长) and its paper certificate. */
export interface SegmentSummary {
  segmentId: string;
  current: boolean;
  months: number;
  days: number;
  /** Months counted towards the total (before the cut-off). */
  countedMonths: number;
  /** 试用时长 as the seed shows it: whole months, e.g. `5个月`. */
  durationLabel: string;
  paperCertificate: PaperCertificateView | null;
}

/** GET /applications/:id: everything of SPEC §4.3, the indicators, decisions, allowed events and history. */
export interface ApplicationDetail {
  id: string;
  project: { id: string; name: string; startsOn: string; approvalDeadline: string; probationCutoff: string } | null;
  institution: { id: string; name: string | null } | null;
  candidateId: string | null;
  entryMode: 'candidate' | 'unit' | null;
  entryModeLabel: string | null;
  state: string;
  stateLabel: string;
  version: number;
  /** False once the application reached a final state. */
  open: boolean;
  data: PublishedApplicationData | null;
  /** 审核提示信息, recomputed now (registry and uploads as they are now). */
  indicators: Indicator[];
  /** 试用期总时长 in whole months; null without data. */
  totalMonths: number | null;
  redCount: number;
  segments: SegmentSummary[];
  decision: DecisionView | null;
  districtDecision: DecisionView | null;
  reportedAt: string | null;
  closedAt: string | null;
  allowedEvents: AllowedEvent[];
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

// Creation is its own endpoint and CLOSE belongs to the deadline sweep.
// ATTACH_PAPER is per segment: the detail's durations say where a paper certificate is needed.
const notListed = new Set(['CREATE', 'CLOSE', 'ATTACH_PAPER']);

const decisionView = (decision: Decision | null | undefined): DecisionView | null =>
  decision
    ? { type: decision.type, label: eventLabel(decision.type), explanation: decision.explanation, actorId: decision.actorId, at: decision.at }
    : null;

const asReason = (f: { code: string; rule: string; message: string; details?: unknown }): RefusalReason =>
  f.details === undefined ? { code: f.code, rule: f.rule, message: f.message } : { code: f.code, rule: f.rule, message: f.message, details: f.details };

/**
 * The events the actor's role may send in the application's state, each
 * with the verdict of the machine's own rules on the facts as they are now.
 * An explanation is assumed present when judging `allowed` and reported
 * separately as `explanationRequired`, so "APPROVE refused:
 * PAPER_CERTIFICATE_REQUIRED for s2" is not drowned by "explanation
 * missing".
 *
 * @example
 * const events = allowedEvents(view.state, view.context, facts, actor, now);
 * events.find((e) => e.type === 'APPROVE')?.reasons[0]?.code; // 'PAPER_CERTIFICATE_REQUIRED'
 */
export function allowedEvents(
  state: string,
  context: Record<string, unknown>,
  facts: Record<string, unknown>,
  actor: Actor,
  now: Date,
): AllowedEvent[] {
  const snapshot = applicationMachine.resolveState({ value: fromDotted(state), context: context as unknown as ApplicationContext });
  const out: AllowedEvent[] = [];
  for (const [type, meta] of Object.entries(machineMeta(applicationMachine).events)) {
    if (notListed.has(type) || !meta.roles.includes(actor.kind)) continue;
    const base = { type, actor: { id: actor.id, kind: actor.kind }, now: now.toISOString(), facts };
    const explained = { ...base, explanation: '说明' };
    const withExplanation = ruleFailures(snapshot, explained, applicationRules);
    const label = eventMeta(applicationMachine, type)!.label.zh;
    if (withExplanation === null) {
      out.push({
        type,
        label,
        allowed: false,
        explanationRequired: false,
        reasons: [{ code: 'INVALID_TRANSITION', rule: 'state', message: `${errorCodes.INVALID_TRANSITION.message}（${type}）` }],
      });
      continue;
    }
    const fewest = [...withExplanation].sort((a, b) => a.length - b.length)[0]!;
    const allowed = fewest.length === 0;
    // Whether it needs the explanation matters only for an event that is allowed with one.
    const explanationRequired = allowed && !(ruleFailures(snapshot, base, applicationRules) ?? []).some((c) => c.length === 0);
    out.push({
      type,
      label,
      allowed,
      explanationRequired,
      reasons: fewest.map(asReason),
    });
  }
  return out;
}

/**
 * Builds the detail of an application the actor may see (the caller has
 * read `view`, `history` and the detail reads through the runner's `read`,
 * which checked the scope).
 *
 * @example
 * const detail = await applicationDetail(db, { view, history, actor, now });
 */
export async function applicationDetail(
  reader: Reader,
  input: { view: EntityView; history: HistoryEntry[]; actor: Actor; now: Date; read?: unknown },
  settings: IndicatorSettings = {},
): Promise<ApplicationDetail> {
  const { view, history, actor, now } = input;
  const row = view.row;
  const context = view.context as Partial<ApplicationContext>;
  // Facts as an APPROVE now would see them: the indicators come with them, and
  // the same statement brings the institution's name and the paper certificates.
  // With `read` (the runner read it with the row: the workflow's detailReads) nothing more is read.
  const { facts, project, indicators, inputs } = await applicationFacts(
    reader,
    { row, columns: {}, eventType: 'APPROVE', now, detail: true, ...(input.read !== undefined ? { preread: input.read } : {}) },
    settings,
  );
  const institution = inputs?.institution ?? null;
  const paperOf = new Map((inputs?.paperRows ?? []).map((p) => [p.segmentId, p]));
  const data = withoutCheckCodes((row.data as ApplicationData | null | undefined) ?? null);
  const counts = new Map((indicators?.probation.segments ?? []).map((s) => [s.segmentId, s]));
  const entryMode = (row.entry_mode as 'candidate' | 'unit' | null | undefined) ?? context.entryMode ?? null;
  return {
    id: view.id,
    project: project
      ? { id: project.id, name: project.name, startsOn: project.startsOn, approvalDeadline: project.approvalDeadline, probationCutoff: project.probationCutoff }
      : null,
    institution: institution ? { id: institution.id, name: institution.name } : null,
    candidateId: (row.candidate_id as string | null | undefined) ?? null,
    entryMode,
    entryModeLabel: entryMode ? entryModeLabels[entryMode] : null,
    state: view.state,
    stateLabel: view.stateLabel,
    version: view.version,
    open: row.open !== false,
    data,
    indicators: indicators?.indicators ?? [],
    totalMonths: indicators?.totalMonths ?? null,
    redCount: indicators?.redCount ?? 0,
    segments: (data?.segments ?? []).map((s) => {
      const count = counts.get(s.id);
      return {
        segmentId: s.id,
        current: s.current,
        months: count?.months ?? 0,
        days: count?.days ?? 0,
        countedMonths: count?.countedMonths ?? 0,
        durationLabel: `${count?.months ?? 0}个月`,
        paperCertificate: paperOf.get(s.id) ?? null,
      };
    }),
    decision: decisionView(context.decision),
    districtDecision: decisionView(context.districtDecision),
    reportedAt: context.reportedAt ?? null,
    closedAt: context.closedAt ?? null,
    allowedEvents: allowedEvents(view.state, view.context, facts, actor, now),
    history,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  };
}

/**
 * The 校验码 is write-only: it proves the declarer knows the institution, and
 * a response would hand it to whoever can read the application (a business
 * account that `GET /institutions/:id/check-code` refuses, for one). What a
 * reader learns is that it was checked.
 */
function withoutCheckCodes(data: ApplicationData | null): PublishedApplicationData | null {
  if (!data) return null;
  return {
    ...data,
    segments: data.segments.map(({ checkCode, ...segment }) => (checkCode === undefined ? segment : { ...segment, checkCodeVerified: true })),
  };
}
