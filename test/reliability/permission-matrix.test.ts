import t from 'tap';
import { multipartFile, pdfBytes, residentId, zhaoLiuInput } from '../applications/fixtures.js';
import { institutionA, institutionB, institutionC, logLeaks, reliabilityWorld, routeTable, type ReliabilityWorld } from '../helpers/reliability-fixtures.js';

// SPEC §2 / §5 permission matrix (issue 9 item 6): every account kind ×
// every registered route × an object of the caller's own institution, of
// another institution in the same department (江岸区) and of another
// department (黄石市). The route table comes from the plugin itself
// (onRoute hook), so a route added without an entry below fails the test
// with its name, and an entry whose route is gone fails too.

type Kind = 'anonymous' | 'candidate' | 'institution' | 'business' | 'district' | 'admin';
type Scope = 'own' | 'same' | 'other';
const kinds: Kind[] = ['anonymous', 'candidate', 'institution', 'business', 'district', 'admin'];
const scopes: Scope[] = ['own', 'same', 'other'];

/** An expected status; `ok` = any 2xx/3xx. */
type Outcome = number | 'ok';
/** Per kind: one outcome for every scope, or [own, same, other]. */
type Row = Record<Kind, Outcome | [Outcome, Outcome, Outcome]>;

interface Entry {
  /** Whether the object in the URL is the caller's own / same department / other department one. */
  scoped: boolean;
  request(w: Ctx, scope: Scope): { url: string; payload?: unknown; headers?: Record<string, string> };
  expect: Row;
}

interface Ctx {
  w: ReliabilityWorld;
  institution: Record<Scope, string>;
  application: Record<Scope, string>;
  attachment: Record<Scope, string>;
  counter: { n: number };
}

const all = (o: Outcome): Row => ({ anonymous: o, candidate: o, institution: o, business: o, district: o, admin: o });
const authed = (o: Outcome, rest: Partial<Row> = {}): Row => ({ ...all(o), anonymous: 401, ...rest });

// Reads and events outside the caller's scope are 404 (the object does not exist for them:
// the same answer as a missing id); a role that can never do something to an object it
// sees is 403; no session is 401.
const readInstitution: Row = {
  anonymous: 401,
  candidate: 404,
  institution: ['ok', 404, 404],
  business: ['ok', 404, 404],
  district: ['ok', 'ok', 404],
  admin: 'ok',
};
const readApplication: Row = {
  anonymous: 401,
  candidate: ['ok', 404, 404],
  institution: ['ok', 404, 404],
  business: ['ok', 404, 404],
  district: ['ok', 'ok', 404],
  admin: 'ok',
};

