import type { Kysely } from 'kysely';
import type { ApplicationData } from '../domain/application-data.js';
import { computeIndicators, type IndicatorResult } from '../domain/indicators.js';
import type { MonthCounting } from '../domain/probation-months.js';
import type { Reader } from '../engine/workflow-definition.js';
import type { Tables } from '../persistence/schema.js';
import { createPostgresPhysicianRegistry, type PhysicianRegistry } from '../registry/physician-registry.js';
import type { ProjectRecord } from '../projects/project-store.js';

/** How the application area computes indicators; the same for commands and reads. */
export interface IndicatorSettings {
  /** Month counting of SPEC §4.4 (default `inclusive`). */
  counting?: MonthCounting;
  /**
   * A host's own physician registry. Default: the pw_physicians table, read
   * through the caller's executor (inside a command, its transaction).
   */
  registry?: PhysicianRegistry;
}

/**
 * Segment ids of an application that have a stamped paper certificate
 * (the latest upload of each; superseded ones do not count twice).
 *
 * @example
 * await paperCertificateSegments(trx, applicationId); // ['s2']
 */
export async function paperCertificateSegments(reader: Reader, applicationId: string): Promise<string[]> {
  const rows = await reader
    .selectFrom('pw_attachments')
    .select('segment_id')
    .distinct()
    .where('owner_type', '=', 'application')
    .where('owner_id', '=', applicationId)
    .where('kind', '=', 'paperCertificate')
    .where('superseded_at', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.segment_id ? [r.segment_id] : []));
}

/**
 * The indicators of SPEC §4.4 for stored or new data: the teachers looked
 * up in the registry, the uploaded paper certificates read, all through
 * `reader` (pass the command's transaction inside a command).
 *
 * @example
 * const result = await applicationIndicators(trx, { applicationId, data, project });
 * result.redOnTotalOrCurrent; // false for the seed's 赵六
 */
export async function applicationIndicators(
  reader: Reader,
  input: { applicationId?: string | null; data: ApplicationData; project: ProjectRecord },
  settings: IndicatorSettings = {},
): Promise<IndicatorResult> {
  const registry = settings.registry ?? createPostgresPhysicianRegistry(reader as Kysely<Tables>);
  const physicians = await registry.lookupMany(input.data.segments.map((s) => s.teacherCertNo));
  const paperCertificates = input.applicationId ? await paperCertificateSegments(reader, input.applicationId) : [];
  return computeIndicators({
    application: input.data,
    project: { approvalDeadline: input.project.approvalDeadline, probationCutoff: input.project.probationCutoff },
    physicians,
    counting: settings.counting,
    paperCertificates,
  });
}

/**
 * The indicator snapshot stored with every decision in the history (what
 * the reviewer saw): the indicators, the total and the red count.
 *
 * @example
 * facts.indicators = indicatorSnapshot(result);
 */
export function indicatorSnapshot(result: IndicatorResult): Record<string, unknown> {
  return {
    totalMonths: result.totalMonths,
    redCount: result.redCount,
    indicators: result.indicators,
    missingPaperCertificates: result.missingPaperCertificates,
  };
}
