import { open, type FileHandle } from 'node:fs/promises';
import { inspect } from 'node:util';
import { isWorkflowError, type FieldIssue } from '../../../src/errors.js';
import { openDatabase, type Database } from '../../../src/persistence/database.js';
import { migrateToLatest } from '../../../src/persistence/migrate.js';
import { importPhysicians, type ImportPhysiciansResult, type ImportProgress } from '../../../src/registry/csv-import.js';
import { loadConfig } from '../../server/config.js';
import { databaseOptions } from '../database-options.js';

/** Where the command writes; the process's streams unless a test passes its own. */
export interface ImportPhysiciansCommandOptions {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown; isTTY?: boolean };
  env?: Record<string, string | undefined>;
  /** A migrated database to import into instead of the one the environment names; left open. */
  database?: Database;
  /** Least time between two progress lines (default 1000 ms). */
  progressIntervalMs?: number;
}

/** Rejected lines listed in the summary; the rest are only counted. */
const shownRejected = 20;

/**
 * `probation-workflow import-physicians FILE.csv`: imports the physician
 * registry (SPEC §4.6) into DATABASE_URL or the embedded database, migrating
 * it first. Prints a progress line to stderr at most once a second and a
 * summary with the first rejected lines to stdout. A file that cannot be read
 * or has a wrong header fails the command (exit status 1); rejected lines do
 * not.
 *
 * @example
 * await importPhysiciansCommand(['physicians.csv']);
 * // stderr: imported 120000 lines (inserted 119990, updated 0, rejected 10) 61000 rows/s
 * // stdout: imported physicians.csv: 200001 lines, 200000 records in 3.3 s (61000 rows/s) …
 */
export async function importPhysiciansCommand(args: string[], options: ImportPhysiciansCommandOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  if (args.length !== 1 || args[0] === '' || args[0]!.startsWith('-')) {
    throw commandFailed('usage: probation-workflow import-physicians FILE.csv\n\nFILE.csv: UTF-8 (BOM optional), header 证书编码,姓名,医师级别,执业类别,执业单位,状态');
  }
  const path = args[0]!;
  // Opened before the database, so a mistyped name fails at once, not after a migration.
  const file = await openFile(path);

  let database = options.database;
  const ownDatabase = database === undefined;
  try {
    if (database === undefined) {
      database = await openDatabase(databaseOptions(loadConfig(options.env ?? process.env)));
      await migrateToLatest(database.kysely);
    }
    const started = performance.now();
    const progress = progressPrinter(stderr, started, options.progressIntervalMs ?? 1000);
    let result: ImportPhysiciansResult;
    try {
      result = await importPhysicians(database.kysely, file.createReadStream(), { onProgress: progress.update });
    } catch (error) {
      progress.done();
      if (isWorkflowError(error) && error.code === 'VALIDATION_FAILED') {
        const issues = (error.details ?? []) as FieldIssue[];
        throw commandFailed(`${path}: ${issues.map((i) => i.message).join('\n') || error.message}\nnothing was imported`);
      }
      if (typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined) {
        throw commandFailed(`error reading ${path}: ${(error as Error).message}\nthe batches before the error were imported; run the command again to finish`);
      }
      throw error;
    }
    progress.done();
    stdout.write(summary(path, result, (performance.now() - started) / 1000));
  } finally {
    await file.close().catch(() => {});
    if (ownDatabase) await database?.close();
  }
}

async function openFile(path: string): Promise<FileHandle> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    if (!(await file.stat()).isFile()) throw new Error('not a regular file');
    return file;
  } catch (error) {
    await file?.close();
    throw commandFailed(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function progressPrinter(stderr: NonNullable<ImportPhysiciansCommandOptions['stderr']>, started: number, intervalMs: number) {
  let last = started;
  let printed = false;
  return {
    update(p: ImportProgress) {
      const now = performance.now();
      if (now - last < intervalMs) return;
      last = now;
      const rate = Math.round(p.records / ((now - started) / 1000));
      const line = `imported ${p.lines} lines (inserted ${p.inserted}, updated ${p.updated}, rejected ${p.rejected}) ${rate} rows/s`;
      // On a terminal the line is rewritten in place; in a log, one line per update.
      stderr.write(stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
      printed = true;
    },
    done() {
      if (printed && stderr.isTTY) stderr.write('\n');
    },
  };
}

function summary(path: string, r: ImportPhysiciansResult, seconds: number): string {
  const rate = seconds > 0 ? Math.round(r.records / seconds) : r.records;
  const lines = [
    `imported ${path}: ${r.lines} lines, ${r.records} records in ${seconds.toFixed(1)} s (${rate} rows/s)`,
    `  inserted   ${r.inserted}`,
    `  updated    ${r.updated}`,
    `  unchanged  ${r.unchanged}`,
    `  rejected   ${r.rejectedTotal}`,
  ];
  if (r.rejectedTotal > 0) {
    const shown = r.rejected.slice(0, shownRejected);
    lines.push(`rejected lines (${shown.length < r.rejectedTotal ? `first ${shown.length} of ${r.rejectedTotal}` : 'all'}):`);
    for (const { line, reason } of shown) lines.push(`  line ${line}: ${reason}`);
    if (shown.length < r.rejectedTotal) lines.push(`  … ${r.rejectedTotal - shown.length} more`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A failure the person running the command caused (wrong file, wrong
 * header). The CLI prints a thrown error with console.error and exits 1;
 * this one prints as its bare message, without a stack trace.
 */
function commandFailed(message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, inspect.custom, { value: () => message });
  return error;
}
