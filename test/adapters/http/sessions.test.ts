import t from 'tap';
import { testServer } from '../../helpers/server.js';

t.test('POST /sessions logs in, GET /me shows the account, DELETE /sessions/current logs out', async (t) => {
  const { app, login } = await testServer(t);
  const bad = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: 'wuhan', password: 'nope' } });
  t.equal(bad.statusCode, 401);
  t.same(bad.json(), { error: { code: 'UNAUTHENTICATED', message: '账号或密码错误' } });
  const headers = await login('wuhan');
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers });
  t.equal(me.statusCode, 200);
  t.match(me.json(), { account: { login: 'wuhan', kind: 'district' }, department: { id: '420100', name: '武汉市卫生健康委员会' } });
  t.notOk('password_hash' in me.json().account);
  const out = await app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers });
  t.equal(out.statusCode, 204);
  const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers });
  t.equal(after.statusCode, 401);
  t.equal(after.json().error.code, 'UNAUTHENTICATED');
});

t.test('GET /me and DELETE /sessions/current need a session', async (t) => {
  const { app } = await testServer(t);
  for (const [method, url] of [
    ['GET', '/api/v1/me'],
    ['DELETE', '/api/v1/sessions/current'],
  ] as const) {
    for (const authorization of [undefined, 'Bearer nonsense-token-that-does-not-exist', 'Basic abc', 'Bearer']) {
      const res = await app.inject({ method, url, headers: authorization ? { authorization } : {} });
      t.equal(res.statusCode, 401, `${method} ${url} with ${authorization ?? 'no header'}`);
    }
  }
});

t.test('a locked account answers 423 ACCOUNT_LOCKED over HTTP', async (t) => {
  const { app } = await testServer(t);
  const codes = [];
  for (let i = 0; i < 6; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: 'admin', password: 'wrong' } });
    codes.push(res.statusCode);
  }
  t.same(codes, [401, 401, 401, 401, 423, 423]);
});

t.test('POST /candidates registers a candidate who can then log in', async (t) => {
  const { app } = await testServer(t);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/candidates',
    payload: { idNumber: '110101199003078515', name: '赵六', phone: '13812341234', password: 'Zhao@2026' },
  });
  t.equal(res.statusCode, 201);
  t.match(res.json(), { kind: 'candidate', login: '110101*****8515', phoneMasked: '138****1234', activated: true });
  const weak = await app.inject({
    method: 'POST',
    url: '/api/v1/candidates',
    payload: { idNumber: '110101199003078516', name: '赵六', phone: '13812341234', password: 'weakpass' },
  });
  t.equal(weak.statusCode, 400);
  t.match(weak.json().error.details, [{ field: 'idNumber' }, { field: 'password', code: 'weakPassword' }]);
  const session = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: '110101199003078515', password: 'Zhao@2026' } });
  t.equal(session.statusCode, 201);
});

t.test('public endpoints are rate-limited per address with RATE_LIMITED', async (t) => {
  const { app } = await testServer(t, { rateLimitPublic: 3 });
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: 'x', password: 'y' }, remoteAddress: '10.1.1.1' });
    statuses.push(res.statusCode);
    if (res.statusCode === 429) t.same(res.json().error.code, 'RATE_LIMITED');
  }
  t.same(statuses, [401, 401, 401, 429, 429]);
  const other = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: 'x', password: 'y' }, remoteAddress: '10.1.1.2' });
  t.equal(other.statusCode, 401, 'another address is not limited');
  const me = await app.inject({ method: 'GET', url: '/api/v1/departments', remoteAddress: '10.1.1.1' });
  t.equal(me.statusCode, 200, 'non-public-write endpoints are not limited');
});

t.test('GET /departments returns the tree', async (t) => {
  const { app } = await testServer(t);
  const res = await app.inject({ method: 'GET', url: '/api/v1/departments' });
  t.equal(res.statusCode, 200);
  const [root] = res.json().items;
  t.match(root, { id: '420000', name: '湖北省卫生健康委员会', level: 'province' });
  t.same(root.children.map((c: { id: string }) => c.id), ['420100', '420200']);
  t.same(root.children[0].children.map((c: { name: string }) => c.name), ['江岸区卫生健康局', '武昌区卫生健康局']);
});
