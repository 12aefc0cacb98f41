/**
 * 审核提示信息 (SPEC §4.4): the red/green hints a reviewer sees on an
 * application. Computed from the application, the project's dates and the
 * physician-registry rows of the teachers named; pure, so the engine can
 * recompute them on every read and store exactly what the reviewer saw with
 * each decision.
 */

import type { ApplicationData, ApplicationSegment } from './application-data.js';
import { LONG_TERM } from './application-data.js';
import { isIsoDate, type IsoDate } from './calendar-date.js';
import { findExamCategory, isPracticeCategoryConsistent } from './exam-categories.js';
import { validateIdDocument } from './id-card.js';
import { isPlausiblePersonName, sameName } from './name-normalise.js';
import { isPractisingStatus, normaliseCertNo, type PhysicianRecord } from './physician-record.js';
import { REQUIRED_PROBATION_MONTHS, totalProbation, type MonthCounting, type MonthsAndDays, type ProbationTotal } from './probation-months.js';

/** Indicator colours. */
export type IndicatorLevel = 'green' | 'red';

/**
 * Indicator codes.
 * - `totalDuration` 试用期总时长 — always present, green at ≥ 12 months.
 * - `overlap` 试用期时间重叠 — one red per overlapping pair of segments.
 * - `idInvalid` 非法证件号或姓名 — red when the stored number or name fails
 *   the checks (data imported from elsewhere; typed data is refused instead).
 * - `idExpired` 身份证件过期 — red when the document's validity ends before the
 *   project's approval deadline.
 * - `teacherCheck` 带教老师姓名与执业证书号是否符合 — always present, per segment.
 * - `teacherQualification` 带教老师资格 — red per segment when the registry
 *   row of a matching teacher is not a registered 执业医师 of a category
 *   consistent with the exam.
 * - `beyondCutoff` 超出试用期截止日期 — red per segment ending after the cut-off.
 *
 * The five red-only codes are present only when they fire: their absence
 * means the check passed.
 */
export type IndicatorCode =
  | 'totalDuration'
  | 'overlap'
  | 'idInvalid'
  | 'idExpired'
  | 'teacherCheck'
  | 'teacherQualification'
  | 'beyondCutoff';

/** One hint. */
export interface Indicator {
  code: IndicatorCode;
  level: IndicatorLevel;
  /** What is checked, in Chinese. */
  label: string;
  /** The finding, in Chinese. */
  detail: string;
  /** The segment a per-segment indicator belongs to. */
  segmentId?: string;
  /** The two segments of an `overlap` indicator. */
  segmentIds?: [string, string];
}

/** The project dates the indicators depend on. */
export interface IndicatorProject {
  /** 省级审批截止日期. */
  approvalDeadline: IsoDate;
  /** Probation cut-off: time after it does not count. */
  probationCutoff: IsoDate;
}

/** Input of {@link computeIndicators}. */
export interface IndicatorInput {
  /** Parsed application data (see parseApplicationData). */
  application: ApplicationData;
  project: IndicatorProject;
  /** Registry rows by normalised certificate number; only the teachers' numbers are needed. */
  physicians: ReadonlyMap<string, PhysicianRecord>;
  counting?: MonthCounting;
  /** Ids of the segments that have a stamped paper probation certificate uploaded. */
  paperCertificates?: Iterable<string>;
  /**
   * Today's date, for the "birth date not in the future" part of the ID
   * check. Defaults to the approval deadline, which keeps the result a
   * function of stored data only.
   */
  today?: IsoDate;
}

/** Output of {@link computeIndicators}. */
export interface IndicatorResult {
  /** Total first (duration, overlaps, ID), then per segment in application order. */
  indicators: Indicator[];
  totalMonths: number;
  /** The month counting behind the total: per-segment months, blocks, overlaps, cut-off. */
  probation: ProbationTotal;
  redCount: number;
  /**
   * A red indicator concerns the total duration or the current institution:
   * APPROVE then needs an explanation.
   */
  redOnTotalOrCurrent: boolean;
  /** Non-current segments whose teacher check or teacher qualification is red. */
  otherRedSegments: string[];
  /** Those of `otherRedSegments` without an uploaded paper certificate: APPROVE is refused while any remain. */
  missingPaperCertificates: string[];
}

