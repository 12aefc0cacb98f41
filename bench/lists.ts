/**
 * Read paths at scale (SPEC §9: an institution's applicant list among
 * 1,000,000 applications and 10,000 institutions, p95 ≤ 10 ms and ≤ 2× the
 * bare SQL), on the generated data:
 * - the applicant list through the engine (`engine.declarations.list`:
 *   project check, scope, rows + count, labels and masking) against bare
 *   `pg` running the same two statements (rows page and count, both at once
 *   as the engine does), for page 1 and the last page, with and without a
 *   state filter, for a unit (one institution) and for a city's district
 *   reviewer (department-tree scope);
 * - the application detail with its indicators (registry lookups, paper
 *   certificates, allowed events): `engine.declarations.detail` against bare
 *   `pg` reading the same rows.
 * Engine and bare calls alternate call by call, so contention hits both.
 *
 * Options: --iterations N per case (default 300).
 */
import pg from 'pg';
import { benchArgs, benchUrl, latencies, log, table } from './bench-support.js';
import { benchEngine, unitActor } from './bench-fixtures.js';
import type { Actor } from '../src/engine/actor.js';
import { pgTypeOverrides } from '../src/persistence/type-parsers.js';

const columns = 'id, candidate_name, id_number, entry_mode, state, note, red_count, institution_id, version, created_at';

interface ListCase {
  label: string;
  actor: (i: number) => Actor;
  /** WHERE after project_id = $1, with its parameters starting at $2. */
  scope: (i: number) => { where: string; params: unknown[] };
  state?: string;
  page: (i: number) => number;
}

