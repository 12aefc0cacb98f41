import t from 'tap';
import { testServer } from '../../helpers/server.js';
import { hospital, huangshiUnit, lastSms, medicalFiles, multipart, plainFiles } from '../../onboarding/fixtures.js';

// Who may see and do what in onboarding, over HTTP: a district sees its own
// area only, an institution acts on its own business accounts only, the
// outbox is the admin's.

const api = '/api/v1';

t.test('onboarding permissions by account kind, district and ownership', async (t) => {
  const { app, engine, login } = await testServer(t);
  const register = async (fields: Record<string, string>, files: ReturnType<typeof medicalFiles>) =>
    (await app.inject({ method: 'POST', url: `${api}/institution-registrations`, ...multipart(fields, files) })).json().id as string;
  const wuhanId = await register(hospital, medicalFiles());
  const huangshiId = await register(huangshiUnit, plainFiles());
  const [admin, wuhan, huangshi] = [await login('admin'), await login('wuhan'), await login('huangshi')];

  // One district cannot see another district's registrations.
  const wuhanList = await app.inject({ method: 'GET', url: `${api}/institutions`, headers: wuhan });
  t.same(wuhanList.json().items.map((i: { id: string }) => i.id), [wuhanId]);
  const huangshiList = await app.inject({ method: 'GET', url: `${api}/institutions`, headers: huangshi });
  t.same(huangshiList.json().items.map((i: { id: string }) => i.id), [huangshiId]);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions`, headers: admin })).json().total, 2);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions/${wuhanId}`, headers: huangshi })).statusCode, 404);
  const foreignEvent = await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/events`, headers: huangshi, payload: { type: 'APPROVE' } });
  t.equal(foreignEvent.statusCode, 404, 'an event outside the scope answers as a missing id');
  const attachment = (await app.inject({ method: 'GET', url: `${api}/institutions/${wuhanId}`, headers: wuhan })).json().attachments[0].id;
  t.equal((await app.inject({ method: 'GET', url: `${api}/attachments/${attachment}`, headers: huangshi })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `${api}/attachments/${attachment}` })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions` })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: `${api}/outbox`, headers: wuhan })).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions/${wuhanId}/check-code`, headers: huangshi })).statusCode, 404);

  // Both institutions approved and activated; each main account logs in.
  const activate = async (id: string, headers: Record<string, string>) => {
    const approved = await app.inject({ method: 'POST', url: `${api}/institutions/${id}/events`, headers, payload: { type: 'APPROVE' } });
    const { accountNo } = approved.json();
    const code = (await lastSms(engine, 'institution.activationCode', id))!.activationCode!;
    const res = await app.inject({ method: 'POST', url: `${api}/activations`, payload: { accountNo, activationCode: code, password: 'Inst@2026' } });
    t.equal(res.statusCode, 200);
    return login(accountNo, 'Inst@2026');
  };
  const wuhanMain = await activate(wuhanId, wuhan);
  const huangshiMain = await activate(huangshiId, huangshi);

  // An institution cannot act on (or read) another institution's business accounts.
  const generate = await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/business-accounts/19/events`, headers: wuhanMain, payload: { type: 'GENERATE' } });
  t.equal(generate.statusCode, 200);
  t.equal(generate.json().accountNo, 'WS-00000-034-19');
  const other = await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/business-accounts/19/events`, headers: huangshiMain, payload: { type: 'DISABLE' } });
  t.equal(other.statusCode, 404);
  t.equal(other.json().error.code, 'NOT_FOUND');
  const otherGenerate = await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/business-accounts/11/events`, headers: huangshiMain, payload: { type: 'GENERATE' } });
  t.equal(otherGenerate.statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions/${wuhanId}/business-accounts`, headers: huangshiMain })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions/${wuhanId}`, headers: huangshiMain })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions`, headers: huangshiMain })).statusCode, 403, 'the review list is for reviewers');
  t.equal((await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/check-code`, headers: huangshiMain })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions/${huangshiId}/check-code`, headers: huangshiMain })).statusCode, 200);

  // A reviewer may read the table but not generate; an unknown business code is a 400.
  t.equal((await app.inject({ method: 'GET', url: `${api}/institutions/${wuhanId}/business-accounts`, headers: wuhan })).statusCode, 200);
  t.equal((await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/business-accounts/12/events`, headers: wuhan, payload: { type: 'GENERATE' } })).statusCode, 403);
  t.equal((await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/business-accounts/16/events`, headers: wuhanMain, payload: { type: 'GENERATE' } })).statusCode, 400);
  // Institution DISABLE is the admin's.
  t.equal((await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/events`, headers: wuhan, payload: { type: 'DISABLE', reason: 'x' } })).statusCode, 403);
  t.equal((await app.inject({ method: 'POST', url: `${api}/institutions/${wuhanId}/events`, headers: admin, payload: { type: 'DISABLE', reason: '整改' } })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: `${api}/me`, headers: wuhanMain })).statusCode, 401, 'a disabled institution’s session stops working');
});