let unknownLogins = 0;
const table: Record<string, Entry> = {
  'GET /healthz': { scoped: false, request: () => ({ url: '/healthz' }), expect: all(200) },
  'GET /readyz': { scoped: false, request: () => ({ url: '/readyz' }), expect: all(200) },
  'GET /docs': { scoped: false, request: () => ({ url: '/docs' }), expect: all(302) },
  'GET /api/v1/openapi.json': { scoped: false, request: () => ({ url: '/api/v1/openapi.json' }), expect: all(200) },
  'GET /api/v1/docs': { scoped: false, request: () => ({ url: '/api/v1/docs' }), expect: all('ok') },
  'GET /api/v1/docs/static/index.html': { scoped: false, request: () => ({ url: '/api/v1/docs/static/index.html' }), expect: all('ok') },
  'GET /api/v1/docs/static/swagger-initializer.js': { scoped: false, request: () => ({ url: '/api/v1/docs/static/swagger-initializer.js' }), expect: all(200) },
  'GET /api/v1/docs/': { scoped: false, request: () => ({ url: '/api/v1/docs/' }), expect: all('ok') },
  'GET /api/v1/docs/*': { scoped: false, request: () => ({ url: '/api/v1/docs/static/swagger-ui.css' }), expect: all(200) },
  // The bundled server's pages and their assets (public).
  'GET /': { scoped: false, request: () => ({ url: '/' }), expect: all(200) },
  'GET /workflows': { scoped: false, request: () => ({ url: '/workflows' }), expect: all(200) },
  'GET /assets/workflows-page.js': { scoped: false, request: () => ({ url: '/assets/workflows-page.js' }), expect: all(200) },
  'GET /assets/mermaid.min.js': { scoped: false, request: () => ({ url: '/assets/mermaid.min.js' }), expect: all(200) },
  // The console's screens: the same public page for everyone (the API decides what each may see).
  'GET /console/mermaid.min.js': { scoped: false, request: () => ({ url: '/console/mermaid.min.js' }), expect: all(200) },
  'GET /*': { scoped: false, request: () => ({ url: '/review/projects', headers: { accept: 'text/html' } }), expect: all(200) },
  'GET /api/v1/docs/json': { scoped: false, request: () => ({ url: '/api/v1/docs/json' }), expect: all(200) },
  'GET /api/v1/docs/yaml': { scoped: false, request: () => ({ url: '/api/v1/docs/yaml' }), expect: all(200) },
  'GET /api/v1/workflows': { scoped: false, request: () => ({ url: '/api/v1/workflows' }), expect: all(200) },
  'GET /api/v1/workflows/:name': { scoped: false, request: () => ({ url: '/api/v1/workflows/application' }), expect: all(200) },
  'GET /api/v1/departments': { scoped: false, request: () => ({ url: '/api/v1/departments' }), expect: all(200) },
  'GET /api/v1/registration-form': { scoped: false, request: () => ({ url: '/api/v1/registration-form' }), expect: all(200) },
  // Public: wrong credentials are 401 whoever asks.
  // A fresh unknown login per cell: unknown logins lock after five failures like known ones.
  'POST /api/v1/sessions': { scoped: false, request: () => ({ url: '/api/v1/sessions', payload: { login: `nobody-${unknownLogins++}`, password: 'Wrong@2026' } }), expect: all(401) },
  'DELETE /api/v1/sessions/current': { scoped: false, request: () => ({ url: '/api/v1/sessions/current' }), expect: authed(204) },
  'GET /api/v1/me': { scoped: false, request: () => ({ url: '/api/v1/me' }), expect: authed(200) },
  'POST /api/v1/candidates': {
    scoped: false,
    request: (c) => ({
      url: '/api/v1/candidates',
      payload: { idNumber: residentId('420106', '19980303', String(100 + c.counter.n++).padStart(3, '0')), name: '李雷', phone: '13912345678', password: 'Lei@20260' },
    }),
    expect: all(201),
  },
  'POST /api/v1/activations': {
    scoped: false,
    request: () => ({ url: '/api/v1/activations', payload: { accountNo: 'JG99999', activationCode: 'AAAA-BBBB-CCCC', password: 'Demo@2026' } }),
    expect: all(401),
  },
  'POST /api/v1/institution-registrations': {
    scoped: false,
    // Incomplete form: refused by validation for everyone, nothing stored.
    request: () => ({ url: '/api/v1/institution-registrations', ...multipartFile('registrationForm', 'form.pdf', pdfBytes) }),
    expect: all(400),
  },
  'POST /api/v1/institution-registrations/query-code': {
    scoped: false,
    request: () => ({ url: '/api/v1/institution-registrations/query-code', payload: { creditCode: '12420102MB00000016' } }),
    expect: all(202),
  },
  'POST /api/v1/institution-registrations/query': {
    scoped: false,
    request: () => ({ url: '/api/v1/institution-registrations/query', payload: { creditCode: '12420102MB00000016', code: '000000' } }),
    expect: all(401),
  },
  'GET /api/v1/institutions': { scoped: false, request: () => ({ url: '/api/v1/institutions' }), expect: authed(403, { district: 200, admin: 200 }) },
  'GET /api/v1/institutions/:id': { scoped: true, request: (c, s) => ({ url: `/api/v1/institutions/${c.institution[s]}` }), expect: readInstitution },
  'POST /api/v1/institutions/:id/events': {
    scoped: true,
    // APPROVE of an activated institution: an authorised reviewer gets 409; a role that may not
    // approve is 403 where it sees the institution and 404 (as a missing id) where it does not.
    request: (c, s) => ({ url: `/api/v1/institutions/${c.institution[s]}/events`, payload: { type: 'APPROVE' } }),
    expect: { anonymous: 401, candidate: 404, institution: [403, 404, 404], business: [403, 404, 404], district: [409, 409, 404], admin: 409 },
  },
  'GET /api/v1/institutions/:id/check-code': {
    scoped: true,
    request: (c, s) => ({ url: `/api/v1/institutions/${c.institution[s]}/check-code` }),
    expect: { anonymous: 401, candidate: 404, institution: [200, 404, 404], business: [403, 404, 404], district: [200, 200, 404], admin: 200 },
  },
  'POST /api/v1/institutions/:id/check-code': {
    scoped: true,
    request: (c, s) => ({ url: `/api/v1/institutions/${c.institution[s]}/check-code` }),
    // A write outside the scope answers as a missing id (404), like a read.
    expect: { anonymous: 401, candidate: 404, institution: [200, 404, 404], business: [403, 404, 404], district: [200, 200, 404], admin: 200 },
  },
  'GET /api/v1/institutions/:id/business-accounts': {
    scoped: true,
    request: (c, s) => ({ url: `/api/v1/institutions/${c.institution[s]}/business-accounts` }),
    expect: readInstitution,
  },
  'POST /api/v1/institutions/:id/business-accounts/:code/events': {
    scoped: true,
    // GENERATE of an account that exists: 409 for the institution's own main account.
    request: (c, s) => ({ url: `/api/v1/institutions/${c.institution[s]}/business-accounts/19/events`, payload: { type: 'GENERATE' } }),
    expect: { anonymous: 401, candidate: 404, institution: [409, 404, 404], business: [403, 404, 404], district: [403, 403, 404], admin: 403 },
  },
  'GET /api/v1/attachments/:id': { scoped: true, request: (c, s) => ({ url: `/api/v1/attachments/${c.attachment[s]}` }), expect: readInstitution },
  'GET /api/v1/outbox': { scoped: false, request: () => ({ url: '/api/v1/outbox' }), expect: authed(403, { admin: 200 }) },
  'POST /api/v1/physicians/import': {
    scoped: false,
    request: () => ({ url: '/api/v1/physicians/import', ...multipartFile('file', 'p.csv', Buffer.from('证书编码,姓名,医师级别,执业类别,执业单位,状态\n'), 'text/csv') }),
    expect: authed(403, { admin: 200 }),
  },
  'GET /api/v1/physicians/verify': {
    scoped: false,
    request: () => ({ url: `/api/v1/physicians/verify?name=${encodeURIComponent('黄燕红')}&certNo=110420100012345` }),
    expect: authed(200),
  },
  'POST /api/v1/projects': {
    scoped: false,
    request: () => ({ url: '/api/v1/projects', payload: { name: '矩阵项目', startsOn: '2026-04-01', approvalDeadline: '2026-04-30' } }),
    expect: authed(403, { admin: 201 }),
  },
  'GET /api/v1/projects': { scoped: false, request: () => ({ url: '/api/v1/projects' }), expect: authed(200) },
  'GET /api/v1/projects/:id': { scoped: false, request: (c) => ({ url: `/api/v1/projects/${c.w.projectId}` }), expect: authed(200) },
  'GET /api/v1/projects/:id/institutions': {
    scoped: false,
    request: (c) => ({ url: `/api/v1/projects/${c.w.projectId}/institutions` }),
    expect: authed(403, { district: 200, admin: 200 }),
  },
  'GET /api/v1/projects/:id/applications': { scoped: false, request: (c) => ({ url: `/api/v1/projects/${c.w.projectId}/applications` }), expect: authed(200) },
  'POST /api/v1/projects/:id/applications': {
    scoped: false,
    // 赵六 has applied already: the candidate and the unit pass the checks and meet ALREADY_APPLIED.
    request: (c) => ({ url: `/api/v1/projects/${c.w.projectId}/applications`, payload: zhaoLiuInput() }),
    expect: authed(403, { candidate: 409, business: 409 }),
  },
  'POST /api/v1/projects/:id/report': { scoped: false, request: (c) => ({ url: `/api/v1/projects/${c.w.projectId}/report` }), expect: authed(403, { business: 200 }) },
  'GET /api/v1/applications/:id': { scoped: true, request: (c, s) => ({ url: `/api/v1/applications/${c.application[s]}` }), expect: readApplication },
  'GET /api/v1/applications/:id/history': { scoped: true, request: (c, s) => ({ url: `/api/v1/applications/${c.application[s]}/history` }), expect: readApplication },
  'PUT /api/v1/applications/:id': {
    scoped: true,
    // A submitted application cannot be edited: whoever may edit it meets 409, anyone else is stopped before.
    request: (c, s) => ({ url: `/api/v1/applications/${c.application[s]}`, payload: zhaoLiuInput() }),
    // Roles that may never EDIT are refused by role (403) before any look-up; the unit's own meets the state (409).
    expect: { anonymous: 401, candidate: [409, 404, 404], institution: 403, business: [409, 404, 404], district: 403, admin: 403 },
  },
  'POST /api/v1/applications/:id/events': {
    scoped: true,
    // DISTRICT_APPROVE of an application still at the unit: the supervising district meets 409.
    request: (c, s) => ({ url: `/api/v1/applications/${c.application[s]}/events`, payload: { type: 'DISTRICT_APPROVE' } }),
    expect: { anonymous: 401, candidate: [403, 404, 404], institution: [403, 404, 404], business: [403, 404, 404], district: [409, 409, 404], admin: 409 },
  },
  'POST /api/v1/applications/:id/segments/:segmentId/paper-certificate': {
    scoped: true,
    request: (c, s) => ({ url: `/api/v1/applications/${c.application[s]}/segments/${s === 'own' ? 's2' : 's1'}/paper-certificate`, ...multipartFile('file', 'p.pdf', pdfBytes) }),
    // 赵六's s2 is the other probation institution (red teacher check): his to upload.
    expect: { anonymous: 401, candidate: [201, 404, 404], institution: [403, 404, 404], business: [403, 404, 404], district: [403, 403, 404], admin: 403 },
  },
  // Documents (issue 19): exports are the lists as the caller sees them; the certificate is read like the detail.
  'GET /api/v1/projects/:id/applications/export.xlsx': {
    scoped: false,
    request: (c) => ({ url: `/api/v1/projects/${c.w.projectId}/applications/export.xlsx` }),
    expect: authed(200),
  },
  'GET /api/v1/institutions/export.xlsx': { scoped: false, request: () => ({ url: '/api/v1/institutions/export.xlsx' }), expect: authed(403, { district: 200, admin: 200 }) },
  'GET /api/v1/applications/:id/certificate.pdf': {
    scoped: true,
    request: (c, s) => ({ url: `/api/v1/applications/${c.application[s]}/certificate.pdf` }),
    expect: readApplication,
  },
  // Public: an invented code is unknown to everyone.
  'GET /api/v1/certificates/verify': { scoped: false, request: () => ({ url: '/api/v1/certificates/verify?code=AAAA-BBBB-CCCC' }), expect: all(404) },
};

