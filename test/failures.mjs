#!/usr/bin/env node
// Prints every failed assertion of tap logs, with its file and subtest path
// and the first lines of tap's diagnostic, so the tail of a CI log (often all
// a reader sees) names what failed instead of only counting it.
//
//   node test/failures.mjs <tap log> [<tap log> ...]
import { readFileSync } from 'node:fs';

const MAX_FAILURES = 20;
const DIAGNOSTIC_LINES = 8;

/**
 * The leaf failures of one TAP stream: `{ path, diagnostic }` for every
 * `not ok` that has no failing child of its own.
 *
 * @example
 * leafFailures('# Subtest: test/a.test.ts\n    not ok 1 - adds\n    1..1\nnot ok 1 - test/a.test.ts\n')
 * // → [{ path: ['test/a.test.ts', 'adds'], diagnostic: [] }]
 */
export function leafFailures(text) {
  const lines = text.split('\n');
  const names = [];
  const failedBelow = [];
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const subtest = /^( *)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const depth = subtest[1].length / 4;
      names.length = depth;
      names[depth] = subtest[2];
      failedBelow.length = depth + 1;
      failedBelow[depth] = false;
      continue;
    }
    const result = /^( *)(not ok|ok) \d+ - (.*?)(?: # time=.*)?$/.exec(line);
    if (!result) continue;
    const depth = result[1].length / 4;
    const failed = result[2] === 'not ok';
    const hadFailingChild = failedBelow[depth] === true && names[depth] === result[3];
    if (failed && !hadFailingChild) {
      const diagnostic = [];
      if (lines[i + 1]?.trim() === '---') {
        let inArgs = false;
        for (let j = i + 2; j < lines.length && lines[j].trim() !== '...'; j++) {
          const entry = lines[j].trim();
          // A crashed file's diagnostic is mostly how it was started: keep how it ended.
          if (/^args:/.test(entry)) inArgs = true;
          else if (!entry.startsWith('- ')) inArgs = false;
          if (inArgs || /^(stdio|cwd|externalID|command|jobId):/.test(entry)) continue;
          if (diagnostic.length < DIAGNOSTIC_LINES) diagnostic.push(entry);
        }
      }
      found.push({ path: [...names.slice(0, depth), result[3]], diagnostic });
    }
    if (failed && depth > 0) failedBelow[depth - 1] = true;
    names.length = depth;
    failedBelow.length = depth;
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const all = process.argv.slice(2).flatMap((file) => {
    try {
      return leafFailures(readFileSync(file, 'utf8')).map((f) => ({ ...f, file }));
    } catch {
      return [];
    }
  });
  if (all.length === 0) process.exit(0);
  console.log(`failed assertions (${all.length}${all.length > MAX_FAILURES ? `, first ${MAX_FAILURES}` : ''}):`);
  for (const failure of all.slice(0, MAX_FAILURES)) {
    console.log(`  ✗ ${failure.path.join(' › ')}`);
    for (const line of failure.diagnostic) console.log(`      ${line}`);
  }
}