t.test('the OpenAPI document describes every onboarding endpoint with its errors', async (t) => {
  const { app } = await testServer(t);
  const doc = (await app.inject({ method: 'GET', url: `${api}/openapi.json` })).json();
  const expected: [string, string, string[]][] = [
    ['/api/v1/registration-form', 'get', ['200']],
    ['/api/v1/institution-registrations', 'post', ['201', '400', '409', '413', '415', '429']],
    ['/api/v1/institution-registrations/query-code', 'post', ['202', '400', '429']],
    ['/api/v1/institution-registrations/query', 'post', ['200', '400', '401', '429']],
    ['/api/v1/activations', 'post', ['200', '400', '401', '429']],
    ['/api/v1/institutions', 'get', ['200', '401', '403']],
    ['/api/v1/institutions/{id}', 'get', ['200', '404']],
    ['/api/v1/institutions/{id}/events', 'post', ['200', '403', '404', '409', '422']],
    ['/api/v1/institutions/{id}/business-accounts', 'get', ['200', '404']],
    ['/api/v1/institutions/{id}/business-accounts/{code}/events', 'post', ['200', '403', '404', '409', '422']],
    ['/api/v1/institutions/{id}/check-code', 'get', ['200', '404']],
    ['/api/v1/institutions/{id}/check-code', 'post', ['200', '404', '409']],
    ['/api/v1/attachments/{id}', 'get', ['200', '404']],
    ['/api/v1/outbox', 'get', ['200', '403']],
  ];
  for (const [path, method, statuses] of expected) {
    const operation = doc.paths[path]?.[method];
    t.ok(operation, `${method.toUpperCase()} ${path}`);
    t.ok(operation?.summary && operation?.tags?.length, `${path} has a summary and tags`);
    for (const status of statuses) t.ok(operation?.responses?.[status], `${method.toUpperCase()} ${path} documents ${status}`);
  }
  const registration = doc.paths['/api/v1/institution-registrations'].post.requestBody.content['multipart/form-data'].schema;
  const schema = registration.$ref ? doc.components.schemas[registration.$ref.split('/').pop()] : registration;
  t.match(schema.properties.registrationForm, { type: 'string', format: 'binary' });
});

t.test('a logged-in account posting a registration registers it as the public would', async (t) => {
  const { app, login } = await testServer(t);
  const wuhan = await login('wuhan');
  const body = multipart(huangshiUnit, plainFiles());
  const asReviewer = await app.inject({ method: 'POST', url: `${api}/institution-registrations`, payload: body.payload, headers: { ...body.headers, ...wuhan } });
  t.equal(asReviewer.statusCode, 201);
  const detail = await app.inject({ method: 'GET', url: `${api}/institutions/${asReviewer.json().id}`, headers: await login('admin') });
  t.match(detail.json().history, [{ event: 'REGISTER', actorRole: 'public', actorId: null }]);
});
