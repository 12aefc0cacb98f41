import { CompiledQuery } from 'kysely';
import { prepared } from '../persistence/prepared-statements.js';
import type { ApplicationData } from '../domain/application-data.js';
import { computeIndicators, type IndicatorResult } from '../domain/indicators.js';
import type { MonthCounting } from '../domain/probation-months.js';
import type { Reader } from '../engine/workflow-definition.js';
import type { Tables } from '../persistence/schema.js';
import { createPostgresPhysicianRegistry, type PhysicianRegistry } from '../registry/physician-registry.js';
import { normaliseCertNo, type PhysicianRecord } from '../domain/physician-record.js';
import { textArray } from '../registry/array-literals.js';
import { isUuid } from '../engine/transition-runner.js';
import { parseTimestamptz } from '../persistence/type-parsers.js';
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

/** A current paper certificate as the detail lists it (read with the inputs when asked). */
export interface PaperCertificateRow {
  id: string;
  segmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string | null;
}

/** What the indicators of one application are computed from, read together. */
export interface IndicatorInputs {
  project: ProjectRecord | undefined;
  physicians: Map<string, PhysicianRecord>;
  paperCertificates: string[];
  /** With `detail`: the institution's name and the current paper certificates, from the same statement. */
  institution?: { id: string; name: string | null } | null;
  paperRows?: PaperCertificateRow[];
}

interface InputsRow {
  project: { id: string; name: string; business_code: string; starts_on: string; approval_deadline: string; probation_cutoff: string; created_at: string } | null;
  physicians: PhysicianRecord[] | null;
  papers: string[] | null;
  institution?: { id: string; name: string | null } | null;
  paper_rows?: (Omit<PaperCertificateRow, 'uploadedAt'> & { uploadedAt: string })[] | null;
}

/**
 * One JSON value with what the guards read besides the row: the project, the teachers' registry
 * rows and the segments with a current paper certificate. The operands are SQL: parameters for a
 * read of its own, or the locked row's columns (`t.project_id` …) for the read that goes with the
 * lock.
 */
function inputsJson(projectId: string, certNos: string, applicationId: string, more = ''): string {
  return `json_build_object(
    'project', (select json_build_object('id', p.id, 'name', p.name, 'business_code', p.business_code, 'starts_on', p.starts_on::text,
       'approval_deadline', p.approval_deadline::text, 'probation_cutoff', p.probation_cutoff::text, 'created_at', p.created_at)
       from pw_projects p where p.id = ${projectId}),
    'physicians', (select json_agg(json_build_object('certNo', r.cert_no, 'name', r.name, 'level', r.level, 'category', r.category, 'unit', r.unit, 'status', r.status))
       from pw_physicians r where r.cert_no = any(${certNos})),
    'papers', (select json_agg(distinct a.segment_id) from pw_attachments a
       where a.owner_type = 'application' and a.owner_id = ${applicationId} and a.kind = 'paperCertificate'
         and a.superseded_at is null and a.segment_id is not null)${more})`;
}

// What the detail view shows besides the guards' inputs: the institution's name and the current
// paper certificates' rows.
const detailJson = (institutionId: string, applicationId: string) => `,
    'institution', (select json_build_object('id', i.id, 'name', i.name) from pw_institutions i where i.id = ${institutionId}),
    'paper_rows', (select json_agg(json_build_object('id', a.id, 'segmentId', a.segment_id, 'fileName', a.file_name, 'contentType', a.content_type,
       'size', a.size, 'uploadedAt', a.created_at, 'uploadedBy', a.uploaded_by) order by a.created_at)
       from pw_attachments a where a.owner_type = 'application' and a.owner_id = ${applicationId} and a.kind = 'paperCertificate'
         and a.superseded_at is null)`;

// The stored numbers as typed, upper-cased: the usual form. One typed with spaces or full-width
// digits is looked up again after normalising (see readIndicatorInputs' `preread`).
const storedCertNos = `array(select upper(s->>'teacherCertNo') from jsonb_array_elements(t.data->'segments') s)`;

const lockedInputs = {
  registry: inputsJson('t.project_id', storedCertNos, 't.id'),
  // A host registry is asked in JS; the statement reads no pw_physicians rows.
  hostRegistry: inputsJson('t.project_id', `'{}'::text[]`, 't.id'),
};

/**
 * The SQL expression over the locked application row `t` that reads what the guards need in the
 * same statement as the lock (the workflow's `lockedReads`); its value is the `preread` of
 * {@link readIndicatorInputs}.
 *
 * @example
 * const expression = lockedIndicatorInputs({ registry: undefined });
 */
export function lockedIndicatorInputs(settings: IndicatorSettings = {}): string {
  return settings.registry ? lockedInputs.hostRegistry : lockedInputs.registry;
}

const detailInputs = {
  registry: inputsJson('t.project_id', storedCertNos, 't.id', detailJson('t.institution_id', 't.id')),
  hostRegistry: inputsJson('t.project_id', `'{}'::text[]`, 't.id', detailJson('t.institution_id', 't.id')),
};

