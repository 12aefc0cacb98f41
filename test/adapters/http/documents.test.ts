import t from 'tap';
import ExcelJS from 'exceljs';
import { multipartFile, otherCandidateInput, pdfBytes, probationServer, residentId, zhaoLiuId, zhaoLiuInput } from '../../applications/fixtures.js';
import { pdfText } from '../../helpers/pdf-text.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The first sheet of a workbook: its header row and its data rows, as cell values. */
async function readSheet(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, header: rows[0] as string[], rows: rows.slice(1) };
}

t.test('documents over HTTP: the applicant list and the registrations as Excel, the printable certificate and its check', async (t) => {
  const w = await probationServer(t);
  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    w.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const admin = await w.login('admin');
  const projectId = (await api('POST', '/projects', admin, { name: '医师资格考试试用期考核证明申报', startsOn: '2026-02-01', approvalDeadline: '2026-03-31' })).json().id as string;
  const unit = await w.login(w.unitLogin);
  const otherUnit = await w.login(w.otherUnitLogin);

  // 赵六 as the seed shows him: two segments, 5 + 13 = 18 months, the other institution's teacher red
  // until the stamped paper is uploaded; approved with 审核通过.
  const zhao = (await api('POST', `/projects/${projectId}/applications`, unit, zhaoLiuInput())).json();
  const form = multipartFile('file', '证明.pdf', pdfBytes);
  t.equal((await api('POST', `/applications/${zhao.id}/segments/s2/paper-certificate`, { ...unit, ...form.headers }, form.payload)).statusCode, 201);
  t.equal((await api('POST', `/applications/${zhao.id}/events`, unit, { type: 'APPROVE', explanation: '审核通过' })).statusCode, 200);
  for (const [name, birth] of [['钱七', '19950101'], ['孙八', '19950102']] as const) {
    t.equal((await api('POST', `/projects/${projectId}/applications`, unit, otherCandidateInput(name, residentId('420102', birth, '011')))).statusCode, 201);
  }
  const hs = otherCandidateInput('周九', residentId('420200', '19950103', '021'));
  Object.assign((hs.segments as Record<string, unknown>[])[0]!, { institutionName: '黄石市中心医院', registrationNo: '4202000000000000001', checkCode: '111111' });
  t.equal((await api('POST', `/projects/${projectId}/applications`, otherUnit, hs)).statusCode, 201);

  await t.test('the unit exports its list: every row, masked, with the total, the decision and the report state', async (t) => {
    const res = await api('GET', `/projects/${projectId}/applications/export.xlsx`, unit);
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], xlsxType);
    t.match(res.headers['content-disposition'], /^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
    t.equal(res.headers['x-export-rows'], '3');
    const { sheet, header, rows } = await readSheet(res.rawPayload);
    t.same(header, ['序号', '姓名', '身份证号', '录入方式', '状态', '审核备注', '试用期总时长（月）', '红色提示数', '红色提示', '审核结果', '审核说明', '审核日期', '上报状态', '上报日期', '提交日期']);
    t.match(sheet.views[0], { state: 'frozen', ySplit: 1, topLeftCell: 'A2' }, 'the header row is frozen');
    t.equal(rows.length, 3);
    t.same(rows.map((r) => r[1]), ['赵六', '钱七', '孙八'], 'in arrival order, the other institution’s application left out');
    const row = rows[0]!;
    t.equal(row[0], 1);
    t.equal(row[2], '140105*****7932', 'the ID number is masked as in the list');
    t.notOk(JSON.stringify(rows).includes(zhaoLiuId), 'no full ID number anywhere in the file');
    t.equal(row[3], '单位直接录入');
    t.equal(row[6], 18, '5 + 13 months as the seed counts them');
    t.equal(row[7], 1, 'the other institution’s teacher check stays red, as in the detail');
    t.match(row[8], /^带教老师姓名与执业证书号是否符合：.*李四.*（已上传试用期考核证明盖章纸质版）$/, 'the red hint as text, with the paper certificate noted');
    t.equal(row[9], '审核通过');
    t.equal(row[10], '审核通过');
    t.ok(row[11] instanceof Date, 'the decision date is a real Excel date');
    t.equal((row[11] as Date).toISOString(), '2026-03-01T00:00:00.000Z');
    t.equal(sheet.getColumn(12).numFmt, 'yyyy-mm-dd');
    t.equal(row[12], '未上报');

    const approved = await api('GET', `/projects/${projectId}/applications/export.xlsx?state=unitReview.approved`, unit);
    t.same((await readSheet(approved.rawPayload)).rows.map((r) => r[1]), ['赵六'], 'the list’s state filter applies');
    const byName = await api('GET', `/projects/${projectId}/applications/export.xlsx?q=${encodeURIComponent('孙')}`, unit);
    t.same((await readSheet(byName.rawPayload)).rows.map((r) => r[1]), ['孙八'], 'and its name search');
  });

  await t.test('a district exports across its institutions only; the institution column appears', async (t) => {
    const wuhan = await readSheet((await api('GET', `/projects/${projectId}/applications/export.xlsx`, await w.login('wuhan'))).rawPayload);
    t.equal(wuhan.header[3], '所在机构');
    t.same(wuhan.rows.map((r) => r[3]), ['武汉市第1911医院', '武汉市第1911医院', '武汉市第1911医院']);
    const huangshi = await readSheet((await api('GET', `/projects/${projectId}/applications/export.xlsx`, await w.login('huangshi'))).rawPayload);
    t.same(huangshi.rows.map((r) => [r[1], r[3]]), [['周九', '黄石市中心医院']]);
  });

  await t.test('bad filters and unknown projects are refused as in the JSON list, and every export is audited', async (t) => {
    const badState = await api('GET', `/projects/${projectId}/applications/export.xlsx?state=nope`, unit);
    t.equal(badState.statusCode, 400);
    t.match(badState.json().error, { code: 'VALIDATION_FAILED', details: [{ field: 'state' }] });
    const unknown = await api('GET', `/projects/${crypto.randomUUID()}/applications/export.xlsx`, unit);
    t.equal(unknown.statusCode, 404);
    t.equal((await api('GET', `/projects/not-a-uuid/applications/export.xlsx`, unit)).statusCode, 400);
    t.equal((await api('GET', `/projects/${projectId}/applications/export.xlsx`)).statusCode, 401);
    const audits = await w.engine.db.selectFrom('pw_audit').select(['action', 'subject_id', 'detail']).where('action', '=', 'applications.export').execute();
    t.equal(audits.length, 5, 'one audit row per export that was answered');
    t.match(audits.find((a) => (a.detail as { state?: string }).state === 'unitReview.approved'), { subject_id: projectId, detail: { rows: 1 } });
  });

  await t.test('registrations export for the district and the admin; other accounts are refused', async (t) => {
    const all = await readSheet((await api('GET', '/institutions/export.xlsx', admin)).rawPayload);
    t.same(all.header.slice(0, 4), ['序号', '单位全称', '统一社会信用代码', '信用代码校验']);
    t.same(all.rows.map((r) => r[1]).sort(), ['武汉市第1911医院', '黄石市中心医院']);
    t.notOk(all.rows.some((r) => /^1\d{10}$/.test(String(r[7]))), 'phones masked as in the list');
    const wuhan = await readSheet((await api('GET', '/institutions/export.xlsx', await w.login('wuhan'))).rawPayload);
    t.same(wuhan.rows.map((r) => r[1]), ['武汉市第1911医院']);
    const filtered = await api('GET', '/institutions/export.xlsx?state=applied', admin);
    t.equal((await readSheet(filtered.rawPayload)).rows.length, 0);
    t.equal((await api('GET', '/institutions/export.xlsx?state=nope', admin)).statusCode, 400);
    const refused = await api('GET', '/institutions/export.xlsx', unit);
    t.equal(refused.statusCode, 403);
    t.equal(refused.json().error.code, 'FORBIDDEN');
    t.equal(await w.engine.db.selectFrom('pw_audit').select('id').where('action', '=', 'institutions.export').execute().then((r) => r.length), 3, 'three answered exports audited; the refused one is not');
  });

  await t.test('the printable 试用期考核证明: readable Chinese text, 18 months, a verification code that verifies', async (t) => {
    const res = await api('GET', `/applications/${zhao.id}/certificate.pdf`, unit);
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], 'application/pdf');
    t.match(res.headers['content-disposition'], /filename\*=UTF-8''/);
    const [page] = await pdfText(res.rawPayload);
    for (const text of ['医师资格考试试用期考核证明', '赵六', zhaoLiuId, '心内科', '黄燕红', '110420100012345', '2019-08-08 至 2020-02-01', '试用期总时长：18个月', '审核通过：审核通过', '盖章处', `申报编号：${zhao.id}`]) {
      t.ok(page!.includes(text), `shows ${text}`);
    }
    const code = /验证码：([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(page!)?.[1];
    t.ok(code, 'prints a verification code');

    const verified = await api('GET', `/certificates/verify?code=${encodeURIComponent(code!.toLowerCase().replace(/-/g, ' '))}`);
    t.equal(verified.statusCode, 200, 'no login needed; case, spaces and dashes do not matter');
    t.match(verified.json(), {
      code,
      applicationId: zhao.id,
      candidateNameMasked: '赵*',
      idNumberMasked: '140105*****7932',
      projectName: '医师资格考试试用期考核证明申报',
      institutionName: '武汉市第1911医院',
      state: 'unitReview.approved',
      stateLabel: '单位审核·审核通过',
      decision: { label: '审核通过' },
    });
    t.notOk(verified.body.includes(zhaoLiuId), 'the public answer shows no full ID number');

    const candidate = await w.login(w.zhaoLiuLogin);
    const again = await pdfText((await api('GET', `/applications/${zhao.id}/certificate.pdf`, candidate)).rawPayload);
    t.ok(again[0]!.includes(`验证码：${code}`), 'every copy carries the same code; the candidate may print it');
    t.equal((await api('GET', `/applications/${zhao.id}/certificate.pdf`, await w.login('wuhan'))).statusCode, 200, 'the district in scope may print');
    for (const [who, auth] of [['another unit', otherUnit], ['another district', await w.login('huangshi')]] as const) {
      const outside = await api('GET', `/applications/${zhao.id}/certificate.pdf`, auth);
      t.equal(outside.statusCode, 404, `${who}: as if it did not exist`);
    }
    t.equal((await api('GET', `/applications/${crypto.randomUUID()}/certificate.pdf`, unit)).statusCode, 404);
    t.equal(await w.engine.db.selectFrom('pw_certificate_codes').select('code').execute().then((r) => r.length), 1);
    t.equal(await w.engine.db.selectFrom('pw_audit').select('id').where('action', '=', 'certificate.print').execute().then((r) => r.length), 3);
  });

  await t.test('the check refuses a malformed code and does not know an invented one', async (t) => {
    const malformed = await api('GET', '/certificates/verify?code=123');
    t.equal(malformed.statusCode, 400);
    t.match(malformed.json().error, { code: 'VALIDATION_FAILED', details: [{ field: 'code' }] });
    const unknown = await api('GET', '/certificates/verify?code=AAAA-BBBB-CCCC');
    t.equal(unknown.statusCode, 404);
    t.equal(unknown.json().error.code, 'NOT_FOUND');
    t.equal((await api('GET', '/certificates/verify')).statusCode, 400);
  });
});
