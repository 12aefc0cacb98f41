/**
 * Counting probation time in whole calendar months (SPEC §4.4, domain.md
 * §1.6). No regulation fixes how the platform turns dates into months, so
 * the counting is an option with two documented modes; the default
 * reproduces the seed (2019-08-08..2020-02-01 = 5, 2018-01-05..2019-03-01 =
 * 13).
 */

import { addDays, addMonths, compareIsoDates, dayNumber, isIsoDate, maxIsoDate, minIsoDate, parseIsoDate, type IsoDate } from './calendar-date.js';

/**
 * How a date range becomes months.
 *
 * - `inclusive` (default): the start day and the end day are both days of
 *   practice. A month is complete when the same day of the month comes round
 *   again, i.e. a range covers `n` months when
 *   `addMonths(startsOn, n) ≤ endsOn + 1 day`. 2019-01-05..2020-01-04 is 12
 *   months; 2019-01-05..2019-02-04 is 1.
 * - `civil`: the reading of 民法典 arts. 200–204. The start day is not counted
 *   (art. 201: "开始的当日不计入，自下一日开始计算") and a period of `n` months
 *   ends on the corresponding day of the last month (art. 202), so a range
 *   covers `n` months when `addMonths(startsOn, n) ≤ endsOn`.
 *   2019-01-05..2020-01-04 is 11 months; 2019-01-05..2020-01-05 is 12.
 *
 * In both modes a missing corresponding day is the last day of that month
 * (art. 202, "没有对应日的，月末日为期间的最后一日"): from 31 January one month
 * reaches 28 February (29 in a leap year). The modes differ exactly on the
 * ranges that end the day before a corresponding day: `civil` needs one more
 * day for the same month count.
 */
export type MonthCounting = 'inclusive' | 'civil';

/** The modes, default first. */
export const monthCountings: readonly MonthCounting[] = ['inclusive', 'civil'];

/** A probation duration: whole months and the days left over after them. */
export interface MonthsAndDays {
  months: number;
  /** Days after the last whole month (in the same mode's day counting). */
  days: number;
}

