import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { normaliseCertNo } from '../domain/physician-record.js';
import { isPhysicianLevel, isPracticeCategory } from '../domain/practice-categories.js';
import { validationFailed } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import { intArray, textArray } from './array-literals.js';
import { createCsvReader, type CsvReader, type CsvRecord } from './csv-reader.js';

/** The header of a registry CSV file, in the usual order (any order is accepted; extra columns are ignored). */
export const physicianCsvColumns = ['证书编码', '姓名', '医师级别', '执业类别', '执业单位', '状态'] as const;

export type PhysicianCsvColumn = (typeof physicianCsvColumns)[number];

/** A line of the file that was not imported, and why (Chinese). */
export interface RejectedLine {
  /** Physical line number (the header is line 1); for a record spanning lines, the line it starts on. */
  line: number;
  reason: string;
}

/** Counters of a running import, as passed to `onProgress` after every batch. */
export interface ImportProgress {
  /** Physical lines read so far, the header included. */
  lines: number;
  /** Data records read so far (not counting the header and empty lines). */
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportPhysiciansOptions {
  /** Records per upsert statement (default 2000). Each batch is one statement, so one transaction. */
  batchSize?: number;
  /** Called after every batch is written and once at the end. Keep it cheap: the import waits for it. */
  onProgress?: (progress: ImportProgress) => void;
  /** `updated_at` of inserted and changed rows (default: when the import starts). */
  now?: Date;
  /** Rejected lines kept in the result (default 10,000); `rejectedTotal` counts them all. */
  maxRejected?: number;
}

export interface ImportPhysiciansResult {
  /** Physical lines in the file, the header included. */
  lines: number;
  /** Data records: `inserted + updated + unchanged + rejectedTotal`. */
  records: number;
  /** Certificate numbers the registry did not hold before. */
  inserted: number;
  /** Known numbers whose name, level, category, unit or status changed. */
  updated: number;
  /** Known numbers imported with exactly the values already held. */
  unchanged: number;
  /** The first `maxRejected` rejected lines, in file order. */
  rejected: RejectedLine[];
  /** Every rejected line, including those beyond `maxRejected`. */
  rejectedTotal: number;
}

/** Where the bytes come from: a file or upload stream, or any async iterable of chunks. */
export type CsvSource = AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream;

/** Longest values accepted; real ones are far shorter, and the limits keep junk out of the table. */
const maxLength = { name: 100, unit: 200, status: 50 } as const;

/** Certificate numbers as the application form accepts them (`application-data`), after folding. */
const certNoPattern = /^[0-9A-Z]{5,30}$/;

/**
 * Imports a physician registry CSV file (SPEC §4.6) into `pw_physicians`.
 *
 * The file is read as a stream and written in batches: memory use does not
 * grow with the file (only the first `maxRejected` rejected lines are kept).
 * Each batch is one `insert … on conflict do update` statement with the
 * columns passed as seven array parameters, so a batch is a single round
 * trip and a single transaction: an interrupted import leaves whole batches,
 * and running it again gives the same table.
 *
 * - Header: the first line must name the six columns of
 *   {@link physicianCsvColumns} (any order, extra columns ignored). Otherwise
 *   nothing is written and a VALIDATION_FAILED error says what is missing.
 * - Encoding: UTF-8, with or without BOM. A GBK file fails the header check
 *   with a hint to save it as UTF-8.
 * - A line that is malformed or fails a rule is rejected with its line
 *   number and a Chinese reason, and the import goes on (see docs/registry.md
 *   for the rules).
 * - A certificate number that appears again further down the file: the first
 *   line wins and the later one is rejected, naming the first line.
 * - Counting: `inserted` (new number), `updated` (values changed),
 *   `unchanged` (same values). Importing the same file twice reports 0
 *   inserted and 0 updated the second time.
 *
 * @example
 * import { createReadStream } from 'node:fs';
 * const result = await importPhysicians(database.kysely, createReadStream('physicians.csv'), {
 *   onProgress: (p) => console.error(`${p.lines} lines`),
 * });
 * // { lines: 3, records: 2, inserted: 1, updated: 0, unchanged: 0,
 * //   rejected: [{ line: 3, reason: '医师级别“医师”无效（应为 执业医师 或 执业助理医师）' }], rejectedTotal: 1 }
 */
export async function importPhysicians(
  db: Kysely<Tables>,
  source: CsvSource,
  options: ImportPhysiciansOptions = {},
): Promise<ImportPhysiciansResult> {
  const batchSize = options.batchSize ?? 2000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const importer = new Importer(db, batchSize, options.now ?? new Date(), options.maxRejected ?? 10_000, options.onProgress);
  const reader = createCsvReader();
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      await importer.drain(reader);
    }
    reader.push(decoder.decode());
    reader.end();
    await importer.drain(reader);
    return await importer.finish(reader.lines);
  } finally {
    // On a failed read, the batch being written still finishes before the caller may close the database.
    await importer.settle().catch(() => {});
  }
}

