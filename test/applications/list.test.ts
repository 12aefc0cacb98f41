import t from 'tap';
import { CompiledQuery } from 'kysely';
import { admin, district } from '../helpers/engine.js';
import { applicationListQueries } from '../../src/applications/application-list.js';
import { otherCandidateInput, probationWorld, refusal, residentId } from './fixtures.js';

const names = ['钱七', '孙八', '周九', '吴十', '郑一', '王二', '冯三', '陈四', '褚五', '卫六', '蒋七', '沈八', '韩九', '杨十', '朱一', '秦二', '尤三', '许四', '何五', '吕六', '施七', '张八'];

t.test('the applicant list pages by 10, filters by state, searches by name and masks every ID', async (t) => {
  const world = await probationWorld(t);
  const { engine, unit, otherUnit, projectId } = world;
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const birth = `1995${String(1 + Math.floor(i / 28)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    ids.push((await engine.declarations.create(projectId, otherCandidateInput(name, residentId('420102', birth, '011')), unit)).id);
    world.clock.advance(1000);
  }
  await engine.declarations.create(
    projectId,
    otherCandidateInput('黄石考生', residentId('420102', '19960101', '011'), { name: '黄石市中心医院', licenseNo: '4202000000000000001', checkCode: '111111' }),
    otherUnit,
  );
  for (const id of ids.slice(0, 3)) await engine.declarations.send(id, { type: 'APPROVE' }, unit);
  await engine.declarations.send(ids[3]!, { type: 'REJECT', explanation: '不符合' }, unit);

  const first = await engine.declarations.list(projectId, unit);
  t.match(first, { total: 22, page: 1, pageSize: 10 });
  t.equal(first.items.length, 10);
  t.same(first.items.map((i) => i.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  t.same(first.items.map((i) => i.name), names.slice(0, 10), 'in order of arrival');
  const third = await engine.declarations.list(projectId, unit, { page: 3 });
  t.same(third.items.map((i) => i.seq), [21, 22]);
  for (const item of [...first.items, ...third.items]) {
    t.match(item.idNumberMasked, /^420102\*{5}\d{3}[\dX]$/);
    t.equal(item.institutionName, null, "an institution's own list does not repeat its name");
  }

  t.same((await engine.declarations.list(projectId, unit, { state: 'unitReview.approved' })).items.map((i) => i.name), names.slice(0, 3));
  t.match(await engine.declarations.list(projectId, unit, { state: 'unitReview.rejected' }), { total: 1, items: [{ name: '吴十', note: '不符合', stateLabel: '单位审核·审核不通过' }] });
  t.equal((await engine.declarations.list(projectId, unit, { state: 'unitReview' })).total, 22, 'a parent state covers its sub-states');
  t.equal((await engine.declarations.list(projectId, unit, { state: 'districtReview' })).total, 0);
  t.same((await engine.declarations.list(projectId, unit, { q: '七' })).items.map((i) => i.name), ['钱七', '蒋七', '施七']);
  t.same((await engine.declarations.list(projectId, unit, { q: '%' })).items, [], 'wildcards are matched literally');
  t.equal((await refusal(engine.declarations.list(projectId, unit, { state: 'nowhere' }))).code, 'VALIDATION_FAILED');
  t.equal((await refusal(engine.declarations.list(projectId, unit, { pageSize: 0 }))).code, 'VALIDATION_FAILED');

  const all = await engine.declarations.list(projectId, admin, { pageSize: 100 });
  t.equal(all.total, 23);
  t.equal(all.items.at(-1)?.institutionName, '黄石市中心医院', 'lists across institutions name them');
  t.equal((await engine.declarations.list(projectId, admin, { institutionId: world.otherInstitutionId })).total, 1);
  t.equal((await engine.declarations.list(projectId, district, { pageSize: 100 })).total, 22);
  t.equal((await engine.declarations.list(projectId, otherUnit)).total, 1);
});

t.test('the list queries are index range scans (EXPLAIN), for a unit and for a district', async (t) => {
  const world = await probationWorld(t);
  const { engine, projectId } = world;
  // 6,000 applications over 60 institutions (100 each), statistics up to date.
  const institutions = Array.from({ length: 60 }, () => crypto.randomUUID());
  await engine.db.executeQuery(
    CompiledQuery.raw(
      `insert into pw_applications (id, state, context, machine_version, version, created_at, updated_at, department_id,
         project_id, institution_id, candidate_id, due_at, open, candidate_name, id_number, entry_mode, red_count, submitted_at)
       select gen_random_uuid(), case when i % 3 = 0 then 'unitReview.approved' else 'unitReview.pending' end, '{}'::jsonb, '1', 1,
              now() + i * interval '1 second', now(), case when i % 2 = 0 then '420102' else '420200' end,
              $1::uuid, ($2::uuid[])[1 + i % 60], null, now() + interval '30 days', true, '考生' || i, 'ID' || i, 'unit', 0, now()
       from generate_series(1, 6000) as i`,
      [projectId, `{${institutions.join(',')}}`],
    ),
  );
  await engine.db.executeQuery(CompiledQuery.raw('analyze pw_applications'));
  const plan = async (compiled: { sql: string; parameters: readonly unknown[] }, noSeqScan = false) =>
    engine.db.transaction().execute(async (trx) => {
      if (noSeqScan) await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      const result = await trx.executeQuery(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
      return JSON.stringify((result.rows[0] as Record<string, unknown>)['QUERY PLAN']);
    });
  const scope = { kind: 'institution' as const, institutionId: institutions[7]! };
  for (const filters of [{}, { state: 'unitReview.pending' }, { q: '考生1' }, { page: 5 }]) {
    const queries = applicationListQueries(engine.db, projectId, scope, filters);
    for (const [name, query] of [['rows', queries.rows], ['count', queries.count]] as const) {
      const p = await plan(query.compile());
      t.match(p, /"Index Name":"pw_applications_institution_(list|state)"/, `${name} ${JSON.stringify(filters)}: an institution index`);
      t.notMatch(p, /Seq Scan/);
    }
  }
  // A district's subtree may be most of the table, where a sequential scan is right; an index must still serve it:
  // a department index, or (when the subtree is most of the project, as here) the project's arrival order
  // (0011, for the exports) read until the page is full.
  const districtQueries = applicationListQueries(engine.db, projectId, { kind: 'departments', departmentIds: ['420100', '420102', '420106'] }, {});
  const p = await plan(districtQueries.rows.compile(), true);
  t.match(p, /"Index Name":"pw_applications_(department|project_arrival)/, 'an index serves the district list');
  t.notMatch(p, /Seq Scan/);
});
