/**
 * Where a process's CPU went, by who wrote the code: a V8 CPU profile
 * (`node --cpu-prof`, e.g. the HTTP benchmark's server with
 * BENCH_PROFILE_DIR=dir) summed by self time into our code (by folder:
 * machines/, src/<area>/, adapters/), each dependency (node_modules
 * package), Node's own JavaScript, V8's garbage collector and native
 * calls. Idle time is left out, and so is `writev`: on two shared cores a
 * write to a socket that wakes PostgreSQL often hands it the core, and the
 * sampler counts that wait as `writev` (the process's system time from
 * `process.cpuUsage()` is the figure for the socket).
 *
 * Usage: node profile-categories.js <file.cpuprofile | dir> [--top N]
 * Prints one markdown table: category, share of the busy samples, and the
 * top functions of our code by self time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { benchArgs, table } from './bench-support.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The category of a sampled function: ours by folder, a package by name, or what V8 and Node call it.
 *
 * @example
 * categoryOf('file:///app/node_modules/pg/lib/result.js', 'addFields'); // 'pg'
 * categoryOf('file:///app/dist/src/applications/application-view.js', 'allowedEvents'); // 'ours: src/applications'
 */
export function categoryOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8: garbage collector';
    // A regular expression runs for whoever called it; its pattern says too little to name them.
    return functionName.startsWith('RegExp:') ? 'native: regular expressions' : `native: ${functionName || '(anonymous)'}`;
  }
  // A package's name; not the benchmarks' own build of our code under node_modules/.cache.
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'Node (its JavaScript)';
  const ours = /\/(machines|bench|(?:adapters|src)\/[^/]+)\/.+$/.exec(url) ?? /\/(src|adapters)\/[^/]+$/.exec(url);
  if (ours) return `ours: ${ours[1]}`;
  return url;
}

function profilesIn(path: string): string[] {
  return statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(path, f))
    : [path];
}

function main(): void {
  const args = benchArgs();
  const path = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!path) throw new Error('usage: node profile-categories.js <file.cpuprofile | dir> [--top N]');
  const top = Number(args.get('top') ?? 12);
  const byCategory = new Map<string, number>();
  const byOwnFunction = new Map<string, number>();
  let busy = 0;
  let left = 0;
  for (const file of profilesIn(path)) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const { url, functionName, lineNumber } = nodes.get(id)!.callFrame;
      const micros = profile.timeDeltas[i] ?? 0;
      if (!url && (functionName === '(idle)' || functionName === 'writev' || functionName === '(program)')) {
        left += micros;
        return;
      }
      busy += micros;
      const category = categoryOf(url, functionName);
      byCategory.set(category, (byCategory.get(category) ?? 0) + micros);
      if (category.startsWith('ours: ')) {
        const key = `${category.slice(6)} ${functionName || '(anonymous)'}:${lineNumber + 1}`;
        byOwnFunction.set(key, (byOwnFunction.get(key) ?? 0) + micros);
      }
    });
  }
  const share = (micros: number) => `${((100 * micros) / busy).toFixed(1)} %`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  const groupOf = (c: string) =>
    c.startsWith('ours: ') ? 'our code' : c.startsWith('native: ') || c.startsWith('V8: ') ? 'V8 and native (GC, regular expressions, JSON, buffers)' : c.startsWith('Node ') ? "Node's JavaScript (streams, http, events)" : 'dependencies';
  const groups = new Map<string, number>();
  for (const [c, v] of byCategory) groups.set(groupOf(c), (groups.get(groupOf(c)) ?? 0) + v);
  const shown = sorted(byCategory).filter(([, v]) => v / busy >= 0.005);
  const rest = busy - shown.reduce((sum, [, v]) => sum + v, 0);
  console.log(`\n### Busy samples by who wrote the code (${(busy / 1e6).toFixed(1)} s busy; idle, writev and (program) left out: ${(left / 1e6).toFixed(1)} s)\n`);
  console.log(table(['group', 'share of busy samples'], sorted(groups).map(([g, v]) => [g, share(v)])));
  console.log('\n' + table(['category', 'share of busy samples'], [...shown.map(([c, v]) => [c, share(v)]), ['everything else (each < 0.5 %)', share(rest)]]));
  console.log(`\n### Our code's ${top} heaviest functions (self time)\n`);
  console.log(table(['function', 'share of busy samples'], sorted(byOwnFunction).slice(0, top).map(([f, v]) => [f, share(v)])));
}

main();