/** Column positions of the file, from its header. */
interface ColumnIndexes {
  count: number;
  certNo: number;
  name: number;
  level: number;
  category: number;
  unit: number;
  status: number;
}

class Importer {
  readonly #db: Kysely<Tables>;
  readonly #batchSize: number;
  readonly #now: Date;
  readonly #maxRejected: number;
  readonly #onProgress: ((progress: ImportProgress) => void) | undefined;
  readonly #importId = randomUUID();
  #columns: ColumnIndexes | undefined;
  #batch = new Batch();
  /** Rejections of the current batch's lines, kept until it is written so the list stays in file order. */
  #pending: RejectedLine[] = [];
  /** The batch being written while the next one is read (at most one, so batches land in file order). */
  #writing: Promise<void> | undefined;
  #lines = 0;
  readonly #counts = { records: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  readonly #rejected: RejectedLine[] = [];

  constructor(db: Kysely<Tables>, batchSize: number, now: Date, maxRejected: number, onProgress?: (progress: ImportProgress) => void) {
    this.#db = db;
    this.#batchSize = batchSize;
    this.#now = now;
    this.#maxRejected = maxRejected;
    this.#onProgress = onProgress;
  }

  /** Takes every complete record out of the reader, writing full batches as they fill. */
  async drain(reader: CsvReader): Promise<void> {
    for (let record = reader.next(); record !== undefined; record = reader.next()) {
      this.#lines = reader.lines;
      if (this.#columns === undefined) {
        this.#columns = readHeader(record);
        continue;
      }
      this.#take(record, this.#columns);
      // Rejections count too: a long run of bad lines must not pile up or starve the event loop.
      if (this.#batch.size + this.#pending.length >= this.#batchSize) await this.#flush();
    }
    this.#lines = reader.lines;
  }

  async finish(lines: number): Promise<ImportPhysiciansResult> {
    if (this.#columns === undefined) throw headerProblem('emptyFile', '文件为空：第1行应为表头（证书编码,姓名,医师级别,执业类别,执业单位,状态）');
    await this.#flush();
    await this.settle();
    this.#lines = lines;
    this.#onProgress?.(this.#progress());
    const { records, inserted, updated, unchanged, rejected } = this.#counts;
    return { lines, records, inserted, updated, unchanged, rejected: this.#rejected, rejectedTotal: rejected };
  }

  #progress(): ImportProgress {
    return { lines: this.#lines, ...this.#counts };
  }

  #reject(line: number, reason: string): void {
    this.#counts.rejected++;
    this.#pending.push({ line, reason });
  }

  /** Keeps a batch's rejections (both lists in line order, merged) up to `maxRejected`. */
  #keepRejected(pending: RejectedLine[], later: RejectedLine[]): void {
    let i = 0;
    let j = 0;
    while ((i < pending.length || j < later.length) && this.#rejected.length < this.#maxRejected) {
      const next = j >= later.length || (i < pending.length && pending[i]!.line < later[j]!.line) ? pending[i++]! : later[j++]!;
      // A reason may hold a slice of a field, and a V8 slice keeps its whole
      // source chunk alive: keep a copy.
      this.#rejected.push({ line: next.line, reason: detach(next.reason) });
    }
  }

  #take(record: CsvRecord, columns: ColumnIndexes): void {
    const { line } = record;
    if (record.fields === undefined) {
      this.#counts.records++;
      this.#reject(line, record.error);
      return;
    }
    const fields = record.fields;
    const rawCertNo = fields[columns.certNo] ?? '';
    if ((fields.length !== columns.count || rawCertNo.trim() === '') && isBlank(fields)) return;
    this.#counts.records++;
    if (fields.length !== columns.count) {
      this.#reject(line, `字段数为 ${fields.length}，应为 ${columns.count}（与表头一致）`);
      return;
    }
    const problems: string[] = [];
    // Most numbers are already plain digits; folding (NFKC) is the slow part.
    const certNo = certNoPattern.test(rawCertNo) ? rawCertNo : normaliseCertNo(rawCertNo);
    if (certNo === '') problems.push('证书编码为空');
    else if (!certNoPattern.test(certNo)) problems.push(`证书编码${quoted(rawCertNo)}格式不正确（应为5至30位数字或字母）`);
    const name = fields[columns.name]!.trim();
    if (name === '') problems.push('姓名为空');
    else if (name.length > maxLength.name) problems.push(`姓名超过${maxLength.name}个字符`);
    const level = fields[columns.level]!.trim();
    if (!isPhysicianLevel(level)) {
      problems.push(level === '' ? '医师级别为空（应为 执业医师 或 执业助理医师）' : `医师级别${quoted(level)}无效（应为 执业医师 或 执业助理医师）`);
    }
    const category = fields[columns.category]!.trim();
    if (!isPracticeCategory(category)) {
      problems.push(
        category === '' ? '执业类别为空（应为 临床、口腔、公共卫生 或 中医）' : `执业类别${quoted(category)}无效（应为 临床、口腔、公共卫生 或 中医）`,
      );
    }
    const unit = fields[columns.unit]!.trim();
    if (unit.length > maxLength.unit) problems.push(`执业单位超过${maxLength.unit}个字符`);
    const status = fields[columns.status]!.trim();
    if (status === '') problems.push('状态为空');
    else if (status.length > maxLength.status) problems.push(`状态超过${maxLength.status}个字符`);
    if (name.includes('\uFFFD') || unit.includes('\uFFFD') || status.includes('\uFFFD')) {
      problems.push('含有无法识别的字符（文件须为 UTF-8 编码）');
    }
    if (problems.length > 0) {
      this.#reject(line, problems.join('；'));
      return;
    }
    const first = this.#batch.lineOf(certNo);
    if (first !== undefined) {
      this.#reject(line, duplicateReason(first));
      return;
    }
    this.#batch.add(certNo, name, level, category, unit, status, line);
  }

