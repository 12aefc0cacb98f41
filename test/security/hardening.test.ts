/**
 * Issue 17: what an outside probe of the bundled server found, each case as a
 * request. Every test here failed before its fix.
 */
import type { InjectOptions } from 'fastify';
import t from 'tap';
import { multipartFile, pdfBytes, zhaoLiuInput } from '../applications/fixtures.js';
import { institutionA, reliabilityWorld } from '../helpers/reliability-fixtures.js';

t.test('DISABLE ends the disabled accounts\' sessions and ENABLE does not bring the old tokens back', async (t) => {
  const w = await reliabilityWorld(t);
  const a = w.institutions.a;
  const admin = await w.login('admin');
  const main = await w.login(a.mainLogin);
  const business = await w.login(a.businessLogin);
  const me = async (headers: Record<string, string>) => (await w.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode;
  t.equal(await me(main), 200);
  t.equal(await me(business), 200);

  const send = (url: string, payload: Record<string, unknown>, headers: Record<string, string>) => w.app.inject({ method: 'POST', url, payload, headers });
  t.equal((await send(`/api/v1/institutions/${a.id}/events`, { type: 'DISABLE', reason: '违规' }, admin)).statusCode, 200, 'the institution is disabled');
  t.equal(await me(main), 401, 'the main account\'s token stops working');
  t.equal(await me(business), 401, 'so does the business account\'s');
  t.equal((await send(`/api/v1/institutions/${a.id}/events`, { type: 'ENABLE' }, admin)).statusCode, 200, 'enabled again');
  t.equal(await me(main), 401, 'the old main token stays dead');
  t.equal(await me(business), 401, 'the old business token stays dead');
  const fresh = await w.login(a.mainLogin);
  t.equal(await me(fresh), 200, 'a fresh login works');

  const businessAgain = await w.login(a.businessLogin);
  t.equal((await send(`/api/v1/institutions/${a.id}/business-accounts/19/events`, { type: 'DISABLE', reason: '停用' }, fresh)).statusCode, 200, 'the business account alone is disabled');
  t.equal(await me(businessAgain), 401);
  t.equal(await me(fresh), 200, 'the main account is untouched');
  t.equal((await send(`/api/v1/institutions/${a.id}/business-accounts/19/events`, { type: 'ENABLE' }, fresh)).statusCode, 200);
  t.equal(await me(businessAgain), 401, 'its old token stays dead after ENABLE');
  t.equal(await me(await w.login(a.businessLogin)), 200);
});

t.test('the 校验码 is write-only: no account kind reads it back from an application, each sees that it was checked', async (t) => {
  const w = await reliabilityWorld(t);
  const id = w.applications.zhao;
  const readers = { business: w.institutions.a.businessLogin, candidate: w.candidates.zhao.login, district: 'wuhan', admin: 'admin' };
  for (const [kind, login] of Object.entries(readers)) {
    const res = await w.app.inject({ method: 'GET', url: `/api/v1/applications/${id}`, headers: await w.login(login) });
    t.equal(res.statusCode, 200, `${kind} reads the application`);
    t.notOk(res.body.includes(institutionA.checkCode), `${kind}: the 校验码 appears nowhere in the answer`);
    t.notOk(res.body.includes('"checkCode"'), `${kind}: no checkCode field`);
    const current = (res.json().data.segments as { current: boolean; checkCodeVerified?: boolean }[]).find((s) => s.current)!;
    t.equal(current.checkCodeVerified, true, `${kind}: checkCodeVerified on the current segment`);
  }
  const decided = await w.app.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/events`,
    payload: { type: 'RETURN', explanation: '请补充' },
    headers: await w.login(w.institutions.a.businessLogin),
  });
  t.equal(decided.statusCode, 200);
  t.notOk(decided.body.includes(institutionA.checkCode), 'nor in the answer to an event');
});

t.test('an idempotency key is the caller\'s own: another account presenting it gets its own checks, never the first caller\'s result', async (t) => {
  const w = await reliabilityWorld(t);
  const id = w.applications.zhao;
  const unit = await w.login(w.institutions.a.businessLogin);
  const candidate = await w.login(w.candidates.zhao.login);
  const event = (headers: Record<string, string>, payload: Record<string, unknown>, key: string) =>
    w.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/events`, payload, headers: { ...headers, 'idempotency-key': key } });
  t.equal((await event(unit, { type: 'RETURN', explanation: '请补充' }, 'k-return')).statusCode, 200, 'returned by the unit');
  const resubmitted = await event(candidate, { type: 'RESUBMIT' }, 'k-resubmit');
  t.equal(resubmitted.statusCode, 200, 'the candidate resubmits');
  const replayed = await event(candidate, { type: 'RESUBMIT' }, 'k-resubmit');
  t.equal(replayed.statusCode, 200, 'the candidate\'s own retry is replayed');
  t.equal(replayed.json().version, resubmitted.json().version, 'with the first result');
  const foreign = await event(unit, { type: 'RESUBMIT' }, 'k-resubmit');
  t.equal(foreign.json().error?.code, 'INVALID_TRANSITION', 'the unit presenting the candidate\'s key is a new command of its own, judged on the current state');
  const district = await event(await w.login('wuhan'), { type: 'RESUBMIT' }, 'k-resubmit');
  t.equal(district.statusCode, 403, 'a role that may not RESUBMIT is refused by the role check, key or not');
  t.equal(district.json().error.code, 'FORBIDDEN');
});

