/**
 * A probation world for application tests: the seed's institution
 * 武汉市第1911医院 (登记号 5252223212582111254, 校验码 434148) activated under
 * 江岸区, a second institution under 黄石市, an open project, the registry
 * teachers of the seed (黄燕红 green; 110420100067890 registered under another
 * name, so 李四 is red), and a candidate account for 赵六.
 */

import type { Test } from 'tap';
import type { Engine } from '../../src/create-engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { activatedInstitution, admin, testEngine, unitOf } from '../helpers/engine.js';
import { residentId, zhaoLiuId, zhaoLiuInput } from '../domain/fixtures/seed.js';

export { zhaoLiuId, zhaoLiuInput, residentId };

export const seedLicenseNo = '5252223212582111254';
export const seedCheckCode = '434148';
export const demoPassword = 'Demo@2026';

/** Gives an institution row the registration data the binding reads. */
export async function registerInstitutionData(
  engine: Engine,
  id: string,
  data: { name: string; licenseNo: string; checkCode: string },
): Promise<void> {
  await engine.db
    .updateTable('pw_institutions')
    .set({ name: data.name, license_no: data.licenseNo, check_code: data.checkCode, is_medical: true })
    .where('id', '=', id)
    .execute();
}

/** The registry rows of the seed's teachers: 黄燕红 matches, 110420100067890 belongs to 李斯 (not 李四). */
export async function seedTeachers(engine: Engine): Promise<void> {
  const now = new Date('2026-01-01T00:00:00Z');
  await engine.db
    .insertInto('pw_physicians')
    .values([
      { cert_no: '110420100012345', name: '黄燕红', level: '执业医师', category: '临床', unit: '江岸黄燕红西内科诊所', status: '注册', updated_at: now },
      { cert_no: '110420100067890', name: '李斯', level: '执业医师', category: '临床', unit: '武汉百佳妇产医院', status: '注册', updated_at: now },
      { cert_no: '110420100099999', name: '王五', level: '执业医师', category: '临床', unit: '黄石市中心医院', status: '注册', updated_at: now },
    ])
    .execute();
}

/** 赵六's application with both teacher checks green (李四's number replaced by 黄燕红's). */
export function allGreenInput(): Record<string, unknown> {
  const input = zhaoLiuInput() as { segments: Record<string, unknown>[] };
  input.segments[1] = { ...input.segments[1], teacherName: '黄燕红', teacherCertNo: '110420100012345' };
  return input;
}

/** An application of another candidate at the given institution, all green, 12+ months. */
export function otherCandidateInput(
  name: string,
  idNumber: string,
  institution: { name: string; licenseNo: string; checkCode: string } = { name: '武汉市第1911医院', licenseNo: seedLicenseNo, checkCode: seedCheckCode },
): Record<string, unknown> {
  return {
    candidate: { name, idType: 'resident-id', idNumber, ethnicity: '01', idValidFrom: '2015-03-01', idValidTo: '长期', phone: '13912345678' },
    exam: { categoryCode: '110' },
    segments: [
      {
        current: true,
        institutionName: institution.name,
        registrationNo: institution.licenseNo,
        checkCode: institution.checkCode,
        startsOn: '2025-01-01',
        endsOn: '2026-02-28',
        department: '内科',
        teacherName: '黄燕红',
        teacherCertNo: '110420100012345',
        teacherUnit: '江岸黄燕红西内科诊所',
      },
    ],
  };
}

export interface ProbationWorld extends Awaited<ReturnType<typeof testEngine>> {
  institutionId: string;
  /** 黄石市 institution (登记号 4202000000000000001, 校验码 111111). */
  otherInstitutionId: string;
  projectId: string;
  unit: Actor;
  otherUnit: Actor;
  /** 赵六's candidate account. */
  zhaoLiu: Actor;
}

/**
 * The world: engine at 2026-03-01T08:00Z, project open 2026-02-01 .. 2026-03-31.
 *
 * @example
 * const world = await probationWorld(t);
 * await world.engine.declarations.create(world.projectId, zhaoLiuInput(), world.zhaoLiu);
 */