async function main(): Promise<void> {
  const args = benchArgs();
  const iterations = Number(args.get('iterations') ?? 300);
  const url = benchUrl();
  const { engine, close } = await benchEngine(url, 6);
  const pool = new pg.Pool({ connectionString: url, max: 4, types: pgTypeOverrides });
  try {
    const project = await engine.db.selectFrom('pw_projects').select('id').orderBy('approval_deadline', 'desc').executeTakeFirstOrThrow();
    const { rows: counts } = await pool.query<{ institutions: string; applications: string; physicians: string }>(
      `select (select count(*) from pw_institutions) as institutions, (select count(*) from pw_applications) as applications,
       (select count(*) from pw_physicians) as physicians`,
    );
    // Institutions to list, at random, with the size of their list in the open project.
    const { rows: sample } = await pool.query<{ institution_id: string; n: string; pending: string }>(
      `select institution_id, count(*) as n, count(*) filter (where state like 'unitReview.%') as pending from pw_applications
       where project_id = $1 and submitted_at is not null and institution_id in (select id from pw_institutions order by random() limit 200)
       group by institution_id having count(*) >= 20`,
      [project.id],
    );
    const institutions = sample.map((r) => ({ id: r.institution_id, n: Number(r.n), pending: Number(r.pending) }));
    const lastPage = (n: number) => Math.max(1, Math.ceil(n / 10));
    const { rows: subtree } = await pool.query<{ id: string }>(
      `with recursive t as (select id from pw_departments where id = '420100' union all select d.id from pw_departments d join t on d.parent_id = t.id) select id from t`,
    );
    const cityIds = subtree.map((r) => r.id);
    const { rows: cityCount } = await pool.query<{ n: string }>(
      'select count(*) as n from pw_applications where project_id = $1 and department_id = any($2::text[]) and submitted_at is not null',
      [project.id, cityIds],
    );
    const cityN = Number(cityCount[0]!.n);
    const inst = (i: number) => institutions[i % institutions.length]!;
    const unitScope = (i: number) => ({ where: 'institution_id = $2 and submitted_at is not null', params: [inst(i).id] });
    const cityScope = () => ({ where: 'department_id = any($2::text[]) and submitted_at is not null', params: [cityIds] });
    const district: Actor = { id: null, kind: 'district', departmentId: '420100' };
    const cases: ListCase[] = [
      { label: 'unit: page 1', actor: (i) => unitActor(inst(i).id), scope: unitScope, page: () => 1 },
      { label: 'unit: last page', actor: (i) => unitActor(inst(i).id), scope: unitScope, page: (i) => lastPage(inst(i).n) },
      { label: 'unit: page 1, state unitReview', actor: (i) => unitActor(inst(i).id), scope: unitScope, state: 'unitReview', page: () => 1 },
      { label: 'unit: last page, state unitReview', actor: (i) => unitActor(inst(i).id), scope: unitScope, state: 'unitReview', page: (i) => lastPage(inst(i).pending) },
      { label: `city 420100 (${cityIds.length} departments): page 1`, actor: () => district, scope: cityScope, page: () => 1 },
      { label: 'city 420100: page 100', actor: () => district, scope: cityScope, page: () => 100 },
      { label: 'city 420100: page 1, state districtReview', actor: () => district, scope: cityScope, state: 'districtReview', page: () => 1 },
      { label: `city 420100: last page (${lastPage(cityN).toLocaleString('en-US')})`, actor: () => district, scope: cityScope, page: () => lastPage(cityN) },
    ];

    const bareList = async (c: ListCase, i: number) => {
      const { where, params } = c.scope(i);
      const conditions = [`project_id = $1`, where];
      const values: unknown[] = [project.id, ...params];
      if (c.state) {
        values.push(c.state, `${c.state}.%`);
        conditions.push(`(state = $${values.length - 1} or state like $${values.length})`);
      }
      const text = conditions.join(' and ');
      await Promise.all([
        pool.query(`select ${columns} from pw_applications where ${text} order by arrival_no limit 10 offset ${(c.page(i) - 1) * 10}`, values),
        pool.query(`select count(*) as n from pw_applications where ${text}`, values),
      ]);
    };
    const engineList = (c: ListCase, i: number) =>
      engine.declarations.list(project.id, c.actor(i), { ...(c.state ? { state: c.state } : {}), page: c.page(i), pageSize: 10 });

    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const rows: (string | number)[][] = [];
    for (const c of cases) {
      log(`list: ${c.label}`);
      const bare: number[] = [];
      const eng: number[] = [];
      for (let i = 0; i < 20; i++) {
        await bareList(c, i);
        await engineList(c, i);
      }
      for (let i = 0; i < iterations; i++) {
        // Alternating which goes first keeps a warm cache from favouring one side.
        if (i % 2) {
          bare.push(await time(() => bareList(c, i)));
          eng.push(await time(() => engineList(c, i)));
        } else {
          eng.push(await time(() => engineList(c, i)));
          bare.push(await time(() => bareList(c, i)));
        }
      }
      const b = latencies(bare);
      const e = latencies(eng);
      const unit = c.label.startsWith('unit');
      rows.push([
        c.label,
        `${b.p50.toFixed(2)} / ${b.p95.toFixed(2)} / ${b.p99.toFixed(2)}`,
        `${e.p50.toFixed(2)} / ${e.p95.toFixed(2)} / ${e.p99.toFixed(2)}`,
        `${(e.p95 / b.p95).toFixed(2)}×`,
        unit ? `${e.p95 <= 10 && e.p95 / b.p95 <= 2 ? 'met' : 'NOT met'}` : 'no target (reported)',
      ]);
    }
    console.log(
      `\n### Applicant list (${Number(counts[0]!.applications).toLocaleString('en-US')} applications, ${Number(counts[0]!.institutions).toLocaleString('en-US')} institutions; ` +
        `a unit's list in the open project holds ${Math.min(...institutions.map((x) => x.n))}–${Math.max(...institutions.map((x) => x.n))} applications, the city's ${cityN.toLocaleString('en-US')}; ${iterations} calls per case, one client)\n`,
    );
    console.log(table(['list', 'bare SQL p50 / p95 / p99 ms', 'engine p50 / p95 / p99 ms', 'p95 engine / bare', 'target p95 ≤ 10 ms and ≤ 2×'], rows));

    // Detail with indicators.
    const { rows: details } = await pool.query<{ id: string; institution_id: string; project_id: string }>(
      `select id, institution_id, project_id from pw_applications where submitted_at is not null and project_id = $1
       and institution_id = any($2::uuid[]) limit 200`,
      [project.id, institutions.map((x) => x.id)],
    );
    const bareDetail = async (d: { id: string; project_id: string }) => {
      const { rows: r } = await pool.query('select * from pw_applications where id = $1', [d.id]);
      const row = r[0]!;
      const certs = (row.data?.segments ?? []).map((s: { teacherCertNo: string }) => s.teacherCertNo);
      await pool.query('select * from pw_history where entity_id = $1 order by seq', [d.id]);
      await pool.query('select * from pw_projects where id = $1', [d.project_id]);
      await pool.query('select cert_no, name, level, category, unit, status from pw_physicians where cert_no = any($1::text[])', [certs]);
      await pool.query('select id, name from pw_institutions where id = $1', [row.institution_id]);
      await pool.query(
        `select id, segment_id, file_name, content_type, size, created_at, uploaded_by from pw_attachments
         where owner_type = 'application' and owner_id = $1 and kind = 'paperCertificate' and superseded_at is null order by created_at`,
        [d.id],
      );
    };
    const bare: number[] = [];
    const eng: number[] = [];
    log('detail');
    for (let i = 0; i < iterations + 20; i++) {
      const d = details[i % details.length]!;
      const b = await time(() => bareDetail(d));
      const e = await time(() => engine.declarations.detail(d.id, unitActor(d.institution_id)));
      if (i >= 20) {
        bare.push(b);
        eng.push(e);
      }
    }
    const b = latencies(bare);
    const e = latencies(eng);
    console.log(`\n### Application detail with indicators (${Number(counts[0]!.physicians).toLocaleString('en-US')} physicians in the registry; ${iterations} calls)\n`);
    console.log(
      table(
        ['read', 'p50 ms', 'p95 ms', 'p99 ms'],
        [
          ['bare SQL: row, history, project, teachers, institution, papers (6 statements)', b.p50.toFixed(2), b.p95.toFixed(2), b.p99.toFixed(2)],
          ['engine: declarations.detail (indicators, allowed events, history)', e.p50.toFixed(2), e.p95.toFixed(2), e.p99.toFixed(2)],
          ['engine / bare (p95)', '', `${(e.p95 / b.p95).toFixed(2)}×`, ''],
        ],
      ),
    );
  } finally {
    await pool.end();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
