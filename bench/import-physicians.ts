/**
 * Physician import benchmark (SPEC §9: ≥ 50,000 rows/s in flat memory).
 * Not part of the test suite; run with `npm run bench:import`, which
 * compiles this file (and what it imports) to JavaScript first, so the
 * memory figures are those of the import and not of a TypeScript loader.
 *
 * Needs a real PostgreSQL: DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/pw_bench) and `psql` on the PATH. Everything
 * happens in a schema of its own, dropped at the end.
 *
 * Steps: generate ROWS (default 1,000,000; or --rows N) rows into a
 * temporary CSV; time `psql \copy` of that file into a plain table with the
 * same primary key (the baseline: PostgreSQL's own bulk load); time
 * `importPhysicians` into the empty registry, sampling RSS at 25/50/75/100 %
 * of the rows; time a second import of the same file (every row unchanged).
 * --batch N sets importPhysicians' batch size. Prints a markdown table.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/persistence/database.js';
import { benchArgs, benchUrl } from './bench-support.js';
import { migrateToLatest } from '../src/persistence/migrate.js';
import { importPhysicians, physicianCsvColumns, type ImportPhysiciansResult } from '../src/registry/csv-import.js';

const url = benchUrl();
const rows = Number(benchArgs().get('rows') ?? process.env.ROWS ?? 1_000_000);
/** Records per batch (--batch; the default is importPhysicians' own). */
const batchSize = benchArgs().has('batch') ? Number(benchArgs().get('batch')) : undefined;
const schema = `bench_import_${process.pid}`;

const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '欧阳', '阿依古丽·'];
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '买买提'];
const cities = ['武汉市', '黄石市', '十堰市', '宜昌市', '襄阳市', '鄂州市', '荆门市', '孝感市', '荆州市', '黄冈市', '咸宁市', '随州市'];
const kinds = ['第一人民医院', '中心医院', '中医医院', '妇幼保健院', '口腔医院', '疾病预防控制中心', '社区卫生服务中心'];
const categories = ['临床', '口腔', '公共卫生', '中医'];

/** One generated line: realistic lengths, 1 % of units quoted (they hold a comma), 5 % 注销. */
function line(i: number): string {
  const name = surnames[i % surnames.length]! + given[(i * 7) % given.length]! + (i % 3 === 0 ? given[(i * 13) % given.length]! : '');
  const level = i % 4 === 0 ? '执业助理医师' : '执业医师';
  const unit = `${cities[i % cities.length]}${kinds[(i * 5) % kinds.length]}`;
  const status = i % 20 === 0 ? '注销' : '注册';
  const certNo = String(110_420_100_000_000 + i * 37);
  return `${certNo},${name},${level},${categories[i % categories.length]},${i % 100 === 0 ? `"${unit},门诊部"` : unit},${status}\n`;
}

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${physicianCsvColumns.join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += line(i);
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function psql(command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited with ${code}`))));
  });
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const perSecond = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString('en-US');

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-bench-import-'));
  const file = join(dir, 'physicians.csv');
  const database = await openDatabase({ url, schema, maxConnections: 4 });
  try {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} rows … `);
    await generate(file);
    const size = (await stat(file)).size;
    process.stderr.write(`${mb(size)}\n`);
    await migrateToLatest(database.kysely);
    await sql`create table pw_physicians_copy (
      cert_no text primary key, name text not null, level text not null,
      category text not null, unit text not null, status text not null)`.execute(database.kysely);
    const { rows: server } = await sql<{ version: string }>`select current_setting('server_version') as version`.execute(database.kysely);

    process.stderr.write('psql \\copy … ');
    let started = performance.now();
    await psql(`\\copy "${schema}".pw_physicians_copy (cert_no, name, level, category, unit, status) from '${file}' csv header`);
    const copySeconds = (performance.now() - started) / 1000;
    process.stderr.write(`${copySeconds.toFixed(1)} s\n`);

    const samples: { at: string; rss: number }[] = [];
    const rssBefore = process.memoryUsage().rss;
    let nextSample = 1;
    process.stderr.write('importPhysicians … ');
    started = performance.now();
    const first = await importPhysicians(database.kysely, createReadStream(file), {
      ...(batchSize ? { batchSize } : {}),
      onProgress: (p) => {
        while (nextSample <= 4 && p.records >= (rows * nextSample) / 4) {
          samples.push({ at: `${nextSample * 25} %`, rss: process.memoryUsage().rss });
          nextSample++;
        }
      },
    });
    const importSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`${importSeconds.toFixed(1)} s\n`);
    check(first, { inserted: rows });

    process.stderr.write('importPhysicians again (all unchanged) … ');
    started = performance.now();
    const second = await importPhysicians(database.kysely, createReadStream(file), batchSize ? { batchSize } : {});
    const againSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`${againSeconds.toFixed(1)} s\n`);
    check(second, { unchanged: rows });

    const peak = process.resourceUsage().maxRSS * 1024;


    const ratio = copySeconds / importSeconds;
    console.log(`
Physician import, ${rows.toLocaleString('en-US')} rows, batches of ${batchSize ?? 'the default 2000'} (${mb(size)} CSV), PostgreSQL ${server[0]!.version}, Node ${process.version}

| what | time | rows/s |
|---|---:|---:|
| \`psql \\copy\` into a plain table with the same primary key (baseline) | ${copySeconds.toFixed(1)} s | ${perSecond(rows, copySeconds)} |
| \`importPhysicians\` into the empty registry | ${importSeconds.toFixed(1)} s | ${perSecond(rows, importSeconds)} |
| \`importPhysicians\` again, every row unchanged | ${againSeconds.toFixed(1)} s | ${perSecond(rows, againSeconds)} |

Import rate / COPY rate: ${ratio.toFixed(2)} (target ≥ 0.5 ${ratio >= 0.5 ? 'met' : 'NOT met'}); ${perSecond(rows, importSeconds)} rows/s (target ≥ 50,000 ${rows / importSeconds >= 50_000 ? 'met' : 'NOT met'}).

| RSS of the importing process | |
|---|---:|
| before the import | ${mb(rssBefore)} |
${samples.map((s) => `| after ${s.at} of the rows | ${mb(s.rss)} |`).join('\n')}
| peak (maxRSS) through both imports | ${mb(peak)} |
`);
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.kysely).catch(() => {});
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function check(result: ImportPhysiciansResult, expected: Partial<ImportPhysiciansResult>): void {
  for (const [key, value] of Object.entries(expected)) {
    if (result[key as keyof ImportPhysiciansResult] !== value) {
      throw new Error(`unexpected import result: ${JSON.stringify({ ...result, rejected: result.rejected.slice(0, 5) })}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
