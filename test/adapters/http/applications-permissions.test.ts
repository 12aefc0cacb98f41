import t from 'tap';
import { multipartFile, otherCandidateInput, pdfBytes, probationServer, residentId, zhaoLiuInput } from '../../applications/fixtures.js';

// Every role against the application endpoints: what each may see and do,
// masked ID numbers in every list, and malformed requests answered with a
// coded 4xx, never a 5xx.

const fullId = /\b\d{17}[\dX]\b/;

async function world(t: Parameters<typeof probationServer>[0]) {
  const w = await probationServer(t);
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    w.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const adminAuth = await w.login('admin');
  const project = (await api('POST', '/projects', adminAuth, { name: '医师资格考试试用期考核证明申报', startsOn: '2026-02-01', approvalDeadline: '2026-03-31' })).json();
  return { ...w, api, adminAuth, projectId: project.id as string };
}

t.test('a unit never sees another unit’s applicants; a candidate never sees another’s application; lists mask every ID', async (t) => {
  const w = await world(t);
  const { api, projectId } = w;
  const unit = await w.login(w.unitLogin);
  const otherUnit = await w.login(w.otherUnitLogin);
  const business10 = await w.login('WS-00000-034-10');
  const zhao = await w.login(w.zhaoLiuLogin);
  const wuhan = await w.login('wuhan');
  const huangshi = await w.login('huangshi');

  const qianId = residentId('420102', '19950101', '011');
  t.equal((await api('POST', '/candidates', {}, { idNumber: qianId, name: '钱七', phone: '13912345678', password: 'Qian@2026' })).statusCode, 201);
  const qian = await w.login(qianId, 'Qian@2026');

  const zhaoApp = (await api('POST', `/projects/${projectId}/applications`, zhao, zhaoLiuInput())).json();
  t.equal(zhaoApp.state, 'draft');
  const qianApp = (await api('POST', `/projects/${projectId}/applications`, qian, otherCandidateInput('钱七', qianId))).json();
  t.equal((await api('POST', `/applications/${zhaoApp.id}/events`, zhao, { type: 'SUBMIT' })).statusCode, 200);
  t.equal((await api('POST', `/applications/${qianApp.id}/events`, qian, { type: 'SUBMIT' })).statusCode, 200);

  // Candidates: their own only.
  t.equal((await api('GET', `/applications/${qianApp.id}`, zhao)).statusCode, 404, '赵六 cannot read 钱七');
  t.equal((await api('GET', `/applications/${qianApp.id}/history`, zhao)).statusCode, 404);
  t.equal((await api('POST', `/applications/${qianApp.id}/events`, zhao, { type: 'WITHDRAW' })).statusCode, 404, 'nor send it an event');
  const zhaoList = await api('GET', `/projects/${projectId}/applications`, zhao);
  t.match(zhaoList.json(), { total: 1, items: [{ id: zhaoApp.id, idNumberMasked: '140105*****7932' }] });

  // Units: their own institution only.
  const unitList = await api('GET', `/projects/${projectId}/applications`, unit);
  t.equal(unitList.json().total, 2);
  const otherList = await api('GET', `/projects/${projectId}/applications`, otherUnit);
  t.equal(otherList.json().total, 0, 'the 黄石 unit sees none of 武汉市第1911医院');
  t.equal((await api('GET', `/applications/${zhaoApp.id}`, otherUnit)).statusCode, 404);
  t.equal((await api('POST', `/applications/${zhaoApp.id}/events`, otherUnit, { type: 'APPROVE', explanation: 'x' })).statusCode, 404);
  const form = multipartFile('file', 'x.pdf', pdfBytes);
  const foreignUpload = await w.app.inject({ method: 'POST', url: `/api/v1/applications/${zhaoApp.id}/segments/s2/paper-certificate`, headers: { ...otherUnit, ...form.headers }, payload: form.payload });
  t.equal(foreignUpload.statusCode, 404);
  t.equal((await api('GET', '/projects', business10)).json().total, 0, 'business 10 has no probation projects');
  t.equal((await api('GET', `/projects/${projectId}/applications`, business10)).statusCode, 404);
  t.equal((await api('GET', `/applications/${zhaoApp.id}`, business10)).statusCode, 404);
  t.equal((await api('POST', `/projects/${projectId}/report`, otherUnit)).json().total, 0);

  // Districts: their node only.
  t.equal((await api('GET', `/projects/${projectId}/applications`, wuhan)).json().total, 2);
  t.equal((await api('GET', `/projects/${projectId}/applications`, huangshi)).json().total, 0);
  t.equal((await api('GET', `/applications/${zhaoApp.id}`, huangshi)).statusCode, 404);
  t.equal((await api('POST', `/projects/${projectId}/report`, wuhan)).statusCode, 403);
  t.equal((await api('POST', '/projects', wuhan, { name: '越权', startsOn: '2026-03-01', approvalDeadline: '2026-03-20' })).statusCode, 403);
  t.equal((await api('GET', `/projects/${projectId}/institutions`, unit)).statusCode, 403);

  // Masked in every list, for every role.
  for (const [who, auth] of Object.entries({ zhao, qian, unit, wuhan, admin: w.adminAuth })) {
    const list = await api('GET', `/projects/${projectId}/applications?pageSize=100`, auth);
    t.equal(list.statusCode, 200, who);
    t.notMatch(list.body, fullId, `${who}: no full ID number in the list`);
    for (const item of list.json().items) t.match(item.idNumberMasked, /^\d{6}\*{5}[\dX]{4}$/);
  }

  // Without a session: 401 everywhere.
  for (const [method, url] of [
    ['GET', '/projects'],
    ['GET', `/projects/${projectId}`],
    ['GET', `/projects/${projectId}/applications`],
    ['POST', `/projects/${projectId}/applications`],
    ['POST', `/projects/${projectId}/report`],
    ['GET', `/applications/${zhaoApp.id}`],
    ['PUT', `/applications/${zhaoApp.id}`],
    ['POST', `/applications/${zhaoApp.id}/events`],
  ] as const) {
    const res = await api(method, url, {}, method === 'GET' ? undefined : method === 'POST' && url.endsWith('/events') ? { type: 'WITHDRAW' } : {});
    t.equal(res.statusCode, 401, `${method} ${url}`);
  }
});

