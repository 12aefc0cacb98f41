import { sql } from 'kysely';
import type { Engine } from '../create-engine.js';
import { seedDemoApplications } from './applications.js';
import { seedDemoInstitutions } from './institutions.js';

/** The password of every demo account (SPEC §7). */
export const demoPassword = 'Demo@2026';

/** The seed's department tree: 湖北省 → 武汉市 → 江岸区 / 武昌区. */
export const demoDepartments = [
  { id: '420000', parent_id: null, name: '湖北省卫生健康委员会', level: 'province', code: '001' },
  { id: '420100', parent_id: '420000', name: '武汉市卫生健康委员会', level: 'city', code: '010' },
  { id: '420102', parent_id: '420100', name: '江岸区卫生健康局', level: 'district', code: '034' },
  { id: '420106', parent_id: '420100', name: '武昌区卫生健康局', level: 'district', code: '035' },
] as const;

/** Every demo login, for the README and the start-up log. */
export const demoLogins = [
  { login: 'admin', kind: 'admin', name: '省级管理员', departmentId: '420000' },
  { login: 'wuhan', kind: 'district', name: '武汉市考区审核员', departmentId: '420100' },
] as const;

/**
 * Seeds the demo data of SPEC §7 into an empty database and reports what
 * it did; a database that already has departments or accounts is left
 * alone (demo data never mixes with real data).
 *
 * @example
 * if (process.env.DEMO !== '0') await seedDemo(engine);
 */
export async function seedDemo(engine: Engine): Promise<{ seeded: boolean; logins: string[] }> {
  const { rows } = await sql<{ n: number }>`
    select (select count(*) from pw_departments) + (select count(*) from pw_accounts) as n`.execute(engine.db);
  if (Number(rows[0]?.n ?? 0) > 0) return { seeded: false, logins: [] };
  await engine.db.transaction().execute(async (trx) => {
    await trx.insertInto('pw_departments').values(demoDepartments.map((d) => ({ ...d }))).execute();
    for (const a of demoLogins) {
      await engine.accounts.create(
        { kind: a.kind, login: a.login, name: a.name, password: demoPassword, departmentId: a.departmentId },
        trx,
      );
    }
  });
  engine.departments.invalidate();
  // The institution and application sides go through the engine, as a user would.
  const institutionLogins = await seedDemoInstitutions(engine);
  const institution = await engine.db
    .selectFrom('pw_institutions')
    .select('id')
    .where('license_no', '=', '5252223212582111254')
    .executeTakeFirstOrThrow();
  const business = await engine.db
    .selectFrom('pw_accounts')
    .select('id')
    .where('institution_id', '=', institution.id)
    .where('business_code', '=', '19')
    .executeTakeFirst();
  const admin = await engine.db.selectFrom('pw_accounts').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
  const applications = await seedDemoApplications(engine, {
    institutionId: institution.id,
    ...(business ? { businessAccountId: business.id } : {}),
    adminId: admin.id,
  });
  return {
    seeded: true,
    logins: [...demoLogins.map((a) => a.login), ...institutionLogins.map((l) => l.login), ...applications.logins.map((l) => l.login)],
  };
}
