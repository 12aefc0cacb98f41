import type { ApplicationData } from '../domain/application-data.js';
import type { IndicatorResult } from '../domain/indicators.js';
import type { EntityRow, Reader } from '../engine/workflow-definition.js';
import type { ProjectRecord } from '../projects/project-store.js';
import { projectStatus, today } from '../projects/project-calendar.js';
import { applicationIndicators, indicatorSnapshot, readIndicatorInputs, type IndicatorInputs, type IndicatorSettings } from './application-indicators.js';

/** Events whose history row stores the indicators as the reviewer saw them. */
export const decisionEvents: ReadonlySet<string> = new Set([
  'APPROVE',
  'REJECT',
  'RETURN',
  'DISTRICT_APPROVE',
  'DISTRICT_REJECT',
  'DISTRICT_RETURN',
]);

/** What {@link applicationFacts} established. */
export interface FactsOutcome {
  /** The facts the machine's guards read (ApplicationFacts) plus `redCount` and, for decisions, `indicators`. */
  facts: Record<string, unknown>;
  project?: ProjectRecord;
  indicators?: IndicatorResult;
  /** What was read (with `detail`: also the institution and the paper certificates' rows). */
  inputs?: IndicatorInputs;
}

/**
 * The application data a command works on: the new data of a CREATE/EDIT
 * (a jsonb column value) or else the stored data.
 *
 * @example
 * const data = dataOf(columns, row);
 */
export function dataOf(columns: Record<string, unknown>, row: EntityRow | undefined): ApplicationData | null {
  const fresh = columns.data;
  if (typeof fresh === 'string') return JSON.parse(fresh) as ApplicationData;
  if (fresh && typeof fresh === 'object') return fresh as ApplicationData;
  return (row?.data as ApplicationData | null | undefined) ?? null;
}

/**
 * Establishes the facts of the application machine's guards from the row
 * (and, for CREATE/EDIT, the new columns) through `reader`: inside a
 * command its transaction, so guards decide on data no concurrent command
 * can change; for the detail view the plain database.
 *
 * - deadlinePassed: `due_at` reached;
 * - projectOpen: project start ≤ today (China) ≤ approval deadline;
 * - redOnTotalOrCurrent / redIndicatorCodes / otherRedSegmentsWithoutPaper:
 *   from the indicators over the data, the registry and the uploaded
 *   paper certificates;
 * - redCount (kept in the list column) and, for decisions, `indicators`:
 *   the snapshot the history row stores;
 * - paperSegment (ATTACH_PAPER): whether the segment is another
 *   institution's, the current one's or unknown; the indicators then count
 *   the certificate being attached.
 *
 * The deadline sweep's CLOSE needs none but the first, so it reads nothing.
 *
 * @example
 * const { facts } = await applicationFacts(trx, { row, columns, eventType: 'APPROVE', now });
 */
export async function applicationFacts(
  reader: Reader,
  input: {
    row: EntityRow | undefined;
    columns: Record<string, unknown>;
    eventType: string;
    now: Date;
    detail?: boolean;
    /** ATTACH_PAPER: the segment the paper certificate is for. */
    segmentId?: string;
    /** What the command's lock already read (the workflow's `lockedReads`). */
    preread?: unknown;
  },
  settings: IndicatorSettings = {},
): Promise<FactsOutcome> {
  const { row, columns, eventType, now } = input;
  const due = (columns.due_at ?? row?.due_at) as Date | string | null | undefined;
  const facts: Record<string, unknown> = { deadlinePassed: due != null && now.getTime() >= new Date(due).getTime() };
  if (eventType === 'CLOSE') return { facts };
  const data = dataOf(columns, row);
  // One read for the project, the teachers' registry rows and the paper certificates.
  const inputs = await readIndicatorInputs(
    reader,
    {
      projectId: (columns.project_id ?? row?.project_id) as string | null | undefined,
      applicationId: row?.id ?? null,
      certNos: data?.segments.map((s) => s.teacherCertNo) ?? [],
      ...(input.detail ? { detail: { institutionId: (row?.institution_id as string | null | undefined) ?? null } } : {}),
      ...(input.preread !== undefined ? { preread: input.preread } : {}),
    },
    settings,
  );
  const project = inputs.project;
  if (eventType === 'ATTACH_PAPER') {
    const segment = data?.segments.find((s) => s.id === input.segmentId);
    facts.paperSegment = !segment ? 'missing' : segment.current ? 'current' : 'other';
    // The row's red count and the history's indicators as they are once this certificate is there.
    if (segment && !segment.current && !inputs.paperCertificates.includes(segment.id)) inputs.paperCertificates.push(segment.id);
  }
  if (project) facts.projectOpen = projectStatus(project, today(now)) === 'open';
  // Rows written without data (a host driving the bare runner) have no indicators to hold them back.
  if (!data || !project) return { facts, project, inputs };
  const indicators = applicationIndicators({ data, project, inputs }, settings);
  const currentIds = new Set(data.segments.filter((s) => s.current).map((s) => s.id));
  const otherTeacher = (code: string, segmentId: string | undefined) =>
    (code === 'teacherCheck' || code === 'teacherQualification') && segmentId !== undefined && !currentIds.has(segmentId);
  facts.redOnTotalOrCurrent = indicators.redOnTotalOrCurrent;
  facts.redIndicatorCodes = indicators.indicators
    .filter((i) => i.level === 'red' && !otherTeacher(i.code, i.segmentId))
    .map((i) => (i.segmentId ? `${i.code}:${i.segmentId}` : i.code));
  facts.otherRedSegmentsWithoutPaper = indicators.missingPaperCertificates;
  facts.redCount = indicators.redCount;
  if (decisionEvents.has(eventType)) facts.indicators = indicatorSnapshot(indicators);
  return { facts, project, indicators, inputs };
}
