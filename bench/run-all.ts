/**
 * `npm run bench`: every benchmark of docs/performance.md, one after the
 * other, each in its own process (so one's memory does not show in the
 * next's RSS), tables on stdout, progress on stderr.
 *
 * Generates the data first if the database holds no applications
 * (bench/generate-data.ts; --quick: 1,000 institutions, 100,000
 * applications, 500,000 physicians instead of 10,000 / 1,000,000 /
 * 5,000,000). --quick also shortens every loop and imports 200,000 and
 * 1,000,000 rows instead of 1,000,000 and 5,000,000. --only a,b runs some:
 * transitions, http, http-layers, lists, explain, import, embedded, export. The run
 * ends with every `RATIO <name> <value> <target>` line again.
 */
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchArgs, benchUrl, ensureDatabase, log, reportLoad } from './bench-support.js';

// Every `RATIO <name> <value> <target>` line the benchmarks printed, repeated at the very end so the
// run's last lines are the targets, one per line, for grep.
const ratios: string[] = [];

function run(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    log(`\n== ${script} ${args.join(' ')}`);
    const p = fork(fileURLToPath(new URL(`./${script}.js`, import.meta.url)), args, { stdio: ['inherit', 'pipe', 'inherit', 'ipc'] });
    const lines = createInterface({ input: p.stdout! });
    lines.on('line', (line) => {
      console.log(line);
      if (line.startsWith('RATIO ')) ratios.push(line);
    });
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const args = benchArgs();
  const quick = args.has('quick');
  const only = args.has('only') ? new Set(String(args.get('only')).split(',')) : undefined;
  const wanted = (name: string) => !only || only.has(name);

  await ensureDatabase(benchUrl());
  await reportLoad();
  const client = new pg.Client({ connectionString: benchUrl() });
  await client.connect();
  const { rows } = await client.query(`select to_regclass('pw_applications') is not null as present`);
  const filled = rows[0]?.present && (await client.query('select exists (select 1 from pw_applications) as filled')).rows[0]?.filled;
  await client.end();
  if (!filled) await run('generate-data', quick ? ['--quick', '--verify'] : ['--verify']);

  console.log(`Benchmarks on ${benchUrl()}, Node ${process.version}${quick ? ' (--quick)' : ''}, ${new Date().toISOString()}`);
  const loops = quick ? ['--seconds', '2', '--rounds', '2'] : [];
  if (wanted('transitions')) await run('transitions', loops);
  if (wanted('http')) await run('http', quick ? ['--seconds', '4', '--rounds', '2'] : []);
  if (wanted('http-layers')) await run('http-layers', quick ? ['--iterations', '200', '--rounds', '2'] : []);
  if (wanted('lists')) await run('lists', quick ? ['--iterations', '100'] : []);
  if (wanted('explain')) await run('explain-lists', []);
  if (wanted('import')) {
    await run('import-physicians', ['--rows', quick ? '200000' : '1000000']);
    await run('import-physicians', ['--rows', quick ? '1000000' : '5000000']);
  }
  if (wanted('embedded')) await run('embedded', quick ? ['--seconds', '2'] : []);
  if (wanted('export')) await run('export', quick ? ['--rounds', '1'] : []);
  if (ratios.length > 0) console.log(`\n${ratios.join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