const labels: Readonly<Record<IndicatorCode, string>> = {
  totalDuration: '试用期总时长',
  overlap: '试用期时间重叠',
  idInvalid: '非法证件号或姓名',
  idExpired: '身份证件过期',
  teacherCheck: '带教老师姓名与执业证书号是否符合',
  teacherQualification: '带教老师资格',
  beyondCutoff: '超出试用期截止日期',
};

/**
 * Chinese rendering of a duration: `5个月`, `5个月12天`, `20天`, `0天`.
 *
 * @example
 * formatMonthsAndDays({ months: 1, days: 3 }); // '1个月3天'
 */
export function formatMonthsAndDays(duration: MonthsAndDays): string {
  if (duration.months === 0) return `${duration.days}天`;
  return duration.days === 0 ? `${duration.months}个月` : `${duration.months}个月${duration.days}天`;
}

function indicator(code: IndicatorCode, level: IndicatorLevel, detail: string, extra: Partial<Indicator> = {}): Indicator {
  return { code, level, label: labels[code], detail, ...extra };
}

function segmentName(segment: ApplicationSegment, index: number): string {
  return `第${index + 1}个试用机构（${segment.institutionName}）`;
}

function lookupTeacher(physicians: ReadonlyMap<string, PhysicianRecord>, certNo: string): PhysicianRecord | undefined {
  return physicians.get(certNo) ?? physicians.get(normaliseCertNo(certNo));
}

/**
 * Computes the review hints of an application (SPEC §4.4).
 *
 * Order: `totalDuration`, `overlap` (per pair), `idInvalid`, `idExpired`,
 * then for each segment in application order `teacherCheck`,
 * `teacherQualification`, `beyondCutoff`.
 *
 * Which reds need what on APPROVE (SPEC §3.3):
 * - `redOnTotalOrCurrent` is true for any red indicator except the teacher
 *   check and teacher qualification of a non-current segment. That covers the
 *   total duration and overlaps (they decide the total), the candidate's own
 *   document (`idInvalid`, `idExpired`: the current institution is the one
 *   that verifies the candidate), every indicator of the current segment, and
 *   `beyondCutoff` of any segment (it shortens the total). The reviewer must
 *   explain these.
 * - `otherRedSegments` are the non-current segments whose teacher check or
 *   teacher qualification is red: the current institution cannot vouch for
 *   another institution's teacher, so the candidate must upload that
 *   institution's stamped paper certificate instead.
 *
 * The teacher qualification is only judged when the teacher check is green:
 * when the number is unknown there is no row to judge, and when the name
 * differs the row may be somebody else's.
 *
 * @example
 * const { indicators, totalMonths } = computeIndicators({
 *   application, project: { approvalDeadline: '2020-02-24', probationCutoff: '2020-08-31' },
 *   physicians: new Map([[record.certNo, record]]),
 * });
 * totalMonths; // 18 for the seed's 赵六
 * indicators[0]; // { code: 'totalDuration', level: 'green', label: '试用期总时长', detail: '18个月' }
 */