t.test('the same idempotency key with a different request is refused with 422 IDEMPOTENCY_KEY_REUSED', async (t) => {
  const w = await reliabilityWorld(t);
  const id = w.applications.zhao;
  const unit = await w.login(w.institutions.a.businessLogin);
  const approve = (explanation: string) =>
    w.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/events`, payload: { type: 'REJECT', explanation }, headers: { ...unit, 'idempotency-key': 'k-reject' } });
  const first = await approve('材料齐全');
  t.equal(first.statusCode, 200);
  const other = await approve('另一条说明');
  t.equal(other.statusCode, 422, 'another explanation under the same key');
  t.equal(other.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
  const again = await approve('材料齐全');
  t.equal(again.statusCode, 200, 'the identical retry is still replayed');
  t.equal(again.json().version, first.json().version);
  const detail = await w.app.inject({ method: 'GET', url: `/api/v1/applications/${id}`, headers: unit });
  t.equal(detail.json().decision.explanation, '材料齐全', 'nothing of the refused request was written');
});

t.test('a candidate gets ten wrong 校验码 an hour; then even the right one is 429 with Retry-After until the hour has passed', async (t) => {
  const w = await reliabilityWorld(t);
  const candidate = await w.login(w.candidates.zhao.login);
  const declare = (checkCode: string, headers = candidate) => {
    const input = structuredClone(w.candidates.zhao.input) as { segments: { current: boolean; checkCode?: string }[] };
    input.segments.find((s) => s.current)!.checkCode = checkCode;
    return w.app.inject({ method: 'POST', url: `/api/v1/projects/${w.projectId}/applications`, payload: input, headers });
  };
  for (let i = 0; i < 10; i++) {
    const wrong = await declare(String(100000 + i));
    t.equal(wrong.json().error.code, 'INSTITUTION_CHECK_FAILED', `wrong code ${i + 1}`);
  }
  const audited = await w.engine.db.selectFrom('pw_audit').select('id').where('action', '=', 'application.checkCodeFailed').execute();
  t.equal(audited.length, 10, 'each wrong attempt is audited');
  const limited = await declare(institutionA.checkCode);
  t.equal(limited.statusCode, 429, 'the right code too, past the limit');
  t.equal(limited.json().error.code, 'RATE_LIMITED');
  t.ok(Number(limited.headers['retry-after']) > 0 && Number(limited.headers['retry-after']) <= 3600, `Retry-After ${limited.headers['retry-after']} s`);
  w.clock.advance(60 * 60_000 + 1000);
  // The session idled out meanwhile: log in again.
  const later = await declare(institutionA.checkCode, await w.login(w.candidates.zhao.login));
  t.equal(later.json().error.code, 'ALREADY_APPLIED', 'an hour later the right code passes the check (and meets the rule that 赵六 already applied)');

  const unit = await w.login(w.institutions.a.businessLogin);
  for (let i = 0; i < 12; i++) {
    const wrong = await declare(String(200000 + i), unit);
    if (wrong.json().error.code !== 'INSTITUTION_CHECK_FAILED') t.fail(`unit entry ${i + 1}: ${wrong.body}`);
  }
  t.pass('a business account entering applications directly is not limited (it holds the code)');
});

t.test('an unknown login answers exactly as a known one: 401 four times, then 423 for the lock period', async (t) => {
  const w = await reliabilityWorld(t);
  const attempt = (login: string) => w.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login, password: 'Wrong@2026' } });
  const answers = async (login: string) => {
    const out: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await attempt(login);
      out.push(`${res.statusCode} ${res.json().error.code}`);
    }
    return out;
  };
  const known = await answers('wuhan');
  const unknown = await answers('no-such-login');
  t.same(known, ['401 UNAUTHENTICATED', '401 UNAUTHENTICATED', '401 UNAUTHENTICATED', '401 UNAUTHENTICATED', '423 ACCOUNT_LOCKED', '423 ACCOUNT_LOCKED']);
  t.same(unknown, known, 'the unknown login gets the same sequence');
  w.clock.advance(31 * 60_000);
  t.equal((await attempt('no-such-login')).statusCode, 401, 'after the lock period it answers 401 again, like a known account');
  t.equal((await attempt('wuhan')).statusCode, 401);
});

t.test('security headers: nosniff, no-referrer and no framing everywhere, Swagger UI included; no-store on authenticated answers and the login', async (t) => {
  const w = await reliabilityWorld(t);
  const admin = await w.login('admin');
  const login = await w.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: 'admin', password: 'Demo@2026' } });
  t.equal(login.headers['cache-control'], 'no-store', 'the login answer (a token) is not stored');
  const me = await w.app.inject({ method: 'GET', url: '/api/v1/me', headers: admin });
  t.equal(me.headers['cache-control'], 'no-store', 'an authenticated answer is not stored');
  const detail = await w.app.inject({ method: 'GET', url: `/api/v1/applications/${w.applications.zhao}`, headers: admin });
  t.equal(detail.headers['cache-control'], 'no-store', 'personal data (身份证号, phone) is not stored');
  for (const url of ['/api/v1/me', '/api/v1/docs/', '/workflows', '/', '/healthz']) {
    const res = await w.app.inject({ method: 'GET', url, headers: url === '/api/v1/me' ? admin : {} });
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`);
    t.equal(res.headers['referrer-policy'], 'no-referrer', `${url}: no referrer`);
    t.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, `${url}: cannot be framed`);
  }
});

