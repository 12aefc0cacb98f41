/**
 * EXPLAIN (ANALYZE, BUFFERS) of the applicant-list queries exactly as the
 * engine compiles them (applicationListQueries), on the generated data: a
 * unit's list and a city district reviewer's (department subtree), page 1
 * and a deep page, with and without a state filter. For docs/performance.md.
 */
import pg from 'pg';
import { applicationListQueries, type ApplicationListQuery } from '../src/applications/application-list.js';
import type { ApplicationScope } from '../src/accounts/application-scope.js';
import { benchUrl } from './bench-support.js';
import { benchEngine } from './bench-fixtures.js';

async function main(): Promise<void> {
  const { engine, close } = await benchEngine(benchUrl(), 2);
  const client = new pg.Client({ connectionString: benchUrl() });
  await client.connect();
  try {
    const project = await engine.db.selectFrom('pw_projects').select('id').orderBy('approval_deadline', 'desc').executeTakeFirstOrThrow();
    const { rows } = await client.query<{ institution_id: string }>(
      `select institution_id from pw_applications where project_id = $1 and submitted_at is not null group by institution_id order by count(*) desc limit 1`,
      [project.id],
    );
    const cases: [string, ApplicationScope, ApplicationListQuery][] = [
      ['unit (the largest list): page 1', { kind: 'institution', institutionId: rows[0]!.institution_id }, {}],
      ['unit: page 4, state unitReview', { kind: 'institution', institutionId: rows[0]!.institution_id }, { state: 'unitReview', page: 4 }],
      ['district reviewer of 武汉市 (420100 and its districts): page 1', { kind: 'departments', departmentIds: await engine.departments.subtree('420100') }, {}],
      ['district reviewer of 武汉市: page 1000, state districtReview', { kind: 'departments', departmentIds: await engine.departments.subtree('420100') }, { state: 'districtReview', page: 1000 }],
    ];
    for (const [label, scope, query] of cases) {
      const { rows: rowsQuery, count } = applicationListQueries(engine.db, project.id, scope, query);
      for (const [part, compiled] of [['page', rowsQuery.compile()], ['count', count.compile()]] as const) {
        const plan = await client.query(`explain (analyze, buffers, costs off) ${compiled.sql}`, compiled.parameters as unknown[]);
        console.log(`\n#### ${label} — ${part}\n\n\`\`\`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
      }
    }
  } finally {
    await client.end();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
