/**
 * Issue 17: what an outside probe of the bundled server found, each case as a
 * request. Every test here failed before its fix.
 */
import t from 'tap';
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
