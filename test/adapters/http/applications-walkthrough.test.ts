import t from 'tap';
import { multipartFile, pdfBytes, probationServer, zhaoLiuInput } from '../../applications/fixtures.js';

// The seed's review walkthrough (part 二.3–10), over HTTP: the unit's
// project list, its applicant list, the detail with the red/green hints,
// approve, change the decision (step 9–10), report, and the exam district's
// approval.

t.test("the seed's review walkthrough: project list → applicants → detail → approve → change → report → district approves", async (t) => {
  const world = await probationServer(t);
  const { app } = world;
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  const admin = await world.login('admin');
  const created = await api('POST', '/projects', admin, { name: '医师资格考试试用期考核证明申报', startsOn: '2026-02-01', approvalDeadline: '2026-03-31' });
  t.equal(created.statusCode, 201, created.statusCode === 201 ? '201' : created.body);
  const projectId = created.json().id as string;
  t.equal(created.json().probationCutoff, '2026-08-31', 'cut-off defaults to 31 August of the exam year');

  // 业务账号19 enters 赵六 directly (单位直接录入).
  const unit = await world.login(world.unitLogin);
  const entry = await api('POST', `/projects/${projectId}/applications`, unit, zhaoLiuInput());
  t.equal(entry.statusCode, 201, entry.statusCode === 201 ? '201' : entry.body);
  const id = entry.json().id as string;
  t.equal(entry.json().state, 'unitReview.pending', 'a direct entry goes straight to 待审核');

  // Step 3–4: 待审核项目列表.
  const projects = await api('GET', '/projects', unit);
  t.equal(projects.statusCode, 200);
  t.match(projects.json(), {
    items: [
      {
        name: '医师资格考试试用期考核证明申报',
        startsOn: '2026-02-01',
        approvalDeadline: '2026-03-31',
        daysLeft: 30,
        applicantCount: 1,
        decidedCount: 0,
        reportStateLabel: '未上报',
        status: 'open',
        statusLabel: '申报中',
      },
    ],
    total: 1,
    page: 1,
    pageSize: 10,
  });

  // The applicant list: 序号, 姓名, masked 身份证, 单位认证状态, 审批状态, 审核备注.
  const list = await api('GET', `/projects/${projectId}/applications`, unit);
  t.equal(list.statusCode, 200);
  t.match(list.json().items, [
    { seq: 1, id, name: '赵六', idNumberMasked: '140105*****7932', entryModeLabel: '单位直接录入', state: 'unitReview.pending', note: null, redCount: 1 },
  ]);
  t.notMatch(list.body, /140105199001097932/, 'the list never carries the full ID number');

  // Step 5–7: the detail with 审核提示信息.
  const detail = await api('GET', `/applications/${id}`, unit);
  t.equal(detail.statusCode, 200);
  const d = detail.json();
  t.equal(d.data.candidate.idNumber, '140105199001097932', 'the reviewer sees the full data');
  t.equal(d.totalMonths, 18);
  t.match(d.indicators[0], { code: 'totalDuration', level: 'green', detail: '18个月' });
  t.match(d.indicators.filter((i: { code: string }) => i.code === 'teacherCheck'), [
    { segmentId: 's1', level: 'green' },
    { segmentId: 's2', level: 'red' },
  ]);
  t.match(d.segments, [{ segmentId: 's1', durationLabel: '5个月' }, { segmentId: 's2', durationLabel: '13个月' }]);
  const approveVerdict = d.allowedEvents.find((e: { type: string }) => e.type === 'APPROVE');
  t.match(approveVerdict, { allowed: false, reasons: [{ code: 'PAPER_CERTIFICATE_REQUIRED', details: { segmentIds: ['s2'] } }] }, 'APPROVE refused: paper certificate for segment 2');

  // Approving now is refused for the same reason, and changes nothing.
  const early = await api('POST', `/applications/${id}/events`, unit, { type: 'APPROVE', explanation: '审核通过' });
  t.equal(early.statusCode, 422);
  t.match(early.json().error, { code: 'PAPER_CERTIFICATE_REQUIRED', details: { segmentIds: ['s2'], rule: 'paperCertificatesForOtherRedInstitutions' } });

  // The unit uploads the stamped paper certificate of the other institution (its own direct entry).
  const form = multipartFile('file', '试用期考核证明.pdf', pdfBytes);
  const upload = await app.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/segments/s2/paper-certificate`,
    headers: { ...unit, ...form.headers },
    payload: form.payload,
  });
  t.equal(upload.statusCode, 201, upload.statusCode === 201 ? '201' : upload.body);
  t.match(upload.json().segments[1].paperCertificate, { segmentId: 's2', fileName: '试用期考核证明.pdf', contentType: 'application/pdf' });
  t.match(upload.json().allowedEvents.find((e: { type: string }) => e.type === 'APPROVE'), { allowed: true, explanationRequired: false });
  // The upload is an accepted event (ATTACH_PAPER): a new version, so a decision taken on the page
  // as it was before the certificate arrived is refused as stale.
  t.match(upload.json(), { state: 'unitReview.pending', version: 2 });
  const stale = await api('POST', `/applications/${id}/events`, unit, { type: 'APPROVE', explanation: '审核通过', expectedVersion: 1 });
  t.match({ status: stale.statusCode, code: stale.json().error.code }, { status: 409, code: 'VERSION_CONFLICT' });

  // Step 8: 审核通过 with 审核说明 审核通过.
  const approved = await api('POST', `/applications/${id}/events`, unit, { type: 'APPROVE', explanation: '审核通过', expectedVersion: 2 });
  t.equal(approved.statusCode, 200, approved.statusCode === 200 ? '200' : approved.body);
  t.match(approved.json(), { state: 'unitReview.approved', version: 3, decision: { type: 'APPROVE', label: '审核通过', explanation: '审核通过' } });

  // Step 9–10: the decision is changed to 审核不通过, then back.
  const rejected = await api('POST', `/applications/${id}/events`, unit, { type: 'REJECT', explanation: '审核不通过', expectedVersion: 3 });
  t.equal(rejected.statusCode, 200, rejected.statusCode === 200 ? '200' : rejected.body);
  t.match(rejected.json(), { state: 'unitReview.rejected', decision: { label: '审核不通过', explanation: '审核不通过' } });
  const list2 = await api('GET', `/projects/${projectId}/applications`, unit);
  t.match(list2.json().items[0], { stateLabel: '单位审核·审核不通过', note: '审核不通过' });
  const again = await api('POST', `/applications/${id}/events`, unit, { type: 'APPROVE', explanation: '审核通过', expectedVersion: 4 });
  t.equal(again.statusCode, 200);
  t.match((await api('GET', `/projects/${projectId}/applications`, unit)).json().items[0], { stateLabel: '单位审核·审核通过', note: '审核通过' });

  // Each decision is one history row with the indicators the reviewer saw.
  const history = await api('GET', `/applications/${id}/history`, unit);
  const decisions = history.json().items.filter((h: { event: string }) => ['APPROVE', 'REJECT'].includes(h.event));
  t.same(decisions.map((h: { event: string }) => h.event), ['APPROVE', 'REJECT', 'APPROVE']);
  for (const h of decisions) {
    t.match(h.payload.facts.indicators, { totalMonths: 18, redCount: 1, missingPaperCertificates: [] });
    t.equal(h.payload.facts.indicators.indicators.length, 3);
  }

  // 上报: the batch report of the project.
  const report = await api('POST', `/projects/${projectId}/report`, unit);
  t.equal(report.statusCode, 200, report.statusCode === 200 ? '200' : report.body);
  t.same(report.json(), { total: 1, reported: 1, rejectedByUnit: 0, failed: [] });
  t.match((await api('GET', '/projects', unit)).json().items[0], { reportStateLabel: '已上报', decidedCount: 1 });
  const locked = await api('POST', `/applications/${id}/events`, unit, { type: 'REJECT', explanation: '改主意' });
  t.equal(locked.statusCode, 409, 'decisions are locked once reported');
  t.equal(locked.json().error.code, 'INVALID_TRANSITION');

  // The exam district (武汉市) sees it and approves.
  const wuhan = await world.login('wuhan');
  const districtList = await api('GET', `/projects/${projectId}/applications?state=districtReview`, wuhan);
  t.match(districtList.json(), { total: 1, items: [{ id, institutionName: '武汉市第1911医院', idNumberMasked: '140105*****7932' }] });
  const progress = await api('GET', `/projects/${projectId}/institutions`, wuhan);
  t.match(progress.json().items, [{ institutionName: '武汉市第1911医院', applicantCount: 1, reportStateLabel: '已上报' }]);
  const districtDetail = (await api('GET', `/applications/${id}`, wuhan)).json();
  t.match(districtDetail.allowedEvents.map((e: { type: string; allowed: boolean }) => [e.type, e.allowed]), [
    ['DISTRICT_APPROVE', true],
    ['DISTRICT_REJECT', true],
    ['DISTRICT_RETURN', true],
  ]);
  const certified = await api('POST', `/applications/${id}/events`, wuhan, { type: 'DISTRICT_APPROVE', expectedVersion: districtDetail.version });
  t.equal(certified.statusCode, 200, certified.statusCode === 200 ? '200' : certified.body);
  t.match(certified.json(), { state: 'districtReview.approved', stateLabel: '考区审核·审核通过', districtDecision: { type: 'DISTRICT_APPROVE' } });

  // 赵六 follows his own application.
  const zhao = await world.login(world.zhaoLiuLogin);
  const own = await api('GET', `/applications/${id}`, zhao);
  t.equal(own.statusCode, 200);
  t.equal(own.json().state, 'districtReview.approved');
});
