import t from 'tap';
import { buildServer } from '../../adapters/server/server.js';
import { demoPassword, seedDemo } from '../../src/demo/seed.js';
import { createEngine } from '../../src/create-engine.js';
import { createFileStorage } from '../../src/storage/file-storage.js';
import { openTestDatabase } from '../helpers/database.js';
import { approveFirstPending } from '../../docs/examples/typed-client.js';

// Issue 15: the typed-client example of docs/examples (openapi-fetch over the
// types generated from docs/openapi.json) does its round against the bundled
// server on a real socket: log in as business account 19, list the pending
// applications, approve the first one.
t.test('the openapi-fetch example logs in, finds the first pending application and approves it over HTTP', async (t) => {
  const engine = await createEngine({ db: await openTestDatabase(t), storage: createFileStorage(t.testdir()) });
  await seedDemo(engine);
  const app = await buildServer({ engine, logger: false });
  t.teardown(async () => {
    await app.close();
    await engine.close();
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = async () => ({ authorization: `Bearer ${(await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: 'WS-00000-034-19', password: demoPassword } })).json().token}` });
  const pendingIds = async () => {
    const projects = (await app.inject({ method: 'GET', url: '/api/v1/projects', headers: await login() })).json().items as { id: string; status: string }[];
    const open = projects.find((p) => p.status === 'open')!;
    const page = await app.inject({ method: 'GET', url: `/api/v1/projects/${open.id}/applications?state=unitReview.pending&pageSize=100`, headers: await login() });
    return (page.json().items as { id: string }[]).map((i) => i.id);
  };
  const before = await pendingIds();
  t.ok(before.length > 0, 'the demo has applications waiting for the unit');

  const approved = await approveFirstPending(address, 'WS-00000-034-19', demoPassword);
  t.ok(approved, 'an application was approved');
  t.equal(approved!.id, before[0], 'the first one in arrival order');
  t.equal(approved!.state, 'unitReview.approved');
  t.equal(approved!.stateLabel, '单位审核·审核通过');
  t.same(await pendingIds(), before.slice(1), 'it no longer waits');
  const detail = await app.inject({ method: 'GET', url: `/api/v1/applications/${approved!.id}`, headers: await login() });
  t.equal(detail.json().version, approved!.version, 'the answer is the object as GET returns it');

  await t.rejects(approveFirstPending(address, 'WS-00000-034-19', 'Wrong@2026'), /login: 401 UNAUTHENTICATED/, 'a refused login is reported with its code');
});