/** One probation segment as the counting sees it. */
export interface ProbationInterval {
  /** Segment id (`s1`, `s2` …), used to name segments in overlaps and cut-off reports. */
  id: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Minimum total probation for the exam (医师法 arts. 9–10: 满一年). */
export const REQUIRED_PROBATION_MONTHS = 12;

function checkRange(startsOn: IsoDate, endsOn: IsoDate, what: string): void {
  if (!isIsoDate(startsOn) || !isIsoDate(endsOn)) {
    throw new RangeError(`${what}: dates must be YYYY-MM-DD, got ${JSON.stringify(startsOn)}..${JSON.stringify(endsOn)}`);
  }
  if (compareIsoDates(startsOn, endsOn) > 0) throw new RangeError(`${what}: starts after it ends (${startsOn}..${endsOn})`);
}

/**
 * Whole months and remaining days of one date range (`startsOn ≤ endsOn`,
 * both `YYYY-MM-DD`; throws RangeError otherwise). See {@link MonthCounting}.
 * In `inclusive` mode the leftover days count both ends (a one-day range is
 * 0 months 1 day); in `civil` mode the start day is not counted (0 months 0
 * days).
 *
 * @example
 * monthsBetween('2019-08-08', '2020-02-01'); // { months: 5, days: 25 }
 * monthsBetween('2019-01-05', '2020-01-04'); // { months: 12, days: 0 }
 * monthsBetween('2019-01-05', '2020-01-04', { counting: 'civil' }); // { months: 11, days: 30 }
 */
export function monthsBetween(startsOn: IsoDate, endsOn: IsoDate, options: { counting?: MonthCounting } = {}): MonthsAndDays {
  checkRange(startsOn, endsOn, 'monthsBetween');
  const counting = options.counting ?? 'inclusive';
  if (counting !== 'inclusive' && counting !== 'civil') throw new RangeError(`unknown counting ${JSON.stringify(counting)}`);
  const limit = counting === 'inclusive' ? addDays(endsOn, 1) : endsOn;
  const s = parseIsoDate(startsOn)!;
  const l = parseIsoDate(limit)!;
  // addMonths(start, n) lands in limit's month for this n; the day (after clamping) decides whether that month is complete.
  let months = (l.year - s.year) * 12 + (l.month - s.month);
  if (compareIsoDates(addMonths(startsOn, months), limit) > 0) months -= 1;
  return { months, days: dayNumber(limit) - dayNumber(addMonths(startsOn, months)) };
}

/**
 * The default probation cut-off of a project: 31 August of the exam year, by
 * which fresh graduates must have completed the year (domain.md §1.2–1.3).
 *
 * @example
 * defaultProbationCutoff(2020); // '2020-08-31'
 */
export function defaultProbationCutoff(examYear: number): IsoDate {
  if (!Number.isInteger(examYear) || examYear < 1000 || examYear > 9999) {
    throw new RangeError(`exam year must be a four-digit integer, got ${examYear}`);
  }
  return `${examYear}-08-31`;
}

/** Per-segment figures of {@link totalProbation}. */
export interface SegmentCount extends MonthsAndDays {
  segmentId: string;
  /** Months of the part on or before the cut-off (before merging with other segments). */
  countedMonths: number;
}

/** Two segments sharing days. */
export interface SegmentOverlap {
  /** The two segment ids, in the order the segments were given. */
  segmentIds: [string, string];
  /** First and last shared day. */
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** The part of a segment after the cut-off, which is not counted. */
export interface BeyondCutoff extends MonthsAndDays {
  segmentId: string;
  /** First uncounted day: the day after the cut-off, or the segment start if later. */
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** A maximal run of counted probation time: overlapping or touching segments merged. */
export interface CountedBlock extends MonthsAndDays {
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** Segments contributing to the block, in the order given. */
  segmentIds: string[];
}

/** Outcome of {@link totalProbation}. */
export interface ProbationTotal {
  /** Sum of the whole months of the counted blocks. */
  totalMonths: number;
  counting: MonthCounting;
  cutoff: IsoDate | null;
  segments: SegmentCount[];
  blocks: CountedBlock[];
  overlaps: SegmentOverlap[];
  beyondCutoff: BeyondCutoff[];
}

/**
 * Total probation over several segments (SPEC §4.4).
 *
 * 1. Each segment is cut at `cutoff` (when given): days after it are not
 *    counted and are reported in `beyondCutoff`.
 * 2. The counted parts are merged into blocks: two parts join when they
 *    overlap or touch (one ends the day before the next starts), so a
 *    shared day counts once and a change of institution without a gap is one
 *    continuous period.
 * 3. Each block is counted in whole months ({@link monthsBetween}); the total
 *    is the sum over blocks. Leftover days of separate blocks are not added
 *    up: like the per-segment figures of the seed, only whole months count.
 *
 * Without overlaps, touching segments or a cut-off the total is the sum of
 * the segments' months (seed: 5 + 13 = 18). A touching pair may count one
 * month more than its two segments shown separately (2019-01-05..2019-06-30
 * and 2019-07-01..2020-01-04 are 5 + 6 months but one 12-month block).
 * Overlaps are computed on the full segments, before the cut-off. Throws
 * RangeError on a malformed segment.
 *
 * @example
 * totalProbation([
 *   { id: 's1', startsOn: '2019-08-08', endsOn: '2020-02-01' },
 *   { id: 's2', startsOn: '2018-01-05', endsOn: '2019-03-01' },
 * ], { cutoff: '2020-08-31' }).totalMonths; // 18
 */
export function totalProbation(
  segments: readonly ProbationInterval[],
  options: { cutoff?: IsoDate | null; counting?: MonthCounting } = {},
): ProbationTotal {
  const counting = options.counting ?? 'inclusive';
  const cutoff = options.cutoff ?? null;
  if (cutoff !== null && !isIsoDate(cutoff)) throw new RangeError(`cutoff must be YYYY-MM-DD, got ${JSON.stringify(cutoff)}`);
  for (const s of segments) checkRange(s.startsOn, s.endsOn, `segment ${s.id}`);

  const counted: { index: number; startsOn: IsoDate; endsOn: IsoDate }[] = [];
  const perSegment: SegmentCount[] = [];
  const beyondCutoff: BeyondCutoff[] = [];
  segments.forEach((s, index) => {
    const whole = monthsBetween(s.startsOn, s.endsOn, { counting });
    let countedMonths = whole.months;
    if (cutoff !== null && compareIsoDates(s.endsOn, cutoff) > 0) {
      const from = maxIsoDate(s.startsOn, addDays(cutoff, 1));
      beyondCutoff.push({ segmentId: s.id, startsOn: from, endsOn: s.endsOn, ...monthsBetween(from, s.endsOn, { counting }) });
      if (compareIsoDates(s.startsOn, cutoff) <= 0) {
        counted.push({ index, startsOn: s.startsOn, endsOn: cutoff });
        countedMonths = monthsBetween(s.startsOn, cutoff, { counting }).months;
      } else {
        countedMonths = 0;
      }
    } else {
      counted.push({ index, startsOn: s.startsOn, endsOn: s.endsOn });
    }
    perSegment.push({ segmentId: s.id, ...whole, countedMonths });
  });

  const overlaps: SegmentOverlap[] = [];
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const a = segments[i]!;
      const b = segments[j]!;
      const startsOn = maxIsoDate(a.startsOn, b.startsOn);
      const endsOn = minIsoDate(a.endsOn, b.endsOn);
      if (compareIsoDates(startsOn, endsOn) <= 0) overlaps.push({ segmentIds: [a.id, b.id], startsOn, endsOn });
    }
  }

  const sorted = [...counted].sort((x, y) => compareIsoDates(x.startsOn, y.startsOn) || compareIsoDates(x.endsOn, y.endsOn) || x.index - y.index);
  const runs: { startsOn: IsoDate; endsOn: IsoDate; indexes: number[] }[] = [];
  for (const part of sorted) {
    const last = runs[runs.length - 1];
    if (last && dayNumber(part.startsOn) <= dayNumber(last.endsOn) + 1) {
      last.endsOn = maxIsoDate(last.endsOn, part.endsOn);
      last.indexes.push(part.index);
    } else {
      runs.push({ startsOn: part.startsOn, endsOn: part.endsOn, indexes: [part.index] });
    }
  }
  const blocks: CountedBlock[] = runs.map((run) => ({
    startsOn: run.startsOn,
    endsOn: run.endsOn,
    segmentIds: [...run.indexes].sort((x, y) => x - y).map((i) => segments[i]!.id),
    ...monthsBetween(run.startsOn, run.endsOn, { counting }),
  }));

  return {
    totalMonths: blocks.reduce((sum, block) => sum + block.months, 0),
    counting,
    cutoff,
    segments: perSegment,
    blocks,
    overlaps,
    beyondCutoff,
  };
}
