/**
 * What every benchmark script shares: argument parsing, the database URL,
 * progress on stderr, percentiles and markdown tables on stdout.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** `--name value` and `--flag` arguments. */
export function benchArgs(argv = process.argv.slice(2)): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) args.set(name, inline);
    else if (next !== undefined && !next.startsWith('--')) {
      args.set(name, next);
      i++;
    } else args.set(name, true);
  }
  return args;
}

/** The benchmark database: DATABASE_URL or a database of its own (never the tests'). */
export function benchUrl(): string {
  return process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/pw_bench';
}

/** Progress, on stderr so stdout carries only the tables. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The p-th percentile (0..100) of sorted samples, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** p50/p95/p99 of samples in milliseconds. */
export function latencies(samples: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** The median of numbers. */
export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** A markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/**
 * One machine-readable line per measured ratio, exactly
 * `RATIO <name> <value> <target>` (e.g. `RATIO engine/bare@8 0.83 0.80`), so
 * the targets can be checked with grep.
 */
export function ratioLine(name: string, value: number, target: number): void {
  console.log(`RATIO ${name} ${value.toFixed(2)} ${target.toFixed(2)}`);
}

/**
 * Prints the 1-minute load average and warns above 1.5: ratios measured on a
 * busy machine say more about the machine than about the code.
 */
export async function reportLoad(): Promise<void> {
  const { loadavg, availableParallelism } = await import('node:os');
  const [one] = loadavg();
  log(`load average ${one!.toFixed(2)} on ${availableParallelism()} cores`);
  if (one! > 1.5) log(`WARNING: load average ${one!.toFixed(2)} > 1.5: other work is running, the ratios below are not representative`);
}

/**
 * Creates the benchmark database when the server does not have it yet (a
 * fresh machine has only its default databases), through the server's
 * `postgres` database.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      log(`creating database ${name} …`);
      await client.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

let clockTicks: number | undefined;

/** CPU ticks (user + system) of each PostgreSQL process on this machine, by pid; undefined where none can be seen. */
function postgresTicks(): Map<string, number> | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const ticks = new Map<string, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    } catch {
      continue; // ended since the listing
    }
    // "pid (comm) state ppid …": comm may hold spaces, so fields are counted after its ')'.
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime (fields 14 and 15 of proc(5))
  }
  return ticks.size > 0 ? ticks : undefined;
}

/**
 * Starts measuring the CPU time (user + system) of every process of the PostgreSQL server on this
 * machine — backends, WAL writer, checkpointer — from /proc. The returned function gives the ms
 * used since, or undefined where the server's processes cannot be seen (no /proc, a server on
 * another machine). Counted per process, so a backend that ends meanwhile (a pool closing an idle
 * connection) takes only its own share with it. Beside `process.cpuUsage()` it gives the
 * database's CPU per transition: on a machine whose cores both share, that budget says whose work
 * limits the rate.
 *
 * @example
 * const databaseCpu = measureDatabaseCpu();
 * await loop();
 * const msPerTransition = databaseCpu()! / transitions;
 */
export function measureDatabaseCpu(): () => number | undefined {
  const before = postgresTicks();
  return () => {
    const after = postgresTicks();
    if (!before || !after) return undefined;
    let ticks = 0;
    for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (ticks * 1000) / clockTicks;
  };
}

/** A ratio with its target: `0.93 (≥ 0.8 ✔)`. */
export function ratio(value: number, target: number, direction: '≥' | '≤' = '≥'): string {
  const ok = direction === '≥' ? value >= target : value <= target;
  return `${value.toFixed(2)} (${direction} ${target} ${ok ? 'met' : 'NOT met'})`;
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