async function restoreCheckCodes(w: ReliabilityWorld) {
  for (const [key, fields] of [['a', institutionA], ['b', institutionB], ['c', institutionC]] as const) {
    await w.engine.db.updateTable('pw_institutions').set({ check_code: fields.checkCode }).where('id', '=', w.institutions[key].id).execute();
  }
}

t.test('every account kind × every route × own, same-department and other-department object gets exactly its permission', async (t) => {
  const started = Date.now();
  const w = await reliabilityWorld(t);
  const routes = routeTable(w.app);
  const keys = routes.map((r) => `${r.method} ${r.url}`);
  for (const key of keys) t.ok(table[key], `route ${key} has an entry in the permission matrix`);
  for (const key of Object.keys(table)) t.ok(keys.includes(key), `matrix entry ${key} is still a registered route`);
  if (!keys.every((k) => table[k])) return;

  const attachmentOf = (s: Scope) => w.institutions[s === 'own' ? 'a' : s === 'same' ? 'b' : 'c'].attachmentIds[0]!;
  const ctx: Ctx = {
    w,
    institution: { own: w.institutions.a.id, same: w.institutions.b.id, other: w.institutions.c.id },
    application: { own: w.applications.zhao, same: w.applications.qian, other: w.applications.sun },
    attachment: { own: attachmentOf('own'), same: attachmentOf('same'), other: attachmentOf('other') },
    counter: { n: 0 },
  };
  const logins: Record<Exclude<Kind, 'anonymous'>, string> = {
    candidate: w.candidates.zhao.login,
    institution: w.institutions.a.mainLogin,
    business: w.institutions.a.businessLogin,
    district: 'wuhan',
    admin: 'admin',
  };
  const auth: Partial<Record<Kind, Record<string, string>>> = { anonymous: {} };
  for (const [kind, login] of Object.entries(logins)) auth[kind as Kind] = await w.login(login);

  let cells = 0;
  const failures: string[] = [];
  const counts = { ok: 0, 401: 0, 403: 0, 404: 0, 409: 0, other: 0 } as Record<string, number>;
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const entry = table[key]!;
    for (const kind of kinds) {
      for (const scope of entry.scoped ? scopes : (['own'] as Scope[])) {
        const spec = entry.expect[kind];
        const expected = Array.isArray(spec) ? spec[scopes.indexOf(scope)]! : spec;
        const { url, payload, headers } = entry.request(ctx, scope);
        // Logging out must not end the session the other cells use.
        const authHeaders = key === 'DELETE /api/v1/sessions/current' && kind !== 'anonymous' ? await w.login(logins[kind]) : auth[kind]!;
        const res = await w.app.inject({
          method: route.method as 'GET',
          url,
          headers: { ...authHeaders, ...headers },
          ...(payload === undefined ? {} : { payload: payload as string }),
        });
        cells++;
        // Rotating check codes must not turn later cells into INSTITUTION_CHECK_FAILED.
        if (key === 'POST /api/v1/institutions/:id/check-code') await restoreCheckCodes(w);
        const status = res.statusCode;
        const pass = expected === 'ok' ? status >= 200 && status < 400 : status === expected;
        counts[status < 400 ? 'ok' : String(status) in counts ? String(status) : 'other']!++;
        if (!pass) failures.push(`${kind} × ${key} × ${entry.scoped ? scope : '-'}: expected ${expected}, got ${status} ${res.body.slice(0, 160)}`);
        if (status >= 400 && status !== 405) {
          const body = res.json() as { error?: { code?: string } };
          if (!body.error?.code) failures.push(`${kind} × ${key}: ${status} without a coded error body`);
        }
      }
    }
  }
  t.same(failures, [], 'every cell as expected');
  t.comment(`permission matrix: ${routes.length} routes × ${kinds.length} account kinds (× 3 objects where scoped) = ${cells} cells in ${Date.now() - started} ms; outcomes ${JSON.stringify(counts)}`);
  t.ok(cells >= routes.length * kinds.length, 'every route was tried by every kind');
  t.same(await logLeaks(w), [], `no secret or personal number in the ${w.log.lines.length} log lines`);
});