/** A multipart body with `count` PDF files all in the field `field`, plus `fields`. */
function manyFiles(field: string, count: number, fields: Record<string, string> = {}) {
  const boundary = `----pw-many-${count}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (let i = 0; i < count; i++) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="f${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from(`%PDF-1.4\n% file ${i}\n%%EOF\n`),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

t.test('an upload field takes one file: more is 400 VALIDATION_FAILED naming the field, never a silent drop or FILE_TOO_LARGE', async (t) => {
  const w = await reliabilityWorld(t);
  const candidate = await w.login(w.candidates.zhao.login);
  const before = await w.engine.db.selectFrom('pw_attachments').select('id').execute();
  for (const count of [2, 20]) {
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${w.applications.zhao}/segments/s2/paper-certificate`,
      ...manyFiles('file', count),
      headers: { ...candidate, ...manyFiles('file', count).headers },
    });
    t.equal(res.statusCode, 400, `${count} files on the paper certificate: 400`);
    t.match(res.json().error, { code: 'VALIDATION_FAILED', details: [{ field: 'file', message: '只能上传一个文件' }] });
  }
  const after = await w.engine.db.selectFrom('pw_attachments').select('id').execute();
  t.equal(after.length, before.length, 'nothing was stored');

  const registration = manyFiles('registrationForm', 20, { name: '测试单位', address: '武汉市', creditCode: '91420100MA4K00001U', isMedical: 'false', adminName: '王磊', adminPhone: '13912345678', departmentId: '420102' });
  const res = await w.app.inject({ method: 'POST', url: '/api/v1/institution-registrations', payload: registration.payload, headers: registration.headers });
  t.equal(res.statusCode, 400, '20 files in one registration attachment: 400, not 413');
  t.equal(res.json().error.code, 'VALIDATION_FAILED');
  t.ok((res.json().error.details as { field: string }[]).some((d) => d.field === 'registrationForm'), 'naming the field');
});

