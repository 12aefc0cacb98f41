import t from 'tap';
import { testEngine } from '../helpers/engine.js';
import { seedDemoInstitutions } from '../../src/demo/institutions.js';
import type { Actor } from '../../src/engine/actor.js';
import { findInstitutionByCheckCode } from '../../src/onboarding/check-codes.js';

t.test('seeds 武汉市第1911医院 activated with business account 19 active, and one registration waiting for review', async (t) => {
  const { engine } = await testEngine(t);
  await engine.accounts.create({ kind: 'admin', login: 'admin', name: '省级管理员', password: 'Demo@2026', departmentId: '420000' });
  const logins = await seedDemoInstitutions(engine);
  t.same(
    logins.map((l) => [l.login, l.kind]),
    [
      ['JG00000', 'institution'],
      ['WS-00000-034-19', 'business'],
    ],
  );
  for (const { login } of logins) {
    const session = await engine.accounts.login({ login, password: 'Demo@2026' });
    t.ok(session.token, `${login} logs in with Demo@2026`);
  }
  const institution = await findInstitutionByCheckCode(engine.db, '5252223212582111254', '434148');
  t.match(institution, { name: '武汉市第1911医院', state: 'activated', departmentId: '420102' });
  const adminActor: Actor = { id: 'a', kind: 'admin', departmentId: '420000' };
  const rows = await engine.onboarding.businessAccounts(institution!.id, adminActor);
  t.match(rows[6], { businessCode: '19', accountNo: 'WS-00000-034-19', state: 'active', activated: true });
  const pending = await engine.onboarding.listInstitutions(adminActor, { state: 'applied' });
  t.equal(pending.total, 1);
  t.match(pending.items[0], { name: '武汉市武昌区示范社区卫生服务中心', department: { id: '420106' } });
  const history = await engine.institutions.history(institution!.id, adminActor);
  t.same(history.map((h) => h.event), ['REGISTER', 'APPROVE', 'ACTIVATE']);
});
