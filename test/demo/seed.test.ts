import t from 'tap';
import { createEngine } from '../../src/create-engine.js';
import { demoPassword, seedDemo } from '../../src/demo/seed.js';
import { openTestDatabase } from '../helpers/database.js';
import { createFileStorage } from '../../src/storage/file-storage.js';

t.test('seeds the department tree and demo logins into an empty database, once', async (t) => {
  const engine = await createEngine({ db: await openTestDatabase(t), storage: createFileStorage(t.testdir()) });
  t.teardown(() => engine.close());
  const seeded = await seedDemo(engine);
  t.equal(seeded.seeded, true);
  t.match(seeded.logins, ['admin', 'wuhan', 'JG00000', 'WS-00000-034-19']);
  t.ok(seeded.logins.includes('140105199001097932'), 'the seed’s candidate 赵六');
  for (const login of ['admin', 'wuhan', 'JG00000', 'WS-00000-034-19', '140105199001097932']) {
    const session = await engine.accounts.login({ login, password: demoPassword });
    t.ok(session.token, `${login} logs in with ${demoPassword}`);
  }
  const [root] = await engine.departments.tree();
  t.equal(root?.name, '湖北省卫生健康委员会');
  t.same(root?.children.map((c) => c.name), ['武汉市卫生健康委员会']);
  t.same(root?.children[0]?.children.map((c) => c.name), ['江岸区卫生健康局', '武昌区卫生健康局']);
  t.same(await seedDemo(engine), { seeded: false, logins: [] }, 'a database with data is left alone');
  const states = (await engine.db.selectFrom('pw_applications').select('state').distinct().execute()).map((r) => r.state);
  t.ok(states.length >= 8, `applications in ${states.length} states`);
});
