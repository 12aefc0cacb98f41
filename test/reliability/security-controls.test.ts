import t from 'tap';
import { testServer } from '../helpers/server.js';
import { lastText } from '../helpers/engine.js';
import { multipart } from '../onboarding/fixtures.js';
import { institutionA, jpeg, logLeaks, pdf, reliabilityWorld, type ReliabilityWorld } from '../helpers/reliability-fixtures.js';

// Issue 9 item 8: the security controls of SPEC §4.5 end to end over HTTP
// with the engine's fake clock — lockout, idle and absolute session expiry,
// single-use expiring activation and query codes, public rate limits — the
// audit rows they must leave, and no PII or secret in any log line the
// engine or the server wrote during this file. (The engine-level unit tests
// in test/accounts/** check the same rules without HTTP.)

const minute = 60_000;

async function auditCount(w: ReliabilityWorld, action: string) {
  const row = await w.engine.db.selectFrom('pw_audit').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function lastSms(w: ReliabilityWorld, topic: string, institutionId: string) {
  return (await lastText(w.engine, topic, institutionId))!;
}

t.test('SPEC §4.5 security controls over HTTP with a fake clock', async (t) => {
  const w = await reliabilityWorld(t);
  const { app, clock } = w;
  /** Every secret and personal number this file handles, to be looked for in the log afterwards. */
  const secrets = new Set<string>(['Demo@2026', 'Wrong@2026', 'Inst@20260']);
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const login = async (who: string, password = 'Demo@2026') => {
    const res = await api('POST', '/sessions', {}, { login: who, password });
    if (res.statusCode === 201) secrets.add(res.json().token);
    return res;
  };
  const bearer = (res: { json(): { token: string } }) => ({ authorization: `Bearer ${res.json().token}` });

  t.test('five failed logins lock the account for 30 minutes, then it opens; every attempt is audited with its IP', async (t) => {
    const failuresBefore = await auditCount(w, 'login.failure');
    const successBefore = await auditCount(w, 'login.success');
    for (let i = 1; i <= 4; i++) t.equal((await login('wuhan', 'Wrong@2026')).statusCode, 401, `failure ${i}: 401`);
    const fifth = await login('wuhan', 'Wrong@2026');
    t.equal(fifth.statusCode, 423, 'the fifth failure locks');
    t.equal(fifth.json().error.code, 'ACCOUNT_LOCKED');
    t.equal((await login('wuhan')).statusCode, 423, 'locked even with the right password');
    clock.advance(29 * minute);
    t.equal((await login('wuhan')).statusCode, 423, 'still locked after 29 minutes');
    clock.advance(minute + 1000);
    t.equal((await login('wuhan')).statusCode, 201, 'open again after 30 minutes');
    t.equal(await auditCount(w, 'login.failure'), failuresBefore + 7, 'seven failed attempts, seven audit rows');
    t.equal(await auditCount(w, 'login.success'), successBefore + 1, 'one success, one audit row');
    const rows = await w.engine.db.selectFrom('pw_audit').selectAll().where('action', 'in', ['login.failure', 'login.success']).orderBy('at', 'desc').limit(8).execute();
    t.ok(rows.every((r) => r.ip === '127.0.0.1' && r.actor_kind === 'district' && r.actor_id), 'each row names the account and the IP');
    t.same(rows.filter((r) => r.action === 'login.failure').map((r) => (r.detail as { reason: string }).reason).sort(), ['locked', 'locked', 'wrongPassword', 'wrongPassword', 'wrongPassword', 'wrongPassword', 'wrongPassword']);
  });

  t.test('a session ends after 30 idle minutes, and after 12 hours however active', async (t) => {
    const idle = bearer(await login('admin'));
    clock.advance(29 * minute);
    t.equal((await api('GET', '/me', idle)).statusCode, 200, 'alive after 29 idle minutes');
    clock.advance(29 * minute);
    t.equal((await api('GET', '/me', idle)).statusCode, 200, 'each request restarts the idle timer');
    clock.advance(30 * minute + 1000);
    const expired = await api('GET', '/me', idle);
    t.equal(expired.statusCode, 401, 'expired after 30 idle minutes');
    t.equal(expired.json().error.code, 'UNAUTHENTICATED');

    const busy = bearer(await login('admin'));
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      clock.advance(20 * minute);
      if ((await api('GET', '/me', busy)).statusCode !== 200) t.fail(`ended early, ${elapsed} minutes after login`);
    }
    clock.advance(20 * minute);
    t.equal((await api('GET', '/me', busy)).statusCode, 401, 'ended 12 hours after login although used every 20 minutes');

    const out = bearer(await login('admin'));
    t.equal((await api('DELETE', '/sessions/current', out)).statusCode, 204);
    t.equal((await api('GET', '/me', out)).statusCode, 401, 'a logged-out token is dead at once');
  });

  t.test('activation codes are single-use and expire after 30 days', async (t) => {
    const admin = bearer(await login('admin'));
    const register = async (n: number) => {
      const fields = {
        name: `安全测试单位${n}`,
        address: '武汉市武昌区测试路2号',
        creditCode: `12420106MB${String(900 + n).padStart(7, '0')}X`,
        isMedical: 'false',
        adminName: '王磊',
        adminPhone: `1391234${String(5600 + n)}`,
        departmentId: '420106',
      };
      secrets.add(fields.adminPhone);
      const res = await app.inject({ method: 'POST', url: '/api/v1/institution-registrations', ...multipart(fields, { registrationForm: { content: pdf(`s${n}`), filename: 'f.pdf' }, creditCertificate: { content: jpeg(), filename: 'c.jpg' } }) });
      t.equal(res.statusCode, 201, res.body);
      const id = res.json().id as string;
      const approved = await api('POST', `/institutions/${id}/events`, admin, { type: 'APPROVE', reason: '测试通过' });
      t.equal(approved.statusCode, 200, approved.body);
      const sms = await lastSms(w, 'institution.activationCode', id);
      secrets.add(sms.activationCode!);
      return sms as { accountNo: string; activationCode: string };
    };

    const first = await register(1);
    const activation = { accountNo: first.accountNo, activationCode: first.activationCode, password: 'Inst@20260' };
    t.equal((await api('POST', '/activations', {}, activation)).statusCode, 200, 'the code activates once');
    const reused = await api('POST', '/activations', {}, activation);
    t.equal(reused.statusCode, 401, 'and never again');
    t.equal(reused.json().error.code, 'INVALID_CODE');

    const second = await register(2);
    clock.advance(30 * 24 * 60 * minute + minute);
    const late = await api('POST', '/activations', {}, { accountNo: second.accountNo, activationCode: second.activationCode, password: 'Inst@20260' });
    t.equal(late.statusCode, 401, 'a code older than 30 days is refused');
    t.equal(late.json().error.code, 'INVALID_CODE');
    t.equal((await login(second.accountNo, 'Inst@20260')).statusCode, 401, 'and the account stays inactive');
  });

  t.test('申请查询 codes are 6 digits, single-use, expire after 10 minutes and burn after 5 wrong guesses', async (t) => {
    const creditCode = institutionA.creditCode;
    const fresh = async () => {
      clock.advance(minute + 1000); // one code per minute per institution
      t.equal((await api('POST', '/institution-registrations/query-code', {}, { creditCode })).statusCode, 202);
      const code = (await lastSms(w, 'institution.queryCode', w.institutions.a.id)).queryCode!;
      secrets.add(code);
      t.match(code, /^\d{6}$/);
      return code;
    };
    const query = (code: string) => api('POST', '/institution-registrations/query', {}, { creditCode, code });

    const code = await fresh();
    const answered = await query(code);
    t.equal(answered.statusCode, 200, answered.body);
    t.match(answered.json(), { state: 'activated' });
    t.equal((await query(code)).statusCode, 401, 'a used code is refused');

    const expiring = await fresh();
    clock.advance(10 * minute + 1000);
    t.equal((await query(expiring)).statusCode, 401, 'a code older than 10 minutes is refused');

    const guessed = await fresh();
    const wrong = guessed === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) t.equal((await query(wrong)).statusCode, 401, `wrong guess ${i}`);
    t.equal((await query(guessed)).statusCode, 401, 'after 5 wrong guesses the right code no longer works');
    // Concurrent requests for a code (found by the fuzzer on PostgreSQL: a 500 on the one-live-code index).
    clock.advance(minute + 1000);
    const burst = await Promise.all(Array.from({ length: 8 }, () => api('POST', '/institution-registrations/query-code', {}, { creditCode })));
    t.same(burst.map((r) => r.statusCode), Array(8).fill(202), 'eight concurrent code requests are all answered 202');
    const live = await w.engine.db.selectFrom('pw_one_time_codes').select('id').where('purpose', '=', 'query').where('subject', '=', w.institutions.a.id).where('used_at', 'is', null).execute();
    t.equal(live.length, 1, 'and exactly one code is live');
    const newest = (await lastSms(w, 'institution.queryCode', w.institutions.a.id)).queryCode!;
    secrets.add(newest);
    t.equal((await query(newest)).statusCode, 200, 'the newest code texted works');

    const short = await query('12345');
    t.equal(short.statusCode, 400, 'a code that is not 6 digits is a 400');
    t.match(short.body, /6/);
  });

  t.test('every accepted event has its audit row, and every download is audited', async (t) => {
    const admin = bearer(await login('admin'));
    const attachment = w.institutions.a.attachmentIds[0]!;
    const before = await auditCount(w, 'attachment.download');
    for (let i = 0; i < 3; i++) t.equal((await api('GET', `/attachments/${attachment}`, admin)).statusCode, 200);
    t.equal(await auditCount(w, 'attachment.download'), before + 3, 'three downloads, three audit rows');
    const downloads = await w.engine.db.selectFrom('pw_audit').selectAll().where('action', '=', 'attachment.download').orderBy('at', 'desc').limit(3).execute();
    t.ok(downloads.every((r) => r.subject_id === attachment && r.actor_kind === 'admin' && r.ip === '127.0.0.1'), 'with the file, the account and the IP');

    const history = await w.engine.db.selectFrom('pw_history').select(['entity_type', 'entity_id', 'event_type']).execute();
    const audit = await w.engine.db.selectFrom('pw_audit').select(['action', 'subject_id']).where('action', 'like', 'event.%').execute();
    const key = (workflow: string, id: string | null, event: string) => `${workflow}:${id}:${event}`;
    const audited = new Map<string, number>();
    for (const a of audit) {
      const [, workflow, event] = a.action.split('.');
      const k = key(workflow!, a.subject_id, event!);
      audited.set(k, (audited.get(k) ?? 0) + 1);
    }
    const missing: string[] = [];
    for (const h of history) {
      const k = key(h.entity_type, h.entity_id, h.event_type);
      const left = audited.get(k) ?? 0;
      if (left === 0) missing.push(k);
      else audited.set(k, left - 1);
    }
    t.ok(history.length > 20, `${history.length} accepted events in this world`);
    t.same(missing, [], 'every history row (accepted event) has an audit row');
  });

  t.test('no log line holds a password, token, code, full ID number or phone number', async (t) => {
    const leaks = await logLeaks(w, secrets);
    t.ok(w.log.lines.length > 0, `${w.log.lines.length} log lines written`);
    t.same(leaks, [], `${secrets.size}+ secrets and every ID/phone pattern absent from the log`);
  });
});

