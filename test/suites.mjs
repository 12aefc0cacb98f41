#!/usr/bin/env node
// Which test file runs in which pass of `.ci/run`, and why: test/README.md.
//
//   node test/suites.mjs quick       files that need no database (npm run test:quick)
//   node test/suites.mjs embedded    the CI pass on the embedded database (PGlite)
//   node test/suites.mjs postgresql  the CI pass on the machine's PostgreSQL
//   node test/suites.mjs all         every test file (what plain `npm test` runs)
//   node test/suites.mjs check       fails if a file is listed twice, is missing, or a
//                                    quick file imports a database helper
//
// Every file not named below touches a database and runs in both passes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Pure code: domain rules, machines, diagrams, documents, type-checks. No database, so once. */
export const quick = [
  'test/accounts/password.test.ts',
  // Reads the import statements of src/ and machines/.
  'test/architecture/layering.test.ts',
  'test/diagrams/workflows-doc.test.ts',
  'test/docs/examples-typecheck.test.ts',
  // Redocly and Spectral over the committed docs/openapi.json.
  'test/docs/openapi-lint.test.ts',
  'test/domain/*.test.ts',
  'test/errors.test.ts',
  'test/machines/machines.test.ts',
  'test/notifications/sms-texts.test.ts',
  // A local HTTP stand-in for Alibaba Cloud's endpoint; no database.
  'test/notifications/aliyun-sms.test.ts',
  'test/onboarding/registration-form-pdf.test.ts',
  'test/projects/project-calendar.test.ts',
  'test/registry/csv-reader.test.ts',
  'test/suites.test.ts',
];

/**
 * Touch a database, but what they prove does not depend on which one, or is
 * about the embedded database itself: once, on the embedded pass (the README's
 * `npm test` default).
 */
export const embeddedOnly = [
  // Always embedded whatever DATABASE_URL says: it tests the PGlite pool adapter.
  'test/persistence/pglite-pool.test.ts',
  // SIGKILL of the server: on PostgreSQL durability is the server's (WAL); on the
  // embedded database the killed process *is* the database, so this is where it proves something.
  'test/reliability/crash-restart.test.ts',
  // HTTP-level rules (upload limits, rate limits, lockouts, the permission table) and the
  // OpenAPI document, the browser pages and the packed tarball: the database is incidental.
  'test/reliability/uploads.test.ts',
  'test/reliability/security-controls.test.ts',
  'test/reliability/permission-matrix.test.ts',
  'test/security/hardening.test.ts',
  'test/adapters/browser.test.ts',
  // The console's journeys in chromium against `npm start`'s server (embedded database, demo data).
  'test/adapters/web/console-journeys.test.ts',
  'test/adapters/web/console-screens.test.ts',
  'test/docs/openapi-doc.test.ts',
  'test/docs/typed-client.test.ts',
  'test/package/packed-package.test.ts',
  // The bundled server as a process, texting through a provider: the database under it is incidental.
  'test/notifications/sms-end-to-end.test.ts',
  'test/notifications/sms-inbox-demo.test.ts',
];

/**
 * Heavy suites whose subject is real concurrency or a real server: once, on PostgreSQL.
 * The embedded database serialises transactions, so races and retries prove little there;
 * the fault and two-process suites start a private PostgreSQL cluster whatever the pass.
 */
export const postgresOnly = [
  'test/reliability/database-faults.test.ts',
  'test/reliability/two-processes.test.ts',
  'test/reliability/races.test.ts',
  'test/reliability/retries.test.ts',
  // Hostile text must come back byte-identical from the production database.
  'test/reliability/fuzz.test.ts',
];

function allTestFiles(dir = join(root, 'test')) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...allTestFiles(path));
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out.sort();
}

function expand(patterns, files) {
  return patterns.flatMap((pattern) => {
    if (!pattern.includes('*')) return files.includes(pattern) ? [pattern] : [`MISSING:${pattern}`];
    const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
    return files.filter((f) => re.test(f));
  });
}

/**
 * The files of one pass, relative to the repository root.
 *
 * @example
 * filesOf('postgresql'); // ['test/accounts/accounts.test.ts', …, 'test/reliability/races.test.ts', …]
 */
export function filesOf(pass) {
  const files = allTestFiles();
  const q = expand(quick, files);
  const e = expand(embeddedOnly, files);
  const p = expand(postgresOnly, files);
  const both = files.filter((f) => !q.includes(f) && !e.includes(f) && !p.includes(f));
  switch (pass) {
    case 'quick':
      return q;
    case 'embedded':
      return [...q, ...e, ...both].sort();
    case 'postgresql':
      return [...p, ...both].sort();
    case 'all':
      return files;
    default:
      throw new Error(`unknown pass ${pass}: quick, embedded, postgresql or all`);
  }
}

/** Problems with the lists above; empty when they are sound. */
export function problems() {
  const files = allTestFiles();
  const listed = [...expand(quick, files), ...expand(embeddedOnly, files), ...expand(postgresOnly, files)];
  const out = listed.filter((f) => f.startsWith('MISSING:')).map((f) => `${f.slice(8)} is listed but does not exist`);
  const seen = new Set();
  for (const f of listed) {
    if (seen.has(f)) out.push(`${f} is listed twice`);
    seen.add(f);
  }
  // A quick file must not reach a database, directly or through a shared fixture.
  const databaseImport = /from '[./]*(?:test\/)?(?:helpers\/(?:database|engine|server|processes|reliability-fixtures)|(?:\.\.\/)*src\/persistence\/database|\.\/fixtures)\.js'/;
  for (const f of expand(quick, files)) {
    if (databaseImport.test(readFileSync(join(root, f), 'utf8'))) out.push(`${f} is listed as quick but imports a database helper`);
  }
  const union = new Set([...filesOf('embedded'), ...filesOf('postgresql')]);
  for (const f of files) if (!union.has(f)) out.push(`${f} runs in no CI pass`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pass = process.argv[2] ?? 'all';
  if (pass === 'check') {
    const found = problems();
    for (const p of found) console.error(p);
    process.exit(found.length ? 1 : 0);
  }
  console.log(filesOf(pass).join('\n'));
}