t.test('a candidate declares, edits, resubmits and withdraws over HTTP, with expectedVersion and Idempotency-Key', async (t) => {
  const w = await world(t);
  const { api, projectId } = w;
  const zhao = await w.login(w.zhaoLiuLogin);
  const unit = await w.login(w.unitLogin);
  const created = await api('POST', `/projects/${projectId}/applications`, { ...zhao, 'idempotency-key': 'declare-1' }, zhaoLiuInput());
  t.equal(created.statusCode, 201);
  const replay = await api('POST', `/projects/${projectId}/applications`, { ...zhao, 'idempotency-key': 'declare-1' }, zhaoLiuInput());
  t.equal(replay.statusCode, 201);
  t.equal(replay.json().id, created.json().id, 'a retried declaration returns the first');
  const id = created.json().id as string;

  const edit = { ...zhaoLiuInput(), expectedVersion: 1 } as unknown as Record<string, unknown> & { segments: Record<string, unknown>[] };
  edit.segments = edit.segments.map((s, i) => ({ ...s, id: `s${i + 1}`, department: i === 0 ? '心血管内科' : s.department }));
  const edited = await api('PUT', `/applications/${id}`, zhao, edit);
  t.equal(edited.statusCode, 200, edited.statusCode === 200 ? 'edited' : edited.body);
  t.match(edited.json(), { version: 2, data: { segments: [{ id: 's1', department: '心血管内科' }, { id: 's2' }] } });
  const stale = await api('PUT', `/applications/${id}`, zhao, edit);
  t.equal(stale.statusCode, 409);
  t.equal(stale.json().error.code, 'VERSION_CONFLICT');

  const submit = { type: 'SUBMIT', expectedVersion: 2 };
  t.equal((await api('POST', `/applications/${id}/events`, { ...zhao, 'idempotency-key': 'submit-1' }, submit)).json().version, 3);
  const retried = await api('POST', `/applications/${id}/events`, { ...zhao, 'idempotency-key': 'submit-1' }, submit);
  t.equal(retried.statusCode, 200);
  t.equal(retried.json().version, 3, 'the retry appended nothing');
  t.equal((await api('GET', `/applications/${id}/history`, zhao)).json().items.length, 3);

  t.equal((await api('POST', `/applications/${id}/events`, unit, { type: 'RETURN', explanation: '请补充带教老师证书' })).statusCode, 200);
  const own = (await api('GET', `/applications/${id}`, zhao)).json();
  t.match(own, { state: 'unitReview.returned', decision: { label: '退回', explanation: '请补充带教老师证书' } });
  t.match(own.allowedEvents.map((e: { type: string; allowed: boolean }) => [e.type, e.allowed]), [
    ['EDIT', true],
    ['SUBMIT', false],
    ['RESUBMIT', true],
    ['WITHDRAW', true],
  ]);
  const upload = multipartFile('file', '内科证明.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]), 'image/png');
  const uploaded = await w.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/segments/s2/paper-certificate`, headers: { ...zhao, ...upload.headers }, payload: upload.payload });
  t.equal(uploaded.statusCode, 201, uploaded.statusCode === 201 ? 'uploaded' : uploaded.body);
  t.match(uploaded.json().segments[1].paperCertificate, { contentType: 'image/png', fileName: '内科证明.png' });
  const attachmentId = uploaded.json().segments[1].paperCertificate.id as string;
  t.equal((await api('GET', `/attachments/${attachmentId}`, unit)).statusCode, 200, 'the unit downloads the paper certificate');
  t.equal((await api('GET', `/attachments/${attachmentId}`, await w.login(w.otherUnitLogin))).statusCode, 404, 'another unit may not');

  t.equal((await api('POST', `/applications/${id}/events`, zhao, { type: 'RESUBMIT' })).json().state, 'unitReview.pending');
  t.equal((await api('POST', `/applications/${id}/events`, zhao, { type: 'WITHDRAW' })).json().state, 'closed.withdrawn');
  t.equal((await api('GET', `/projects/${projectId}/applications`, unit)).json().items[0].stateLabel, '已结束·已撤回');
});

t.test('malformed requests get a coded 4xx, never a 5xx, and change nothing', async (t) => {
  const w = await world(t);
  const { api, projectId } = w;
  const unit = await w.login(w.unitLogin);
  const zhao = await w.login(w.zhaoLiuLogin);
  const id = (await api('POST', `/projects/${projectId}/applications`, unit, zhaoLiuInput())).json().id as string;
  const historyLength = async () => (await api('GET', `/applications/${id}/history`, unit)).json().items.length;
  const before = await historyLength();

  const cases: [string, () => Promise<{ statusCode: number; json(): any }>, number, string][] = [
    ['bad uuid', () => api('GET', '/applications/not-a-uuid', unit), 400, 'VALIDATION_FAILED'],
    ['unknown application', () => api('GET', '/applications/00000000-0000-4000-8000-000000000000', unit), 404, 'NOT_FOUND'],
    ['unknown project', () => api('GET', '/projects/00000000-0000-4000-8000-000000000000/applications', unit), 404, 'NOT_FOUND'],
    ['unknown state filter', () => api('GET', `/projects/${projectId}/applications?state=nowhere`, unit), 400, 'VALIDATION_FAILED'],
    ['page 0', () => api('GET', `/projects/${projectId}/applications?page=0`, unit), 400, 'VALIDATION_FAILED'],
    ['unknown event', () => api('POST', `/applications/${id}/events`, unit, { type: 'DELETE' }), 400, 'VALIDATION_FAILED'],
    ['CLOSE by a unit', () => api('POST', `/applications/${id}/events`, unit, { type: 'CLOSE' }), 400, 'VALIDATION_FAILED'],
    ['extra field', () => api('POST', `/applications/${id}/events`, unit, { type: 'APPROVE', reason: 'x' }), 400, 'VALIDATION_FAILED'],
    ['explanation too long', () => api('POST', `/applications/${id}/events`, unit, { type: 'REJECT', explanation: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED'],
    ['bad expectedVersion', () => api('PUT', `/applications/${id}`, unit, { ...zhaoLiuInput(), expectedVersion: 'one' }), 400, 'VALIDATION_FAILED'],
    ['edit an array', () => api('PUT', `/applications/${id}`, unit, [1, 2]), 400, 'VALIDATION_FAILED'],
    ['declare a JSON string', () => w.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/applications`, headers: { ...zhao, 'content-type': 'application/json' }, payload: '"hello"' }), 400, 'VALIDATION_FAILED'],
    ['declare plain text', () => api('POST', `/projects/${projectId}/applications`, zhao, 'hello'), 415, 'UNSUPPORTED_FILE_TYPE'],
    ['declare broken JSON', () => w.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/applications`, headers: { ...zhao, 'content-type': 'application/json' }, payload: '{"candidate":' }), 400, 'VALIDATION_FAILED'],
    ['declare nested junk', () => api('POST', `/projects/${projectId}/applications`, zhao, { candidate: [], exam: 5, segments: [{ current: 'yes' }] }), 400, 'VALIDATION_FAILED'],
    ['NUL in explanation', () => api('POST', `/applications/${id}/events`, unit, { type: 'REJECT', explanation: 'a\u0000b' }), 400, 'VALIDATION_FAILED'],
    ['stale version', () => api('POST', `/applications/${id}/events`, unit, { type: 'APPROVE', explanation: 'x', expectedVersion: 99 }), 409, 'VERSION_CONFLICT'],
    ['upload as JSON', () => api('POST', `/applications/${id}/segments/s2/paper-certificate`, unit, { file: 'x' }), 415, 'UNSUPPORTED_FILE_TYPE'],
  ];
  for (const [name, run, status, code] of cases) {
    const res = await run();
    t.equal(res.statusCode, status, name);
    t.equal(res.json().error.code, code, name);
  }
  const wrongField = multipartFile('document', 'x.pdf', pdfBytes);
  const noFile = await w.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/segments/s2/paper-certificate`, headers: { ...unit, ...wrongField.headers }, payload: wrongField.payload });
  t.equal(noFile.statusCode, 400);
  const text = multipartFile('file', 'x.pdf', Buffer.from('just some text pretending to be a PDF'), 'application/pdf');
  const notPdf = await w.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/segments/s2/paper-certificate`, headers: { ...unit, ...text.headers }, payload: text.payload });
  t.equal(notPdf.statusCode, 415);
  t.equal(notPdf.json().error.code, 'UNSUPPORTED_FILE_TYPE');
  t.equal(await historyLength(), before, 'nothing was appended');
  t.same((await api('GET', `/applications/${id}`, unit)).json().segments[1].paperCertificate, null, 'nothing was stored');
});

t.test('an upload over the size limit is refused with FILE_TOO_LARGE and nothing stored', async (t) => {
  const w = await world(t);
  const { api, projectId } = w;
  const unit = await w.login(w.unitLogin);
  const id = (await api('POST', `/projects/${projectId}/applications`, unit, zhaoLiuInput())).json().id as string;
  const big = multipartFile('file', 'big.pdf', Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024 + 1)]));
  const res = await w.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/segments/s2/paper-certificate`, headers: { ...unit, ...big.headers }, payload: big.payload });
  t.equal(res.statusCode, 413);
  t.equal(res.json().error.code, 'FILE_TOO_LARGE');
  t.same((await api('GET', `/applications/${id}`, unit)).json().segments[1].paperCertificate, null);
});