t.test('public endpoints are rate limited per IP with RATE_LIMITED; public reads are not', async (t) => {
  const { app } = await testServer(t, { rateLimitPublic: 3 });
  const publicWrites: [string, unknown][] = [
    ['/api/v1/sessions', { login: 'nobody', password: 'Wrong@2026' }],
    ['/api/v1/candidates', { idNumber: '1', name: 'x', phone: '1', password: 'x' }],
    ['/api/v1/activations', { accountNo: 'JG99999', activationCode: 'AAAA', password: 'Demo@2026' }],
    ['/api/v1/institution-registrations/query-code', { creditCode: '12420102MB00000016' }],
    ['/api/v1/institution-registrations/query', { creditCode: '12420102MB00000016', code: '123456' }],
  ];
  for (const [url, payload] of publicWrites) {
    for (let i = 1; i <= 3; i++) {
      const res = await app.inject({ method: 'POST', url, payload: payload as object });
      t.not(res.statusCode, 429, `${url} request ${i} is served`);
    }
    const limited = await app.inject({ method: 'POST', url, payload: payload as object });
    t.equal(limited.statusCode, 429, `${url}: the 4th request within a minute is refused`);
    t.equal(limited.json().error.code, 'RATE_LIMITED');
    t.match(limited.json().error.message, /[\u4e00-\u9fff]/);
    t.ok(limited.headers['retry-after'], 'with Retry-After');
    const elsewhere = await app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: '10.9.8.7' });
    t.not(elsewhere.statusCode, 429, `${url}: another IP is not affected`);
  }
  const registration = multipart({ name: 'x' }, {});
  for (let i = 1; i <= 3; i++) await app.inject({ method: 'POST', url: '/api/v1/institution-registrations', ...registration });
  t.equal((await app.inject({ method: 'POST', url: '/api/v1/institution-registrations', ...registration })).statusCode, 429, 'registration is limited too');
  for (let i = 0; i < 10; i++) {
    if ((await app.inject({ method: 'GET', url: '/api/v1/departments' })).statusCode !== 200) t.fail('public reads are not limited');
  }
});
