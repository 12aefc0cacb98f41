import { Readable } from 'node:stream';
import { createApplicationWorkflow } from '../applications/application-workflow.js';
import { createTransitionRunner } from '../engine/transition-runner.js';
import { fixedClock } from '../engine/clock.js';
import type { Actor } from '../engine/actor.js';
import type { Engine } from '../create-engine.js';
import { addDays, chinaDateOf, type IsoDate } from '../domain/calendar-date.js';
import { residentIdCheckCharacter } from '../domain/id-card.js';
import { createDeclarations, type Declarations } from '../applications/declarations.js';

/** The password of every demo account (SPEC §7). */
const demoPassword = 'Demo@2026';

/** 赵六 of the seed: 140105*****7932 in every list. */
export const zhaoLiuIdNumber = '140105199001097932';

/** A demo login created by {@link seedDemoApplications}. */
export interface DemoApplicationLogin {
  login: string;
  kind: 'candidate';
  name: string;
  /** What the account shows in the demo. */
  description: string;
}

/** What {@link seedDemoApplications} created. */
export interface DemoApplications {
  /** 医师资格考试试用期考核证明申报, open, deadline 63 days ahead (as the seed's screen). */
  projectId: string;
  /** Last year's project, closed by the deadline sweep (certified / rejected by district / expired). */
  pastProjectId: string;
  /** Application ids by demo state, e.g. `unitReview.approved` → 赵六's. */
  applications: Record<string, string>;
  logins: DemoApplicationLogin[];
}

/** The registry rows of the demo teachers: 黄燕红 matches; 110420100067890 is 李斯's, so the seed's 李四 is red. */
export const demoPhysicians = [
  { cert_no: '110420100012345', name: '黄燕红', level: '执业医师', category: '临床', unit: '江岸黄燕红西内科诊所', status: '注册' },
  { cert_no: '110420100067890', name: '李斯', level: '执业医师', category: '临床', unit: '武汉百佳妇产医院', status: '注册' },
  { cert_no: '110420100024680', name: '欧阳·明', level: '执业医师', category: '临床', unit: '武汉市第1911医院', status: '注册' },
] as const;

// A one-page PDF standing in for a scanned, stamped paper certificate.
const paperCertificatePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A valid resident ID from region, birth date (YYYYMMDD) and sequence. */
function residentId(region: string, birth: string, sequence: string): string {
  const body = `${region}${birth}${sequence}`;
  return body + residentIdCheckCharacter(body);
}

interface Institution {
  name: string;
  licenseNo: string;
  checkCode: string;
}

type Segment = Record<string, unknown>;

function segment(institution: Institution, current: boolean, from: IsoDate, to: IsoDate, department: string, teacher: { name: string; certNo: string; unit: string }): Segment {
  return {
    current,
    institutionName: institution.name,
    registrationNo: institution.licenseNo,
    ...(current ? { checkCode: institution.checkCode } : {}),
    startsOn: from,
    endsOn: to,
    department,
    teacherName: teacher.name,
    teacherCertNo: teacher.certNo,
    teacherUnit: teacher.unit,
  };
}

const huang = { name: '黄燕红', certNo: '110420100012345', unit: '江岸黄燕红西内科诊所' };
const ouyang = { name: '欧阳·明', certNo: '110420100024680', unit: '武汉市第1911医院' };
const liSi = { name: '李四', certNo: '110420100067890', unit: '武汉百佳妇产医院' };
const unknownTeacher = { name: '刘某', certNo: '110420100000001', unit: '武汉市第1911医院' };

function application(name: string, idNumber: string, segments: Segment[], phone = '13912345678') {
  return {
    candidate: { name, idType: 'resident-id', idNumber, ethnicity: '01', idValidFrom: '2016-05-01', idValidTo: '长期', phone },
    exam: { categoryCode: '110' },
    segments,
  };
}

/**
 * Seeds the application side of the demo (SPEC §7) through the engine:
 * the seed's project 医师资格考试试用期考核证明申报 (started 10 days ago, the
 * deadline 63 days ahead of the engine's clock, as the seed's screen shows),
 * the registry teachers, candidate 赵六 (login 140105199001097932) entered
 * directly by the unit with the seed's two segments (心内科 2019-08-08 ..
 * 2020-02-01 and 内科 2018-01-05 .. 2019-03-01: 5 + 13 = 18 months, green;
 * teacher 黄燕红 green, 李四 red with the stamped paper certificate uploaded)
 * and approved with 审核说明 审核通过, and further applications in every
 * state of the machine — last year's project supplies the closed ones,
 * through a runner on last year's clock and the engine's own deadline sweep.
 *
 * The institution must be activated with its 登记号 (license_no) and 校验码
 * (check_code) set; the lead's seed creates it first.
 *
 * @example
 * declare const institutionId: string, businessAccountId: string, adminId: string;
 * const { logins } = await seedDemoApplications(engine, { institutionId, businessAccountId, adminId });
 */