  /** Waits for the batch being written; its error, if any, is thrown here. */
  async settle(): Promise<void> {
    const writing = this.#writing;
    this.#writing = undefined;
    await writing;
  }

  /**
   * Hands the batch to the database and returns without waiting for it, so
   * the next batch is parsed while PostgreSQL works (Node and PostgreSQL use
   * different cores); only the previous batch is awaited first.
   */
  async #flush(): Promise<void> {
    const batch = this.#batch;
    const pending = this.#pending;
    if (batch.size === 0 && pending.length === 0) return;
    this.#batch = new Batch();
    this.#pending = [];
    await this.settle();
    const writing = this.#write(batch, pending);
    // Awaited by the next flush or settle(); until then it must not count as unhandled.
    writing.catch(() => {});
    this.#writing = writing;
    // PGlite answers through microtasks only: without this, timers and I/O would wait for the whole import.
    await yieldToEventLoop();
  }

  async #write(batch: Batch, pending: RejectedLine[]): Promise<void> {
    const repeats: RejectedLine[] = [];
    if (batch.size > 0) {
      const written = await upsertBatch(this.#db, batch, this.#now, this.#importId);
      let inserted = 0;
      let updated = 0;
      for (const row of written) {
        if (row.inserted) inserted++;
        else if (row.changed) updated++;
      }
      this.#counts.inserted += inserted;
      this.#counts.updated += updated;
      this.#counts.unchanged += written.length - inserted - updated;
      if (written.length < batch.size) {
        // Left out by the upsert: this import wrote the number in an earlier batch.
        const writtenLines = new Set(written.map((row) => row.line));
        const lines = batch.lines.filter((line) => !writtenLines.has(line));
        const firstLines = await firstLinesOf(this.#db, batch, lines, this.#importId);
        for (const line of lines) {
          this.#counts.rejected++;
          repeats.push({ line, reason: duplicateReason(firstLines.get(line)) });
        }
      }
    }
    this.#keepRejected(pending, repeats);
    this.#onProgress?.(this.#progress());
  }
}

/** One batch of valid records, column by column (the shape of the statement's array parameters). */
class Batch {
  readonly certNos: string[] = [];
  readonly names: string[] = [];
  readonly levels: string[] = [];
  readonly categories: string[] = [];
  readonly units: string[] = [];
  readonly statuses: string[] = [];
  readonly lines: number[] = [];
  /** Line of each number in this batch: a repeat within the batch is caught here, not by the database. */
  readonly #lineOf = new Map<string, number>();

  get size(): number {
    return this.lines.length;
  }

  lineOf(certNo: string): number | undefined {
    return this.#lineOf.get(certNo);
  }

  add(certNo: string, name: string, level: string, category: string, unit: string, status: string, line: number): void {
    this.#lineOf.set(certNo, line);
    this.certNos.push(certNo);
    this.names.push(name);
    this.levels.push(level);
    this.categories.push(category);
    this.units.push(unit);
    this.statuses.push(status);
    this.lines.push(line);
  }
}

