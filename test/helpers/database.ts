import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/persistence/database.js';
import { migrateToLatest } from '../../src/persistence/migrate.js';

/** A database opened for one test file; `url`/`schema` are set on PostgreSQL. */
export type TestDatabase = Database & { url?: string; schema?: string };

/** The part of a tap Test the helper uses (the root `t` and subtests both have it). */
export interface TeardownHost {
  teardown(fn: () => unknown): unknown;
}

export interface TestDatabaseOptions {
  /** Embedded even when DATABASE_URL is set (tests of the PGlite adapter itself). */
  embedded?: boolean;
}

/**
 * A fresh, migrated, isolated database for a test. With `DATABASE_URL` set:
 * a new schema `t_<pid>_<random>` on that server, dropped (cascade) on
 * close. Otherwise an in-memory PGlite loaded from a migrated template dump
 * cached in the OS temp directory (about 1 s instead of 4–9 s of initdb).
 * Passing `t` closes it in `t.teardown`. Test files run in parallel
 * processes: nothing here is shared between two databases.
 *
 * @example
 * import t from 'tap';
 * const db = await openTestDatabase(t);
 * await db.kysely.selectFrom('pw_applications').selectAll().execute();
 */
export async function openTestDatabase(t?: TeardownHost, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = options.embedded ? undefined : process.env.DATABASE_URL || undefined;
  const database = url === undefined ? await openEmbedded() : await openSchema(url);
  t?.teardown(() => database.close());
  return database;
}

async function openSchema(url: string): Promise<TestDatabase> {
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  // Small pool: many test files hold databases on one server at once.
  const database = await openDatabase({ url, schema, maxConnections: 4 });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.kysely);
      } finally {
        await database.close();
      }
    })());
  try {
    await migrateToLatest(database.kysely);
  } catch (error) {
    await close();
    throw error;
  }
  return { kysely: database.kysely, kind: database.kind, url, schema, close };
}

async function openEmbedded(): Promise<TestDatabase> {
  const { blob, cached } = await embeddedTemplateEntry();
  try {
    return await openDatabase({ dataDir: 'memory://', loadDataDir: blob });
  } catch (error) {
    if (!cached) throw error;
    // A damaged cache file must not fail every run until someone deletes it.
    await rm(await templateFile(), { force: true });
    template = undefined;
    return openDatabase({ dataDir: 'memory://', loadDataDir: (await embeddedTemplateEntry()).blob });
  }
}

let template: Promise<{ blob: Blob; cached: boolean }> | undefined;

/**
 * The migrated template dump (an uncompressed tarball of the data directory) for embedded test
 * databases, built once per migration set and PGlite version and cached as
 * `<tmpdir>/probation-workflow-test-template-<hash>.tar`. A build writes a
 * temp file and renames it, so a parallel test process never reads half a file
 * (two processes may both build it the first time; the last rename wins, with
 * equivalent content).
 *
 * @example
 * const pool = await openPglitePool({ loadDataDir: await embeddedTemplate() });
 */
export async function embeddedTemplate(): Promise<Blob> {
  return (await embeddedTemplateEntry()).blob;
}

function embeddedTemplateEntry(): Promise<{ blob: Blob; cached: boolean }> {
  template ??= loadOrBuildTemplate();
  return template;
}

async function loadOrBuildTemplate(): Promise<{ blob: Blob; cached: boolean }> {
  const file = await templateFile();
  try {
    return { blob: new Blob([await readFile(file)]), cached: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  let blob: Blob;
  try {
    await migrateToLatest(database.kysely);
    // Uncompressed: 40 MB on disk, but every test database opens ~0.3 s faster.
    blob = await database.dumpDataDir!('none');
  } finally {
    await database.close();
  }
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, new Uint8Array(await blob.arrayBuffer()));
    await rename(temporary, file);
  } catch {
    // Only a cache: a read-only or full temp directory costs time, not correctness.
    await rm(temporary, { force: true });
  }
  return { blob, cached: false };
}

async function templateFile(): Promise<string> {
  return join(tmpdir(), `probation-workflow-test-template-${await templateHash()}.tar`);
}

/** Changes whenever a migration, the migrator or the PGlite version changes. */
async function templateHash(): Promise<string> {
  const hash = createHash('sha256');
  const persistence = fileURLToPath(new URL('../../src/persistence/', import.meta.url));
  const migrations = join(persistence, 'migrations');
  const files = [
    join(persistence, 'migrate.ts'),
    ...(await readdir(migrations)).filter((f) => f.endsWith('.ts')).sort().map((f) => join(migrations, f)),
  ];
  for (const f of files) {
    hash.update(f.slice(persistence.length)).update('\0').update(await readFile(f)).update('\0');
  }
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(await readFile(join(dirname(pgliteEntry), '..', 'package.json')));
  return hash.digest('hex').slice(0, 16);
}