/**
 * The SQL expression over the application row `t` that a detail page reads with the row and its
 * history (the workflow's `detailReads`): the inputs of {@link lockedIndicatorInputs} plus the
 * institution's name and the paper certificates' rows; its value is the `preread` of
 * {@link readIndicatorInputs} with `detail`.
 *
 * @example
 * const expression = detailIndicatorInputs({});
 */
export function detailIndicatorInputs(settings: IndicatorSettings = {}): string {
  return settings.registry ? detailInputs.hostRegistry : detailInputs.registry;
}

const statements = {
  command: prepared(`select ${inputsJson('$1::uuid', '$2::text[]', '$3::uuid')} as inputs`),
  detail: prepared(`select ${inputsJson('$1::uuid', '$2::text[]', '$3::uuid', detailJson('$4::uuid', '$3::uuid'))} as inputs`),
};

/**
 * Reads, in one statement (one round trip inside a command), what a
 * command's guards and the detail view need besides the row: the project,
 * the registry rows of the teachers (when the registry is the default
 * pw_physicians table; a host registry is asked separately) and the
 * segments with a current paper certificate. With `preread` (what the
 * lock's statement already read, see {@link lockedIndicatorInputs}) only
 * teacher numbers typed in an unusual form are read again.
 *
 * @example
 * const { project, physicians, paperCertificates } = await readIndicatorInputs(trx, { projectId, applicationId, certNos: ['110420100012345'] });
 */
export async function readIndicatorInputs(
  reader: Reader,
  input: {
    projectId: string | null | undefined;
    applicationId: string | null | undefined;
    certNos: readonly string[];
    /** The detail view also needs the institution's name and the paper certificates' rows: the same round trip brings them. */
    detail?: { institutionId: string | null | undefined };
    /** The inputs as the command's lock already read them. */
    preread?: unknown;
  },
  settings: IndicatorSettings = {},
): Promise<IndicatorInputs> {
  const keys = settings.registry ? [] : [...new Set(input.certNos.map(normaliseCertNo).filter((k) => k !== ''))];
  let row: InputsRow | undefined;
  if (input.preread !== undefined) {
    row = input.preread as InputsRow;
  } else {
    const id = (value: string | null | undefined) => (value && isUuid(value) ? value : null);
    const params = [id(input.projectId), textArray(keys), id(input.applicationId)];
    const statement = input.detail ? statements.detail : statements.command;
    if (input.detail) params.push(id(input.detail.institutionId));
    const { rows } = await reader.executeQuery<{ inputs: InputsRow }>(CompiledQuery.raw(statement, params));
    row = rows[0]?.inputs;
  }
  const project = row?.project
    ? {
        id: row.project.id,
        name: row.project.name,
        businessCode: row.project.business_code,
        startsOn: row.project.starts_on,
        approvalDeadline: row.project.approval_deadline,
        probationCutoff: row.project.probation_cutoff,
        createdAt: new Date(row.project.created_at).toISOString(),
      }
    : undefined;
  let physicians: Map<string, PhysicianRecord>;
  if (settings.registry) {
    physicians = await settings.registry.lookupMany(input.certNos);
  } else {
    physicians = new Map((row?.physicians ?? []).map((record) => [record.certNo, record]));
    // The lock's read matched the numbers as stored; one typed unusually is looked up once normalised.
    const unusual = input.preread === undefined ? [] : keys.filter((k) => !physicians.has(k) && !input.certNos.some((c) => c.toUpperCase() === k));
    if (unusual.length > 0) for (const [k, record] of await createPostgresPhysicianRegistry(reader).lookupMany(unusual)) physicians.set(k, record);
  }
  const inputs: IndicatorInputs = { project, physicians, paperCertificates: row?.papers ?? [] };
  if (input.detail) {
    inputs.institution = row?.institution ?? null;
    inputs.paperRows = (row?.paper_rows ?? []).map((p) => ({ ...p, segmentId: p.segmentId ?? '', uploadedAt: new Date(parseTimestamptz(p.uploadedAt)).toISOString() }));
  }
  return inputs;
}

/**
 * The indicators of SPEC §4.4 for stored or new data, from what
 * {@link readIndicatorInputs} read.
 *
 * @example
 * const inputs = await readIndicatorInputs(trx, { projectId, applicationId, certNos });
 * const result = applicationIndicators({ data, project: inputs.project!, inputs });
 * result.redOnTotalOrCurrent; // false for the seed's 赵六
 */
export function applicationIndicators(
  input: { data: ApplicationData; project: ProjectRecord; inputs: IndicatorInputs },
  settings: IndicatorSettings = {},
): IndicatorResult {
  return computeIndicators({
    application: input.data,
    project: { approvalDeadline: input.project.approvalDeadline, probationCutoff: input.project.probationCutoff },
    physicians: input.inputs.physicians,
    counting: settings.counting,
    paperCertificates: input.inputs.paperCertificates,
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