t.test('an object outside the caller\'s scope answers every read and event exactly as a missing id: 404 NOT_FOUND, the same body', async (t) => {
  const w = await reliabilityWorld(t);
  const missing = crypto.randomUUID();
  const outside = { institution: w.institutions.c.id, application: w.applications.sun, attachment: w.institutions.c.attachmentIds[0]! };
  const absent = { institution: missing, application: missing, attachment: missing };
  type Ids = typeof outside;
  const requests: [string, (ids: Ids) => { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown; headers?: Record<string, string> }][] = [
    ['institution', (ids) => ({ method: 'GET', url: `/api/v1/institutions/${ids.institution}` })],
    ['institution event', (ids) => ({ method: 'POST', url: `/api/v1/institutions/${ids.institution}/events`, payload: { type: 'APPROVE' } })],
    ['check code', (ids) => ({ method: 'GET', url: `/api/v1/institutions/${ids.institution}/check-code` })],
    ['check code rotation', (ids) => ({ method: 'POST', url: `/api/v1/institutions/${ids.institution}/check-code` })],
    ['business accounts', (ids) => ({ method: 'GET', url: `/api/v1/institutions/${ids.institution}/business-accounts` })],
    ['business account event', (ids) => ({ method: 'POST', url: `/api/v1/institutions/${ids.institution}/business-accounts/19/events`, payload: { type: 'GENERATE' } })],
    ['attachment', (ids) => ({ method: 'GET', url: `/api/v1/attachments/${ids.attachment}` })],
    ['application', (ids) => ({ method: 'GET', url: `/api/v1/applications/${ids.application}` })],
    ['application history', (ids) => ({ method: 'GET', url: `/api/v1/applications/${ids.application}/history` })],
    ['application edit', (ids) => ({ method: 'PUT', url: `/api/v1/applications/${ids.application}`, payload: zhaoLiuInput() })],
    ['application event', (ids) => ({ method: 'POST', url: `/api/v1/applications/${ids.application}/events`, payload: { type: 'DISTRICT_APPROVE' } })],
    ['application event by the unit', (ids) => ({ method: 'POST', url: `/api/v1/applications/${ids.application}/events`, payload: { type: 'APPROVE', explanation: '同意' } })],
    ['paper certificate', (ids) => ({ method: 'POST', url: `/api/v1/applications/${ids.application}/segments/s1/paper-certificate`, ...multipartFile('file', 'p.pdf', pdfBytes) })],
  ];
  const callers = { candidate: w.candidates.zhao.login, institution: w.institutions.a.mainLogin, business: w.institutions.a.businessLogin, district: 'wuhan' };
  const before = await w.engine.db.selectFrom('pw_history').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  for (const [kind, login] of Object.entries(callers)) {
    const auth = await w.login(login);
    for (const [name, request] of requests) {
      const answer = async (ids: Ids) => {
        const { headers, ...rest } = request(ids);
        const res = await w.app.inject({ ...rest, headers: { ...auth, ...headers } } as InjectOptions);
        return { status: res.statusCode, body: res.json() as unknown };
      };
      const [forOutside, forAbsent] = [await answer(outside), await answer(absent)];
      t.same(forOutside, forAbsent, `${kind} × ${name}: the same answer as for a missing id`);
      // A role that may never do this is refused before any look-up (403 rule role, whatever the id).
      const refusedByRole = forOutside.status === 403 && (forOutside.body as { error: { details?: { rule?: string } } }).error.details?.rule === 'role';
      t.ok(forOutside.status === 404 || refusedByRole, `${kind} × ${name}: 404 (or 403 by role whatever the id), got ${forOutside.status}`);
    }
  }
  const after = await w.engine.db.selectFrom('pw_history').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(after.n), Number(before.n), 'nothing changed');
});
