import { writeFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { join } from 'node:path';
import t from 'tap';
import { importPhysiciansCommand } from '../../adapters/cli/commands/import-physicians.js';
import { physicianCsvColumns } from '../../src/registry/csv-import.js';
import { createPostgresPhysicianRegistry } from '../../src/registry/physician-registry.js';
import { openTestDatabase } from '../helpers/database.js';

const db = await openTestDatabase(t);
const header = physicianCsvColumns.join(',');
const row = (i: number, name = `医师${i}`) => `${110420100000000 + i},${name},执业医师,临床,武汉市第一医院,注册`;

/** Captures what the command writes. */
function streams(isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    options: { stdout: { write: (s: string) => out.push(s) }, stderr: { isTTY, write: (s: string) => err.push(s) }, database: db },
  };
}

async function csvFile(dir: string, lines: string[]): Promise<string> {
  const path = join(dir, 'physicians.csv');
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

t.beforeEach(() => db.kysely.deleteFrom('pw_physicians').execute());

t.test('imports a file and prints a summary listing the first 20 rejected lines', async (t) => {
  const lines = [header, ...Array.from({ length: 30 }, (_, i) => row(i, i < 25 ? `医师${i}` : '')), row(0)];
  const path = await csvFile(t.testdir(), lines);
  const { out, err, options } = streams();
  await importPhysiciansCommand([path], options);
  const text = out.join('');
  t.match(text, new RegExp(`^imported ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 32 lines, 31 records in [\\d.]+ s \\(\\d+ rows/s\\)\n`));
  t.match(text, /\n {2}inserted {3}25\n {2}updated {4}0\n {2}unchanged {2}0\n {2}rejected {3}6\n/);
  t.match(text, /rejected lines \(all\):\n {2}line 27: 姓名为空\n(?:.*\n){4} {2}line 32: 证书编码与第2行重复（保留先出现的行）\n$/);
  t.same(err, [], 'no progress line for an import shorter than the interval');
  t.match(await createPostgresPhysicianRegistry(db.kysely).lookup(String(110420100000024)), { name: '医师24' });
});

t.test('lists only the first 20 of many rejected lines', async (t) => {
  const path = await csvFile(t.testdir(), [header, ...Array.from({ length: 25 }, (_, i) => row(i, ''))]);
  const { out, options } = streams();
  await importPhysiciansCommand([path], options);
  const text = out.join('');
  t.match(text, /rejected lines \(first 20 of 25\):\n/);
  t.equal(text.match(/^ {2}line \d+: /gm)?.length, 20);
  t.match(text, / {2}… 5 more\n$/);
});

t.test('prints progress lines to stderr while it runs', async (t) => {
  const path = await csvFile(t.testdir(), [header, ...Array.from({ length: 5000 }, (_, i) => row(i))]);
  const { err, options } = streams();
  await importPhysiciansCommand([path], { ...options, progressIntervalMs: 0 });
  t.ok(err.length >= 2, `${err.length} progress lines`);
  t.match(err[0], /^imported \d+ lines \(inserted 2000, updated 0, rejected 0\) \d+ rows\/s\n$/);
});

t.test('rewrites the progress line in place on a terminal', async (t) => {
  const path = await csvFile(t.testdir(), [header, ...Array.from({ length: 3000 }, (_, i) => row(i))]);
  const { err, options } = streams(true);
  await importPhysiciansCommand([path], { ...options, progressIntervalMs: 0 });
  t.match(err[0], /^\rimported /);
  t.equal(err.at(-1), '\n');
});

t.test('fails with a plain message, writing nothing, when the header lacks a column', async (t) => {
  const path = await csvFile(t.testdir(), ['证书编码,姓名', row(1)]);
  const { options } = streams();
  const error = (await importPhysiciansCommand([path], options).catch((e: unknown) => e)) as Error;
  t.match(error.message, /表头缺少列：医师级别、执业类别、执业单位、状态/);
  t.match(error.message, /nothing was imported$/);
  t.equal(inspect(error), error.message, 'printed by the CLI without a stack trace');
  t.same(await db.kysely.selectFrom('pw_physicians').selectAll().execute(), []);
});

t.test('fails when the file cannot be read or no file is named', async (t) => {
  const { options } = streams();
  const dir = t.testdir();
  await t.rejects(importPhysiciansCommand([join(dir, 'missing.csv')], options), { message: /^cannot read .*missing\.csv: ENOENT/ });
  await t.rejects(importPhysiciansCommand([dir], options), { message: /^cannot read .*: not a regular file/ });
  await t.rejects(importPhysiciansCommand([], options), { message: /^usage: probation-workflow import-physicians FILE\.csv/ });
  await t.rejects(importPhysiciansCommand(['a.csv', 'b.csv'], options), { message: /^usage:/ });
});

t.test('opens, migrates and closes the embedded database under DATA_DIR when none is given', { timeout: 90_000 }, async (t) => {
  const dir = t.testdir();
  const path = await csvFile(dir, [header, row(1)]);
  const out: string[] = [];
  await importPhysiciansCommand([path], {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: () => {} },
    env: { DATA_DIR: join(dir, 'data') },
  });
  t.match(out.join(''), /inserted {3}1\n/);
});
