import t from 'tap';
import { admin, candidate, district, unitOf } from '../helpers/engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { otherCandidateInput, probationWorld, refusal, residentId } from '../applications/fixtures.js';

const huangshiDistrict: Actor = Object.freeze({ id: 'district-hs', kind: 'district', departmentId: '420200' });
const projectCount = async (engine: { db: any }) => Number((await engine.db.selectFrom('pw_projects').select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst()).n);

t.test('only the admin creates projects; the cut-off defaults to 31 August of the exam year', async (t) => {
  const { engine, institutionId } = await probationWorld(t);
  const created = await engine.projects.create({ name: '  2027年医师资格考试试用期考核证明申报 ', startsOn: '2027-01-05', approvalDeadline: '2027-02-28' }, admin);
  t.match(created, { name: '2027年医师资格考试试用期考核证明申报', businessCode: '19', probationCutoff: '2027-08-31', status: 'notStarted', statusLabel: '未开始', applicantCount: 0 });
  const explicit = await engine.projects.create({ name: '补报', startsOn: '2026-03-01', approvalDeadline: '2026-03-20', probationCutoff: '2026-06-30' }, admin);
  t.equal(explicit.probationCutoff, '2026-06-30');
  const before = await projectCount(engine);
  for (const actor of [district, unitOf(institutionId), candidate()]) {
    t.match(await refusal(engine.projects.create({ name: '越权', startsOn: '2026-03-01', approvalDeadline: '2026-03-20' }, actor)), { code: 'FORBIDDEN', details: { rule: 'role' } }, actor.kind);
  }
  t.equal(await projectCount(engine), before);
});

t.test('refuses malformed projects field by field, writing nothing', async (t) => {
  const { engine } = await probationWorld(t);
  const before = await projectCount(engine);
  const cases: [unknown, string[]][] = [
    [{ name: '错', startsOn: '2026-03-01', approvalDeadline: '2026-03-20' }, ['name']],
    [{ name: '日期颠倒', startsOn: '2026-03-21', approvalDeadline: '2026-03-20' }, ['approvalDeadline']],
    [{ name: '无效日期', startsOn: '2026-02-30', approvalDeadline: '2026-13-01' }, ['startsOn', 'approvalDeadline']],
    [{ name: '其他业务', businessCode: '10', startsOn: '2026-03-01', approvalDeadline: '2026-03-20' }, ['businessCode']],
    [{ name: '未知业务', businessCode: '99', startsOn: '2026-03-01', approvalDeadline: '2026-03-20' }, ['businessCode']],
    [{ name: '多余字段', startsOn: '2026-03-01', approvalDeadline: '2026-03-20', extra: 1 }, ['']],
    [null, ['']],
  ];
  for (const [input, fields] of cases) {
    const error = await refusal(engine.projects.create(input, admin));
    t.equal(error.code, 'VALIDATION_FAILED', JSON.stringify(input));
    t.same(error.details.map((i: { field: string }) => i.field), fields);
  }
  t.equal(await projectCount(engine), before);
});

