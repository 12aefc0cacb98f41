import t from 'tap';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The CI plan (test/suites.mjs) decides which file runs on which database: a
// new test file must land in some pass, and a "quick" file must need no database.
const script = fileURLToPath(new URL('./suites.mjs', import.meta.url));
const list = (pass: string) => execFileSync(process.execPath, [script, pass], { encoding: 'utf8' }).trim().split('\n');

t.test('every test file runs in at least one CI pass and no quick file reaches a database', async (t) => {
  t.doesNotThrow(() => execFileSync(process.execPath, [script, 'check'], { encoding: 'utf8', stdio: 'pipe' }), 'node test/suites.mjs check passes');
  const all = list('all');
  const embedded = new Set(list('embedded'));
  const postgresql = new Set(list('postgresql'));
  t.same(all.filter((f) => !embedded.has(f) && !postgresql.has(f)), [], 'nothing is left out of CI');
  t.ok(all.includes('test/suites.test.ts'), 'the plan lists this file too');
});

t.test('quick files run once, on the embedded pass; the fault suites run on PostgreSQL only', async (t) => {
  const quick = list('quick');
  const embedded = new Set(list('embedded'));
  const postgresql = new Set(list('postgresql'));
  t.ok(quick.length > 10, `${quick.length} quick files`);
  t.same(quick.filter((f) => postgresql.has(f)), [], 'no quick file in the PostgreSQL pass');
  t.same(quick.filter((f) => !embedded.has(f)), [], 'every quick file in the embedded pass');
  t.ok(postgresql.has('test/reliability/database-faults.test.ts') && !embedded.has('test/reliability/database-faults.test.ts'));
  t.ok(embedded.has('test/persistence/database.test.ts') && postgresql.has('test/persistence/database.test.ts'), 'database-touching files run on both');
});

t.test('the CI log ends by naming each failed assertion with its file, subtest and diagnostic, not its parents', async (t) => {
  const { leafFailures } = (await import(fileURLToPath(new URL('./failures.mjs', import.meta.url)))) as {
    leafFailures: (text: string) => { path: string[]; diagnostic: string[] }[];
  };
  const log = [
    '# Subtest: test/a.test.ts',
    '    # Subtest: refuses APPROVE without explanation',
    '        ok 1 - the answer is 422',
    '        not ok 2 - nothing was written',
    '          ---',
    '          found: 3',
    '          wanted: 2',
    '          ...',
    '        1..2',
    '    not ok 1 - refuses APPROVE without explanation # time=12ms',
    '    ok 2 - passes',
    '    1..2',
    'not ok 1 - test/a.test.ts # time=40ms',
    '# Subtest: test/b.test.ts',
    '    ok 1 - fine',
    '    1..1',
    'ok 2 - test/b.test.ts',
    'not ok 3 - test/c.test.ts # time=5ms',
  ].join('\n');
  t.same(leafFailures(log), [
    { path: ['test/a.test.ts', 'refuses APPROVE without explanation', 'nothing was written'], diagnostic: ['found: 3', 'wanted: 2'] },
    { path: ['test/c.test.ts'], diagnostic: [] },
  ]);
  t.same(leafFailures(log.replaceAll('not ok', 'ok')), [], 'a green log names nothing');
});