t.test('the OpenAPI document describes the project and application endpoints with their errors', async (t) => {
  const w = await world(t);
  const doc = (await w.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  for (const [path, method] of [
    ['/api/v1/projects', 'post'],
    ['/api/v1/projects', 'get'],
    ['/api/v1/projects/{id}', 'get'],
    ['/api/v1/projects/{id}/institutions', 'get'],
    ['/api/v1/projects/{id}/applications', 'get'],
    ['/api/v1/projects/{id}/applications', 'post'],
    ['/api/v1/projects/{id}/report', 'post'],
    ['/api/v1/applications/{id}', 'get'],
    ['/api/v1/applications/{id}', 'put'],
    ['/api/v1/applications/{id}/events', 'post'],
    ['/api/v1/applications/{id}/segments/{segmentId}/paper-certificate', 'post'],
    ['/api/v1/applications/{id}/history', 'get'],
  ] as const) {
    const op = doc.paths[path]?.[method];
    t.ok(op, `${method.toUpperCase()} ${path}`);
    t.ok(op?.summary && op?.tags?.length, `${path}: summary and tags`);
    t.ok(Object.keys(op?.responses ?? {}).some((s) => s.startsWith('4')), `${path}: error responses`);
  }
  const declare = doc.paths['/api/v1/projects/{id}/applications'].post.requestBody.content['application/json'].schema;
  t.ok(JSON.stringify(declare).includes('registrationNo'), 'the application body is documented field by field');
  t.ok(doc.paths['/api/v1/applications/{id}/events'].post.responses['422'], 'refusals by rule are documented');
});
