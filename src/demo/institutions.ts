import { Readable } from 'node:stream';
import type { Actor } from '../engine/actor.js';
import { publicActor } from '../engine/actor.js';
import type { Engine } from '../create-engine.js';
import { issueCode } from '../accounts/one-time-codes.js';
import { newActivationCode } from '../accounts/secrets.js';
import type { RegistrationPart } from '../onboarding/registration-upload.js';

/** The password of every demo account (SPEC §7); the same as src/demo/seed.ts. */
const demoPassword = 'Demo@2026';

/** The seed's institution (操作指南 二.7): 登记号 and 校验码 exactly as the guide shows them. */
export const demoInstitution = {
  name: '武汉市第1911医院',
  address: '武汉市江岸区解放大道1911号',
  creditCode: '12420102MB00000016',
  licenseNo: '5252223212582111254',
  checkCode: '434148',
  adminName: '张敏',
  adminPhone: '13871001911',
  departmentId: '420102',
} as const;

/** A registration left waiting for the exam district's review. */
export const demoPendingRegistration = {
  name: '武汉市武昌区示范社区卫生服务中心',
  address: '武汉市武昌区中南路88号',
  creditCode: '12420106MB00000023',
  licenseNo: 'PDY4201060001',
  adminName: '李娜',
  adminPhone: '13971002026',
  departmentId: '420106',
} as const;

/** A demo login created by {@link seedDemoInstitutions}. */
export interface DemoInstitutionLogin {
  login: string;
  kind: 'institution' | 'business';
  name: string;
}

function registrationParts(data: Record<string, string>, file: Buffer): RegistrationPart[] {
  return [
    ...Object.entries(data).map(([name, value]) => ({ type: 'field' as const, name, value })),
    { type: 'field', name: 'isMedical', value: 'true' },
    ...(['registrationForm', 'creditCertificate', 'medicalLicense'] as const).map((name) => ({
      type: 'file' as const,
      name,
      filename: `${name}.pdf`,
      stream: Readable.from([file]),
    })),
  ];
}

/**
 * Seeds the institution side of the demo (SPEC §7) through the engine, as
 * the seed's guide walks it: 武汉市第1911医院 registers, the province admin
 * approves it, it activates its main account (机构证号 JG00000 when it is the
 * first approval) with the code texted to its admin phone, generates and
 * activates business account 19 (WS-00000-034-19); its check code is set to
 * the guide's 434148. A second registration is left waiting for review.
 * Every password is Demo@2026. Expects the demo departments (420102
 * 江岸区, 420106 武昌区) to exist; returns the logins it created.
 *
 * @example
 * const logins = await seedDemoInstitutions(engine); // [{ login: 'JG00000', … }, { login: 'WS-00000-034-19', … }]
 */
export async function seedDemoInstitutions(engine: Engine): Promise<DemoInstitutionLogin[]> {
  const { onboarding } = engine;
  // The blank registration form stands in for every scanned attachment.
  const file = onboarding.registrationForm();
  const caller = publicActor('127.0.0.1');
  const { checkCode, ...fields } = demoInstitution;
  const { id } = await onboarding.register(registrationParts(fields, file), caller);

  const admin = await engine.db.selectFrom('pw_accounts').select(['id', 'department_id']).where('kind', '=', 'admin').orderBy('created_at').executeTakeFirst();
  const reviewer: Actor = { id: admin?.id ?? 'demo-seed', kind: 'admin', departmentId: admin?.department_id ?? null };
  await onboarding.sendInstitutionEvent(id, { type: 'APPROVE', reason: '材料齐全，审核通过' }, reviewer);
  // The approval texted a code to the admin phone; the outbox no longer keeps it once delivered, so
  // the seed, standing in for the phone's owner, issues the account a fresh one and uses that.
  const { account_no } = await engine.db.selectFrom('pw_institutions').select('account_no').where('id', '=', id).executeTakeFirstOrThrow();
  const accountNo = account_no as string;
  const activationCode = newActivationCode();
  await issueCode(engine.db, { purpose: 'activation', subject: accountNo, code: activationCode, now: engine.clock.now(), ttlMs: 60 * 60_000 });
  await onboarding.activate({ accountNo, activationCode, password: demoPassword }, caller);
  // The guide's own check code, so its example application can be entered as printed.
  await engine.db.updateTable('pw_institutions').set({ check_code: checkCode }).where('id', '=', id).execute();

  const main = await engine.db.selectFrom('pw_accounts').select('id').where('login', '=', accountNo).executeTakeFirstOrThrow();
  const mainActor: Actor = { id: main.id, kind: 'institution', institutionId: id };
  const business = await onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, mainActor);
  await onboarding.activate({ accountNo: business.accountNo, activationCode: business.activationCode, password: demoPassword }, caller);

  await onboarding.register(registrationParts(demoPendingRegistration, file), caller);

  return [
    { login: accountNo, kind: 'institution', name: `${demoInstitution.name}（机构主账号）` },
    { login: business.accountNo!, kind: 'business', name: `${demoInstitution.name}（业务19：试用期考核证明申报管理）` },
  ];
}