/**
 * Upserts a batch and returns the rows it wrote. Every row not yet read by
 * this import is written, changed or not, so that the row carries this
 * import's id: a later batch's row with the same number then fails the
 * `where` and comes back missing, which is how a repeat far down a file is
 * found without remembering every number read. `import_changed` records
 * whether the values differed (what `updated` counts); `updated_at` moves
 * only then.
 */
async function upsertBatch(
  db: Kysely<Tables>,
  batch: Batch,
  now: Date,
  importId: string,
): Promise<{ line: number; inserted: boolean; changed: boolean }[]> {
  const { rows } = await sql<{ line: number; inserted: boolean; changed: boolean }>`
    insert into pw_physicians as p (cert_no, name, level, category, unit, status, updated_at, import_id, import_line, import_changed)
    select b.cert_no, b.name, b.level, b.category, b.unit, b.status, ${now}::timestamptz, ${importId}::uuid, b.line, true
    from unnest(
      ${textArray(batch.certNos)}::text[], ${textArray(batch.names)}::text[], ${textArray(batch.levels)}::text[],
      ${textArray(batch.categories)}::text[], ${textArray(batch.units)}::text[], ${textArray(batch.statuses)}::text[],
      ${intArray(batch.lines)}::int4[]
    ) as b(cert_no, name, level, category, unit, status, line)
    on conflict (cert_no) do update set
      name = excluded.name,
      level = excluded.level,
      category = excluded.category,
      unit = excluded.unit,
      status = excluded.status,
      updated_at = case
        when (p.name, p.level, p.category, p.unit, p.status)
          is distinct from (excluded.name, excluded.level, excluded.category, excluded.unit, excluded.status)
        then excluded.updated_at else p.updated_at end,
      import_id = excluded.import_id,
      import_line = excluded.import_line,
      import_changed = (p.name, p.level, p.category, p.unit, p.status)
        is distinct from (excluded.name, excluded.level, excluded.category, excluded.unit, excluded.status)
    where p.import_id is distinct from excluded.import_id
    returning p.import_line as line, (p.xmax = 0) as inserted, p.import_changed as changed
  `.execute(db);
  return rows;
}

/** For lines whose number this import already wrote: the line that wrote it. */
async function firstLinesOf(db: Kysely<Tables>, batch: Batch, lines: readonly number[], importId: string): Promise<Map<number, number>> {
  const wanted = new Set(lines);
  const certNos = batch.certNos.filter((_, i) => wanted.has(batch.lines[i]!));
  const { rows } = await sql<{ line: number; first: number }>`
    select b.line, p.import_line as first
    from unnest(${textArray(certNos)}::text[], ${intArray(lines)}::int4[]) as b(cert_no, line)
    join pw_physicians p on p.cert_no = b.cert_no
    where p.import_id = ${importId}::uuid
  `.execute(db);
  return new Map(rows.map((r) => [r.line, r.first]));
}

function readHeader(record: CsvRecord): ColumnIndexes {
  if (record.fields === undefined) throw headerProblem('malformedHeader', `第${record.line}行（表头）格式不正确：${record.error}`);
  const names = record.fields.map((f) => f.trim());
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  const missing = physicianCsvColumns.filter((c) => !seen.has(c));
  const repeatedRequired = physicianCsvColumns.filter((c) => repeated.has(c));
  if (missing.length > 0) {
    // Mojibake is how a GBK (Excel's default in China) or other non-UTF-8 file shows up here.
    const encodingHint = names.some((n) => n.includes('\uFFFD')) ? '文件似乎不是 UTF-8 编码（如 GBK），请另存为 UTF-8 后重新导入；' : '';
    throw headerProblem(
      'missingColumns',
      `表头缺少列：${missing.join('、')}。${encodingHint}第1行应包含 ${physicianCsvColumns.join(',')}（顺序不限）`,
    );
  }
  if (repeatedRequired.length > 0) throw headerProblem('repeatedColumns', `表头中的列重复：${repeatedRequired.join('、')}`);
  const at = (column: PhysicianCsvColumn) => names.indexOf(column);
  return {
    count: names.length,
    certNo: at('证书编码'),
    name: at('姓名'),
    level: at('医师级别'),
    category: at('执业类别'),
    unit: at('执业单位'),
    status: at('状态'),
  };
}

function headerProblem(code: string, message: string) {
  return validationFailed([{ field: 'file', code, message }]);
}

function duplicateReason(firstLine: number | undefined): string {
  return firstLine === undefined ? '证书编码与本文件前面的行重复（保留先出现的行）' : `证书编码与第${firstLine}行重复（保留先出现的行）`;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/** A value inside a reason, shortened so a junk line cannot make a huge message. */
function quoted(value: string): string {
  const chars = Array.from(value.trim());
  return `“${chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('')}”`;
}

/** A copy that shares no memory with the string it came from. */
function detach(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
