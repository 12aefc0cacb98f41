import t from 'tap';
import { seedDemoApplications } from '../../src/demo/applications.js';
import { activatedInstitution, admin, testEngine, unitOf } from '../helpers/engine.js';
import { registerInstitutionData, seedCheckCode, seedLicenseNo } from './fixtures.js';

/** An empty engine with the seed's institution only, as the demo seed finds it. */
async function seedInstitution(t: Parameters<typeof testEngine>[0]) {
  const context = await testEngine(t);
  const institutionId = await activatedInstitution(context.engine, context.facts, '420102');
  await registerInstitutionData(context.engine, institutionId, { name: '武汉市第1911医院', licenseNo: seedLicenseNo, checkCode: seedCheckCode });
  return { ...context, institutionId, unit: unitOf(institutionId, 'business-1911') };
}

t.test("seeds the seed's project, 赵六 and an application in every state, so the guide can be followed", async (t) => {
  const { engine, institutionId, unit } = await seedInstitution(t);
  const demo = await seedDemoApplications(engine, { institutionId, businessAccountId: 'business-1911', adminId: 'admin-1' });

  const project = await engine.projects.get(demo.projectId, unit);
  t.match(project, { name: '医师资格考试试用期考核证明申报', daysLeft: 63, status: 'open', statusLabel: '申报中' });

  // Every leaf state of the machine is represented.
  const states = new Set<string>();
  for (const id of Object.values(demo.applications)) states.add((await engine.declarations.detail(id, admin)).state);
  t.same([...states].sort(), [
    'closed.certified',
    'closed.expired',
    'closed.rejectedByDistrict',
    'closed.rejectedByUnit',
    'closed.withdrawn',
    'districtReview.approved',
    'districtReview.pending',
    'districtReview.rejected',
    'draft',
    'unitReview.approved',
    'unitReview.pending',
    'unitReview.rejected',
    'unitReview.returned',
  ]);

  // The seed's applicant row and detail for 赵六.
  const list = await engine.declarations.list(demo.projectId, unit);
  t.match(list.items[0], { seq: 1, name: '赵六', idNumberMasked: '140105*****7932', entryModeLabel: '单位直接录入', state: 'unitReview.approved', note: '审核通过' });
  const zhao = await engine.declarations.detail(demo.applications['unitReview.approved']!, unit);
  t.equal(zhao.totalMonths, 18);
  t.match(zhao.indicators[0], { code: 'totalDuration', level: 'green', detail: '18个月' });
  t.same(zhao.indicators.filter((i) => i.code === 'teacherCheck').map((i) => i.level), ['green', 'red'], 'one teacher check green, one red');
  t.match(zhao.data?.segments, [
    { department: '心内科', registrationNo: seedLicenseNo, checkCodeVerified: true, startsOn: '2019-08-08', endsOn: '2020-02-01' },
    { department: '内科', startsOn: '2018-01-05', endsOn: '2019-03-01' },
  ]);
  t.ok(zhao.segments[1]?.paperCertificate, 'the paper certificate of the red institution is uploaded');
  t.match(zhao.allowedEvents.find((e) => e.type === 'REJECT'), { allowed: true }, 'the decision can be changed (step 9)');
  const paper = await engine.declarations.detail(demo.applications['unitReview.pending (paper certificate required)']!, unit);
  t.match(paper.allowedEvents.find((e) => e.type === 'APPROVE'), { allowed: false, reasons: [{ code: 'PAPER_CERTIFICATE_REQUIRED' }] });

  // The logins work with the demo password.
  t.ok(demo.logins.some((l) => l.login === '140105199001097932' && l.name === '赵六'));
  for (const { login } of demo.logins) t.ok((await engine.accounts.login({ login, password: 'Demo@2026' })).token, login);

  t.same(await engine.sweepDeadlines(), { closed: 0 }, 'the demo leaves nothing overdue');
});

t.test('refuses an institution without its 登记号 and 校验码', async (t) => {
  const { engine, institutionId } = await seedInstitution(t);
  await engine.db.updateTable('pw_institutions').set({ check_code: null }).where('id', '=', institutionId).execute();
  await t.rejects(seedDemoApplications(engine, { institutionId }), /校验码/);
});