export async function probationWorld(t: Test, options: Parameters<typeof testEngine>[1] = {}): Promise<ProbationWorld> {
  const context = await testEngine(t, options);
  const { engine, facts } = context;
  const institutionId = await activatedInstitution(engine, facts, '420102');
  await registerInstitutionData(engine, institutionId, { name: '武汉市第1911医院', licenseNo: seedLicenseNo, checkCode: seedCheckCode });
  const otherInstitutionId = await activatedInstitution(engine, facts, '420200');
  await registerInstitutionData(engine, otherInstitutionId, { name: '黄石市中心医院', licenseNo: '4202000000000000001', checkCode: '111111' });
  await seedTeachers(engine);
  const project = await engine.projects.create(
    { name: '医师资格考试试用期考核证明申报', startsOn: '2026-02-01', approvalDeadline: '2026-03-31' },
    admin,
  );
  const account = await engine.accounts.create({ kind: 'candidate', login: zhaoLiuId, name: '赵六', password: demoPassword, phone: '13812341234' });
  return {
    ...context,
    institutionId,
    otherInstitutionId,
    projectId: project.id,
    unit: unitOf(institutionId, 'business-1911'),
    otherUnit: unitOf(otherInstitutionId, 'business-hs'),
    zhaoLiu: Object.freeze({ id: account.id, kind: 'candidate' as const }),
  };
}

/** What a refused command must leave alone: the row, its history, the outbox and the attachments. */
export async function snapshotOf(engine: Engine, id?: string) {
  const row = id ? await engine.db.selectFrom('pw_applications').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  const count = async (table: 'pw_history' | 'pw_outbox' | 'pw_attachments' | 'pw_applications') =>
    Number((await engine.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    row: row ? { state: row.state, version: row.version, data: row.data, context: row.context, red_count: row.red_count, note: row.note } : null,
    history: await count('pw_history'),
    outbox: await count('pw_outbox'),
    attachments: await count('pw_attachments'),
    applications: await count('pw_applications'),
  };
}

/** The coded error of a refused promise. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: any }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: any };
  }
  throw new Error('expected a refusal');
}

/** A tiny valid PDF. */
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The bundled server over the probation world, with logins: `admin`,
 * `wuhan` (district 武汉市), `huangshi` (district 黄石市), `WS-00000-034-19`
 * (business 19 of 武汉市第1911医院), `WS-00001-020-19` (business 19 of the
 * 黄石 institution) and 赵六 (his ID number), all with `Demo@2026`.
 *
 * @example
 * const world = await probationServer(t);
 * const res = await world.app.inject({ method: 'GET', url: '/api/v1/projects', headers: await world.login(world.unitLogin) });
 */
export async function probationServer(t: Test) {
  const { testServer } = await import('../helpers/server.js');
  const context = await testServer(t);
  const { engine, facts } = context;
  const institutionId = await activatedInstitution(engine, facts, '420102');
  await registerInstitutionData(engine, institutionId, { name: '武汉市第1911医院', licenseNo: seedLicenseNo, checkCode: seedCheckCode });
  const otherInstitutionId = await activatedInstitution(engine, facts, '420200');
  await registerInstitutionData(engine, otherInstitutionId, { name: '黄石市中心医院', licenseNo: '4202000000000000001', checkCode: '111111' });
  await seedTeachers(engine);
  const unitLogin = 'WS-00000-034-19';
  const otherUnitLogin = 'WS-00001-020-19';
  await engine.accounts.create({ kind: 'business', login: unitLogin, name: '武汉市第1911医院', password: demoPassword, institutionId, businessCode: '19', departmentId: '420102' });
  await engine.accounts.create({ kind: 'business', login: otherUnitLogin, name: '黄石市中心医院', password: demoPassword, institutionId: otherInstitutionId, businessCode: '19', departmentId: '420200' });
  await engine.accounts.create({ kind: 'business', login: 'WS-00000-034-10', name: '武汉市第1911医院（业务10）', password: demoPassword, institutionId, businessCode: '10', departmentId: '420102' });
  const zhaoLiu = await engine.accounts.create({ kind: 'candidate', login: zhaoLiuId, name: '赵六', password: demoPassword, phone: '13812341234' });
  return { ...context, institutionId, otherInstitutionId, unitLogin, otherUnitLogin, zhaoLiuLogin: zhaoLiuId, zhaoLiuId: zhaoLiu.id };
}

/**
 * A multipart/form-data body with one file field, for app.inject.
 *
 * @example
 * await app.inject({ method: 'POST', url, headers: { ...auth, ...form.headers }, payload: form.payload });
 */
export function multipartFile(field: string, fileName: string, content: Buffer, contentType = 'application/pdf') {
  const boundary = `----pw${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}