t.test("the seed's 待审核项目列表: days left, status and the caller's counts", async (t) => {
  const world = await probationWorld(t);
  const { engine, clock, unit, otherUnit, institutionId } = world;
  const seed = await engine.projects.create({ name: '医师资格考试试用期考核证明申报', startsOn: '2019-12-19', approvalDeadline: '2020-02-24' }, admin);
  clock.set('2019-12-23T02:00:00.000Z');
  t.match(await engine.projects.get(seed.id, unit), { daysLeft: 63, status: 'open', statusLabel: '申报中', startsOn: '2019-12-19', approvalDeadline: '2020-02-24' });
  const page = await engine.projects.list(unit, { pageSize: 1 });
  t.match(page, { total: 2, page: 1, pageSize: 1, items: [{ id: world.projectId }] }, 'the latest deadline first');
  t.match((await engine.projects.list(unit, { page: 2, pageSize: 1 })).items, [{ id: seed.id }]);
  const business10 = { id: 'b10', kind: 'business' as const, institutionId, businessCode: '10' };
  t.same((await engine.projects.list(business10)).items, [], 'another business line has no probation projects');
  t.equal((await refusal(engine.projects.get(seed.id, business10))).code, 'NOT_FOUND');
  t.equal((await refusal(engine.projects.get('not-a-uuid', unit))).code, 'NOT_FOUND');
  t.equal((await refusal(engine.projects.list(unit, { pageSize: 101 }))).code, 'VALIDATION_FAILED');

  // Counts are the caller's: its institution, its district's subtree, the candidate's own.
  clock.set('2026-03-01T08:00:00.000Z');
  const entry = (name: string, birth: string, actor: Actor, institution?: { name: string; licenseNo: string; checkCode: string }) =>
    engine.declarations.create(world.projectId, otherCandidateInput(name, residentId('420102', birth, '011'), institution), actor);
  const a = await entry('钱七', '19950101', unit);
  const b = await entry('孙八', '19950102', unit);
  await entry('周九', '19950103', otherUnit, { name: '黄石市中心医院', licenseNo: '4202000000000000001', checkCode: '111111' });
  await engine.declarations.create(world.projectId, otherCandidateInput('赵六', '140105199001097932'), world.zhaoLiu); // a draft: nobody else counts it
  const counts = async (actor: Actor) => {
    const p = await engine.projects.get(world.projectId, actor);
    return [p.applicantCount, p.decidedCount, p.reportedCount, p.reportStateLabel];
  };
  t.same(await counts(unit), [2, 0, 0, '未上报']);
  t.same(await counts(otherUnit), [1, 0, 0, '未上报']);
  t.same(await counts(district), [2, 0, 0, '未上报']);
  t.same(await counts(huangshiDistrict), [1, 0, 0, '未上报']);
  t.same(await counts(admin), [3, 0, 0, '未上报']);
  t.same(await counts(world.zhaoLiu), [0, 0, 0, '未上报'], "a candidate's own draft is not yet declared");

  await engine.declarations.send(a.id, { type: 'APPROVE' }, unit);
  await engine.declarations.send(b.id, { type: 'RETURN', explanation: '补充材料' }, unit);
  t.same(await counts(unit), [2, 2, 0, '未上报']);
  await engine.declarations.send(a.id, { type: 'REPORT' }, unit);
  t.same(await counts(unit), [2, 2, 1, '部分上报']);
  await engine.declarations.send(b.id, { type: 'REJECT', explanation: '不符合' }, unit);
  await engine.declarations.send(b.id, { type: 'REPORT' }, unit);
  t.same(await counts(unit), [2, 2, 2, '已上报']);
  t.same(await counts(district), [2, 2, 2, '已上报']);
});

t.test('the district and admin see each institution of their node with its counts; units may not', async (t) => {
  const world = await probationWorld(t);
  const { engine, unit, otherUnit, projectId, institutionId, otherInstitutionId } = world;
  await engine.declarations.create(projectId, otherCandidateInput('钱七', residentId('420102', '19950101', '011')), unit);
  await engine.declarations.create(
    projectId,
    otherCandidateInput('周九', residentId('420102', '19950103', '011'), { name: '黄石市中心医院', licenseNo: '4202000000000000001', checkCode: '111111' }),
    otherUnit,
  );
  t.match(await engine.projects.institutions(projectId, district), {
    total: 1,
    items: [{ institutionId, institutionName: '武汉市第1911医院', departmentId: '420102', applicantCount: 1, reportStateLabel: '未上报' }],
  });
  const all = await engine.projects.institutions(projectId, admin);
  t.equal(all.total, 2);
  t.same(all.items.map((i) => i.institutionId).sort(), [institutionId, otherInstitutionId].sort());
  t.match(await refusal(engine.projects.institutions(projectId, unit)), { code: 'FORBIDDEN' });
});
