#!/usr/bin/env node
// Prints the slowest test files of the last tap run, from tap's own process
// records (.tap/processinfo: one JSON per process, with the whole process's
// runtime, loader and database start-up included), and the sum of all files.
//
//   node test/timings.mjs [N=15]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(fileURLToPath(new URL('..', import.meta.url)), '.tap', 'processinfo');
const count = Number(process.argv[2] ?? 15);
let names = [];
try {
  names = readdirSync(dir).filter((n) => n.endsWith('.json'));
} catch {
  console.log('no tap process records (.tap/processinfo): nothing to time');
  process.exit(0);
}
const rows = [];
for (const name of names) {
  const info = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  // Child processes a test starts (servers, CLIs) have a parent: their time is the test's.
  if (info.parent || !info.externalID) continue;
  rows.push({ file: info.externalID, seconds: info.runtime / 1000 });
}
rows.sort((a, b) => b.seconds - a.seconds);
const total = rows.reduce((sum, r) => sum + r.seconds, 0);
console.log(`slowest ${Math.min(count, rows.length)} of ${rows.length} test files (process time, s):`);
for (const r of rows.slice(0, count)) console.log(`${r.seconds.toFixed(1).padStart(7)}  ${r.file}`);
console.log(`${total.toFixed(1).padStart(7)}  all ${rows.length} files together`);
