import t from 'tap';
import { otherCandidateInput, probationServer, residentId } from '../../applications/fixtures.js';

// The rows of SPEC §3.3 after the unit's decision, over HTTP: REPORT one by
// one (approved and rejected), the district's three decisions, and the
// deadline sweep closing what is left.

t.test('report, district decisions and the deadline over HTTP', async (t) => {
  const w = await probationServer(t);
  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    w.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const admin = await w.login('admin');
  const projectId = (await api('POST', '/projects', admin, { name: '医师资格考试试用期考核证明申报', startsOn: '2026-02-01', approvalDeadline: '2026-03-31' })).json().id as string;
  const unit = await w.login(w.unitLogin);
  const wuhan = await w.login('wuhan');
  const declare = async (name: string, birth: string) =>
    (await api('POST', `/projects/${projectId}/applications`, unit, otherCandidateInput(name, residentId('420102', birth, '011')))).json().id as string;
  const event = async (id: string, auth: Record<string, string>, body: Record<string, unknown>) => api('POST', `/applications/${id}/events`, auth, body);

  const [a, b, c, d] = [await declare('钱七', '19950101'), await declare('孙八', '19950102'), await declare('周九', '19950103'), await declare('吴十', '19950104')];
  for (const id of [a, b, c]) t.equal((await event(id, unit, { type: 'APPROVE', explanation: '审核通过' })).statusCode, 200);
  t.equal((await event(d, unit, { type: 'REJECT', explanation: '试用期不足' })).statusCode, 200);
  t.match((await event(d, unit, { type: 'REPORT' })).json(), { state: 'closed.rejectedByUnit', stateLabel: '已结束·单位审核不通过' });
  for (const id of [a, b, c]) t.equal((await event(id, unit, { type: 'REPORT' })).json().state, 'districtReview.pending');

  const rejectWithout = await event(b, wuhan, { type: 'DISTRICT_REJECT' });
  t.equal(rejectWithout.statusCode, 422);
  t.equal(rejectWithout.json().error.code, 'EXPLANATION_REQUIRED');
  t.equal((await event(a, wuhan, { type: 'DISTRICT_APPROVE' })).json().state, 'districtReview.approved');
  t.equal((await event(b, wuhan, { type: 'DISTRICT_REJECT', explanation: '证明材料不符' })).json().state, 'districtReview.rejected');
  const returned = await event(c, wuhan, { type: 'DISTRICT_RETURN', explanation: '请重新核对' });
  t.match(returned.json(), { state: 'unitReview.pending', districtDecision: { label: '考区退回', explanation: '请重新核对' } });
  t.match((await api('GET', `/projects/${projectId}/applications?state=unitReview.pending`, unit)).json().items, [{ id: c, note: '考区退回：请重新核对' }]);
  t.equal((await event(a, await w.login('huangshi'), { type: 'DISTRICT_REJECT', explanation: 'x' })).statusCode, 404, 'another district may not decide: for it the application does not exist');

  w.clock.set('2026-04-01T00:00:00.000Z');
  const late = await event(c, await w.login(w.unitLogin), { type: 'APPROVE', explanation: '晚了' });
  t.equal(late.statusCode, 422);
  t.equal(late.json().error.code, 'DEADLINE_PASSED');
  t.same(await w.engine.sweepDeadlines(), { closed: 3 });
  const admin2 = await w.login('admin');
  const stateOf = async (id: string) => (await api('GET', `/applications/${id}`, admin2)).json().state;
  t.same([await stateOf(a), await stateOf(b), await stateOf(c), await stateOf(d)], ['closed.certified', 'closed.rejectedByDistrict', 'closed.expired', 'closed.rejectedByUnit']);
  t.match((await api('GET', `/projects/${projectId}`, admin2)).json(), { status: 'closed', statusLabel: '已截止', daysLeft: 0 });
});