export async function seedDemoApplications(
  engine: Engine,
  options: { institutionId: string; businessAccountId?: string; adminId?: string },
): Promise<DemoApplications> {
  const row = await engine.db
    .selectFrom('pw_institutions')
    .select(['name', 'license_no', 'check_code', 'state', 'department_id'])
    .where('id', '=', options.institutionId)
    .executeTakeFirst();
  if (!row || row.state !== 'activated' || !row.license_no || !row.check_code) {
    throw new Error('seedDemoApplications needs an activated institution with its 登记号 (license_no) and 校验码 (check_code)');
  }
  const institution: Institution = { name: row.name ?? '武汉市第1911医院', licenseNo: row.license_no, checkCode: row.check_code };
  const admin: Actor = { id: options.adminId ?? null, kind: 'admin', departmentId: null };
  const unit: Actor = { id: options.businessAccountId ?? null, kind: 'business', institutionId: options.institutionId, businessCode: '19' };
  const now = engine.clock.now();
  const today = chinaDateOf(now);

  await engine.db
    .insertInto('pw_physicians')
    .values(demoPhysicians.map((p) => ({ ...p, updated_at: now })))
    .onConflict((oc) => oc.column('cert_no').doNothing())
    .execute();

  const logins: DemoApplicationLogin[] = [];
  const candidate = async (name: string, idNumber: string, description: string): Promise<Actor> => {
    const account = await engine.accounts.create({ kind: 'candidate', login: idNumber, name, password: demoPassword, phone: '13812341234' });
    logins.push({ login: idNumber, kind: 'candidate', name, description });
    return { id: account.id, kind: 'candidate' };
  };
  const applications: Record<string, string> = {};

  // This year's project, as the seed's 待审核项目列表 shows it.
  const project = await engine.projects.create(
    { name: '医师资格考试试用期考核证明申报', startsOn: addDays(today, -10), approvalDeadline: addDays(today, 63) },
    admin,
  );
  const d = engine.declarations;
  const recent = (monthsBack: number) => addDays(today, -30 * monthsBack);
  const green = (name: string, id: string) =>
    application(name, id, [segment(institution, true, recent(14), addDays(today, -1), '内科', huang)]);

  // 赵六: 单位直接录入, the seed's two segments, approved with 审核说明 审核通过 (re-editable until reported).
  await candidate('赵六', zhaoLiuIdNumber, '种子数据的考生：单位直接录入，审核通过（上报前可修改审核意见）');
  const zhao = await d.create(
    project.id,
    application(
      '赵六',
      zhaoLiuIdNumber,
      [
        segment(institution, true, '2019-08-08', '2020-02-01', '心内科', huang),
        segment({ ...institution, name: '武汉市第1911医院' }, false, '2018-01-05', '2019-03-01', '内科', liSi),
      ],
      '13812341234',
    ),
    unit,
  );
  await d.uploadPaperCertificate(zhao.id, 's2', { stream: Readable.from([paperCertificatePdf]), fileName: '试用期考核证明（盖章）.pdf' }, unit, {
    maxBytes: 10 * 1024 * 1024,
  });
  await d.send(zhao.id, { type: 'APPROVE', explanation: '审核通过' }, unit);
  applications['unitReview.approved'] = zhao.id;

  const qian = await candidate('钱七', residentId('420102', '19960315', '021'), '考生草稿：可修改、提交或撤回');
  applications['draft'] = (await d.create(project.id, green('钱七', residentId('420102', '19960315', '021')), qian)).id;

  applications['unitReview.pending'] = (await d.create(project.id, green('孙八', residentId('420106', '19950512', '031')), unit)).id;
  // Current teacher unknown to the registry: APPROVE needs an explanation.
  applications['unitReview.pending (red, explanation required)'] = (
    await d.create(project.id, application('周九', residentId('420102', '19970808', '041'), [segment(institution, true, recent(13), addDays(today, -1), '外科', unknownTeacher)]), unit)
  ).id;

  // A candidate's declaration whose other institution is red and has no paper certificate: APPROVE is refused.
  const wuId = residentId('420102', '19960101', '051');
  const wu = await candidate('吴十', wuId, '已提交的申报：其他试用机构带教老师为红色，需上传纸质证明后单位方可审核通过');
  const wuApp = await d.create(
    project.id,
    application('吴十', wuId, [
      segment(institution, true, recent(8), addDays(today, -1), '儿科', ouyang),
      segment({ ...institution, name: '武汉百佳妇产医院', licenseNo: 'PDY4201020099' }, false, recent(16), recent(9), '妇产科', liSi),
    ]),
    wu,
  );
  await d.send(wuApp.id, { type: 'SUBMIT' }, wu);
  applications['unitReview.pending (paper certificate required)'] = wuApp.id;

  const zheng = (await d.create(project.id, green('郑一', residentId('420106', '19941120', '061')), unit)).id;
  await d.send(zheng, { type: 'REJECT', explanation: '试用期考核证明与实际不符' }, unit);
  applications['unitReview.rejected'] = zheng;

  const wangId = residentId('420102', '19950606', '071');
  const wang = await candidate('王二', wangId, '被单位退回的申报：可修改后重新提交');
  const wangApp = (await d.create(project.id, green('王二', wangId), wang)).id;
  await d.send(wangApp, { type: 'SUBMIT' }, wang);
  await d.send(wangApp, { type: 'RETURN', explanation: '请补充带教老师执业证书信息' }, unit);
  applications['unitReview.returned'] = wangApp;

  const reported = async (name: string, id: string) => {
    const appId = (await d.create(project.id, green(name, id), unit)).id;
    await d.send(appId, { type: 'APPROVE', explanation: '审核通过' }, unit);
    await d.send(appId, { type: 'REPORT' }, unit);
    return appId;
  };
  applications['districtReview.pending'] = await reported('冯三', residentId('420102', '19930909', '081'));
  const chen = await reported('陈四', residentId('420106', '19940404', '091'));
  await d.send(chen, { type: 'DISTRICT_APPROVE' }, admin);
  applications['districtReview.approved'] = chen;
  const chu = await reported('褚五', residentId('420102', '19920202', '101'));
  await d.send(chu, { type: 'DISTRICT_REJECT', explanation: '试用期总时长证明材料不符' }, admin);
  applications['districtReview.rejected'] = chu;

  const wei = (await d.create(project.id, green('卫六', residentId('420106', '19911111', '111')), unit)).id;
  await d.send(wei, { type: 'REJECT', explanation: '试用期不足且无证明材料' }, unit);
  await d.send(wei, { type: 'REPORT' }, unit);
  applications['closed.rejectedByUnit'] = wei;

  const jiangId = residentId('420102', '19960707', '121');
  const jiang = await candidate('蒋七', jiangId, '已撤回的申报');
  const jiangApp = (await d.create(project.id, green('蒋七', jiangId), jiang)).id;
  await d.send(jiangApp, { type: 'SUBMIT' }, jiang);
  await d.send(jiangApp, { type: 'WITHDRAW' }, jiang);
  applications['closed.withdrawn'] = jiangApp;

  // Last year's project, worked on last year's clock, then closed by the engine's own sweep.
  const pastDeadline = addDays(today, -300);
  const pastProject = await engine.projects.create(
    { name: '医师资格考试试用期考核证明申报（上一年度）', startsOn: addDays(pastDeadline, -60), approvalDeadline: pastDeadline },
    admin,
  );
  const lastYear = fixedClock(`${addDays(pastDeadline, -20)}T02:00:00.000Z`);
  const past: Declarations = createDeclarations({
    db: engine.db,
    clock: lastYear,
    runner: createTransitionRunner(createApplicationWorkflow(), { db: engine.db, clock: lastYear, scope: { within: engine.departments.within } }),
    departments: engine.departments,
    storage: engine.storage,
  });
  const pastGreen = (name: string, id: string) =>
    application(name, id, [segment(institution, true, addDays(pastDeadline, -500), addDays(pastDeadline, -30), '内科', huang)]);
  const pastReported = async (name: string, id: string) => {
    const appId = (await past.create(pastProject.id, pastGreen(name, id), unit)).id;
    await past.send(appId, { type: 'APPROVE', explanation: '审核通过' }, unit);
    await past.send(appId, { type: 'REPORT' }, unit);
    return appId;
  };
  const certified = await pastReported('沈八', residentId('420102', '19900303', '131'));
  await past.send(certified, { type: 'DISTRICT_APPROVE' }, admin);
  const rejectedByDistrict = await pastReported('韩九', residentId('420106', '19910505', '141'));
  await past.send(rejectedByDistrict, { type: 'DISTRICT_REJECT', explanation: '带教老师资格不符' }, admin);
  const expired = (await past.create(pastProject.id, pastGreen('杨十', residentId('420102', '19920606', '151')), unit)).id;
  await engine.sweepDeadlines();
  applications['closed.certified'] = certified;
  applications['closed.rejectedByDistrict'] = rejectedByDistrict;
  applications['closed.expired'] = expired;

  return { projectId: project.id, pastProjectId: pastProject.id, applications, logins };
}
