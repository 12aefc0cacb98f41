import t from 'tap';
import { buildServer } from '../../adapters/server/server.js';
import { loadConfig } from '../../adapters/server/config.js';
import { databaseOptions } from '../../adapters/cli/database-options.js';
import { createEngine } from '../../src/create-engine.js';
import { openTestDatabase } from '../helpers/database.js';

const database = await openTestDatabase(t);
const engine = await createEngine({ db: database });
const app = await buildServer({ engine, logger: false });
t.teardown(async () => {
  await app.close();
  await engine.close();
});

t.test('GET /healthz answers without touching the database', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { status: 'ok' });
});

t.test('GET /readyz reports the database reachable', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { status: 'ready', database: 'up' });
});

t.test('GET /api/v1/workflows lists the three machines with labels, events and diagrams', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/v1/workflows' });
  t.equal(res.statusCode, 200);
  const { items } = res.json() as { items: { name: string; mermaid: string; states: unknown[]; events: unknown[] }[] };
  t.same(items.map((w) => w.name), ['institution', 'businessAccount', 'application']);
  for (const w of items) {
    t.match(w.mermaid, /^stateDiagram-v2/);
    t.ok(w.states.length > 3 && w.events.length > 3);
  }
});

t.test('GET /api/v1/workflows/application describes states and who may send each event', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/v1/workflows/application' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body.states, [{ path: 'none', absent: true }]);
  t.match(
    body.states.find((s: { path: string }) => s.path === 'unitReview.pending'),
    { label: { zh: '待审核', en: 'Pending' }, type: 'atomic' },
  );
  t.match(body.events.find((e: { type: string }) => e.type === 'APPROVE'), { label: { zh: '审核通过' }, roles: ['business'] });
});

t.test('an unknown workflow or route is a 404 with the API error body', async (t) => {
  for (const url of ['/api/v1/workflows/nope', '/api/v1/no-such-route']) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 404, url);
    t.equal(res.json().error.code, 'NOT_FOUND');
    t.match(res.json().error.message, /[\u4e00-\u9fff]/);
  }
});

t.test('GET /readyz answers 503 DATABASE_UNAVAILABLE when the database is gone', async (t) => {
  const db2 = await openTestDatabase(t);
  const engine2 = await createEngine({ db: db2 });
  const app2 = await buildServer({ engine: engine2, logger: false });
  t.teardown(() => app2.close());
  await db2.close();
  const res = await app2.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 503);
  t.equal(res.json().error.code, 'DATABASE_UNAVAILABLE');
});

t.test('the configuration is validated with a message naming the bad variable', async (t) => {
  t.match(loadConfig({}), { PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', DEMO: true, LOG_LEVEL: 'info' });
  t.match(loadConfig({ PORT: '8080', DEMO: '0', DATABASE_URL: 'postgres://x@y/z', SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'https://sms.example.org/send', SMS_WEBHOOK_SECRET: '0123456789abcdef' }), {
    PORT: 8080,
    DEMO: false,
  });
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT="eighty"/);
  t.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud', DEMO: 'maybe' }), /LOG_LEVEL[\s\S]*DEMO|DEMO[\s\S]*LOG_LEVEL/);
});

t.test('DATABASE_PIPELINE=0 opens the PostgreSQL pool without pipelining; it is on by default', async (t) => {
  const url = 'postgres://x@y/z';
  t.match(databaseOptions(loadConfig({ DATABASE_URL: url })), { url, pipeline: true });
  t.match(databaseOptions(loadConfig({ DATABASE_URL: url, DATABASE_PIPELINE: '0' })), { url, pipeline: false });
  t.throws(() => loadConfig({ DATABASE_PIPELINE: 'sometimes' }), /DATABASE_PIPELINE/);
});

t.test('TRUST_PROXY decides whose address the audit log records for a login', async (t) => {
  t.equal(loadConfig({}).TRUST_PROXY, false, 'no proxy is trusted by default');
  t.equal(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY, 1);
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.1,10.1.0.0/16' }).TRUST_PROXY, ['10.0.0.1', '10.1.0.0/16']);
  t.throws(() => loadConfig({ TRUST_PROXY: 'everyone' }), /TRUST_PROXY/);

  const loginFrom = async (server: typeof app, login: string) => {
    await server.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      remoteAddress: '10.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.7' },
      payload: { login, password: 'Wrong@2026' },
    });
    const row = await engine.db
      .selectFrom('pw_audit')
      .select('ip')
      .where('action', '=', 'login.failure')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.ip;
  };
  t.equal(await loginFrom(app, 'nobody-1'), '10.0.0.1', 'without TRUST_PROXY a client cannot choose its address');
  const behindProxy = await buildServer({ engine, logger: false, trustProxy: 1 });
  t.teardown(() => behindProxy.close());
  t.equal(await loginFrom(behindProxy, 'nobody-2'), '203.0.113.7', 'one trusted hop: the address the proxy saw');
});
