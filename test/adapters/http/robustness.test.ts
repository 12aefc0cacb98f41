import t from 'tap';
import { testServer } from '../../helpers/server.js';

// Malformed requests of every kind get a 4xx with the API's error body:
// never a 5xx, a stack trace or SQL text.

t.test('malformed requests get a clear 4xx error body, never a 5xx, stack or SQL', async (t) => {
  const { app, login } = await testServer(t);
  const headers = await login('admin');
  const json = { 'content-type': 'application/json' };
  const cases: { name: string; method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: string; headers?: Record<string, string>; status: number; code: string }[] = [
    { name: 'broken JSON', method: 'POST', url: '/api/v1/sessions', payload: '{"login":', headers: json, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'empty JSON body', method: 'POST', url: '/api/v1/sessions', payload: '', headers: json, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'JSON array body', method: 'POST', url: '/api/v1/sessions', payload: '[1,2]', headers: json, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'wrong types', method: 'POST', url: '/api/v1/sessions', payload: '{"login":1,"password":true}', headers: json, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'unknown fields', method: 'POST', url: '/api/v1/sessions', payload: '{"login":"a","password":"b","isAdmin":true}', headers: json, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'huge string', method: 'POST', url: '/api/v1/sessions', payload: JSON.stringify({ login: 'a'.repeat(5000), password: 'b' }), headers: json, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'body over the limit', method: 'POST', url: '/api/v1/candidates', payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: json, status: 413, code: 'FILE_TOO_LARGE' },
    { name: 'unsupported content type', method: 'POST', url: '/api/v1/sessions', payload: '<login/>', headers: { 'content-type': 'application/xml' }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { name: 'text body', method: 'POST', url: '/api/v1/sessions', payload: 'login=admin', headers: { 'content-type': 'text/plain' }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'SQL in a login', method: 'POST', url: '/api/v1/sessions', payload: JSON.stringify({ login: "admin' or '1'='1", password: "' or 1=1 --" }), headers: json, status: 401, code: 'UNAUTHENTICATED' },
    { name: 'a NUL character', method: 'POST', url: '/api/v1/sessions', payload: '{"login":"ad\\u0000min","password":"x"}', headers: json, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'control characters and a lone surrogate', method: 'POST', url: '/api/v1/sessions', payload: '{"login":"\\ud800\\u001b[31m\\u0007","password":"x"}', headers: json, status: 401, code: 'UNAUTHENTICATED' },
    { name: 'a non-UUID id', method: 'GET', url: '/api/v1/applications/not-a-uuid/history', headers, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'path traversal', method: 'GET', url: '/api/v1/applications/..%2F..%2Fetc%2Fpasswd/history', headers, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'a missing application', method: 'GET', url: `/api/v1/applications/${crypto.randomUUID()}/history`, headers, status: 404, code: 'NOT_FOUND' },
    { name: 'an unknown route', method: 'GET', url: '/api/v1/nothing-here', status: 404, code: 'NOT_FOUND' },
    { name: 'an unknown method', method: 'DELETE', url: '/api/v1/departments', status: 404, code: 'NOT_FOUND' },
  ];
  for (const c of cases) {
    const res = await app.inject({ method: c.method, url: c.url, payload: c.payload, headers: c.headers });
    t.equal(res.statusCode, c.status, `${c.name}: ${c.status}`);
    const body = res.json();
    t.equal(body.error?.code, c.code, `${c.name}: ${c.code}`);
    t.match(body.error?.message, /[\u4e00-\u9fff]/, `${c.name}: Chinese message`);
    t.notMatch(res.body, /at .+\.(ts|js):\d+|select |insert |update |pw_[a-z]/i, `${c.name}: no stack trace or SQL`);
  }
});

t.test('validation errors list every field with a Chinese message', async (t) => {
  const { app } = await testServer(t);
  const res = await app.inject({ method: 'POST', url: '/api/v1/candidates', payload: { idNumber: 5, extra: 'x' } });
  t.equal(res.statusCode, 400);
  const details = res.json().error.details as { field: string; code: string; message: string; in: string }[];
  t.same(details.map((d) => d.field).sort(), ['extra', 'idNumber', 'name', 'password', 'phone']);
  for (const d of details) {
    t.equal(d.in, 'body');
    t.match(d.message, /[\u4e00-\u9fff]/);
  }
});

t.test('GET /api/v1/openapi.json is an OpenAPI 3.1 document of the routes, and /docs serves the API docs', async (t) => {
  const { app } = await testServer(t);
  const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.equal(doc.openapi, '3.1.0');
  for (const path of ['/api/v1/sessions', '/api/v1/me', '/api/v1/candidates', '/api/v1/departments', '/api/v1/workflows', '/api/v1/applications/{id}/history']) {
    t.ok(doc.paths[path], `documents ${path}`);
  }
  const login = doc.paths['/api/v1/sessions'].post;
  t.match(login, { summary: '登录', tags: ['sessions'] });
  t.ok(login.responses['201'] && login.responses['401'] && login.responses['423'] && login.responses['429'], 'error responses are documented');
  const page = await app.inject({ method: 'GET', url: '/api/v1/docs' });
  t.equal(page.statusCode, 200);
  t.match(page.body, /swagger/i);
  const redirect = await app.inject({ method: 'GET', url: '/docs' });
  t.equal(redirect.statusCode, 302);
});