export function computeIndicators(input: IndicatorInput): IndicatorResult {
  const { application, project, physicians } = input;
  const { candidate, exam, segments } = application;
  const counting = input.counting ?? 'inclusive';
  const paper = new Set(input.paperCertificates ?? []);
  const indexOf = new Map(segments.map((s, i) => [s.id, i] as const));
  const nameOf = (id: string): string => {
    const i = indexOf.get(id)!;
    return segmentName(segments[i]!, i);
  };

  const probation = totalProbation(segments, { cutoff: project.probationCutoff, counting });
  const indicators: Indicator[] = [];

  const notes: string[] = [];
  if (probation.overlaps.length > 0) notes.push('重叠时间只计一次');
  if (probation.beyondCutoff.length > 0) notes.push(`${project.probationCutoff}之后的时间不计入`);
  const note = notes.length > 0 ? `（${notes.join('；')}）` : '';
  const enough = probation.totalMonths >= REQUIRED_PROBATION_MONTHS;
  indicators.push(
    indicator(
      'totalDuration',
      enough ? 'green' : 'red',
      enough ? `${probation.totalMonths}个月${note}` : `${probation.totalMonths}个月，不足${REQUIRED_PROBATION_MONTHS}个月${note}`,
    ),
  );

  for (const overlap of probation.overlaps) {
    const [a, b] = overlap.segmentIds;
    indicators.push(
      indicator('overlap', 'red', `${nameOf(a)}与${nameOf(b)}的试用时间在${overlap.startsOn}至${overlap.endsOn}重叠，重叠时间只计一次`, {
        segmentIds: [a, b],
      }),
    );
  }

  const idProblems: string[] = [];
  const document = validateIdDocument(candidate.idType, candidate.idNumber, { today: input.today ?? project.approvalDeadline });
  if (!document.ok) idProblems.push(document.message);
  if (!isPlausiblePersonName(candidate.name)) idProblems.push('姓名含有不允许的字符');
  if (idProblems.length > 0) indicators.push(indicator('idInvalid', 'red', idProblems.join('；')));

  if (candidate.idValidTo !== LONG_TERM) {
    if (!isIsoDate(candidate.idValidTo)) {
      indicators.push(indicator('idExpired', 'red', '身份证件有效期截止日期无效'));
    } else if (candidate.idValidTo < project.approvalDeadline) {
      indicators.push(
        indicator('idExpired', 'red', `身份证件有效期至${candidate.idValidTo}，早于省级审批截止日期${project.approvalDeadline}`),
      );
    }
  }

  const category = findExamCategory(exam.categoryCode);
  const redTeacher = new Set<string>();
  segments.forEach((segment) => {
    const segmentId = segment.id;
    const record = lookupTeacher(physicians, segment.teacherCertNo);
    const paperNote = segment.current ? '' : paper.has(segmentId) ? '（已上传试用期考核证明盖章纸质版）' : '（考生需上传试用期考核证明盖章纸质版）';
    if (!record) {
      redTeacher.add(segmentId);
      indicators.push(indicator('teacherCheck', 'red', `医师注册库中没有执业证书号${segment.teacherCertNo}${paperNote}`, { segmentId }));
    } else if (!sameName(record.name, segment.teacherName)) {
      redTeacher.add(segmentId);
      indicators.push(
        indicator('teacherCheck', 'red', `执业证书号${segment.teacherCertNo}登记的医师姓名与带教老师姓名“${segment.teacherName}”不一致${paperNote}`, {
          segmentId,
        }),
      );
    } else {
      indicators.push(indicator('teacherCheck', 'green', '带教老师姓名与执业证书号符合', { segmentId }));
      const problems: string[] = [];
      if (record.level !== '执业医师') problems.push(`带教老师为${record.level}，须由执业医师带教`);
      if (!isPractisingStatus(record.status)) problems.push(`带教老师执业状态为“${record.status}”，不是注册状态`);
      if (category && !isPracticeCategoryConsistent(category.code, record.category)) {
        problems.push(`带教老师执业类别为${record.category}，与报考类别${category.label}不一致`);
      }
      if (problems.length > 0) {
        redTeacher.add(segmentId);
        indicators.push(indicator('teacherQualification', 'red', problems.join('；') + paperNote, { segmentId }));
      }
    }

    const beyond = probation.beyondCutoff.find((b) => b.segmentId === segmentId);
    if (beyond) {
      const detail =
        segment.startsOn > project.probationCutoff
          ? `试用期${segment.startsOn}至${segment.endsOn}在试用期截止日期${project.probationCutoff}之后，不计入总时长`
          : `试用截止日期${segment.endsOn}晚于试用期截止日期${project.probationCutoff}，${beyond.startsOn}至${beyond.endsOn}（${formatMonthsAndDays(beyond)}）不计入总时长`;
      indicators.push(indicator('beyondCutoff', 'red', detail, { segmentId }));
    }
  });

  const currentIds = new Set(segments.filter((s) => s.current).map((s) => s.id));
  const otherRedSegments = segments.filter((s) => !s.current && redTeacher.has(s.id)).map((s) => s.id);
  const isOtherTeacherRed = (i: Indicator): boolean =>
    (i.code === 'teacherCheck' || i.code === 'teacherQualification') && i.segmentId !== undefined && !currentIds.has(i.segmentId);
  const red = indicators.filter((i) => i.level === 'red');

  return {
    indicators,
    totalMonths: probation.totalMonths,
    probation,
    redCount: red.length,
    redOnTotalOrCurrent: red.some((i) => !isOtherTeacherRed(i)),
    otherRedSegments,
    missingPaperCertificates: otherRedSegments.filter((id) => !paper.has(id)),
  };
}
