/**
 * The console in a real browser, against the bundled server as `npm start` runs it (a child
 * process on an embedded database with the demo data, texts in the development inbox): the seed's
 * journey for every role, done by clicking the screens. What is checked is what each user sees.
 */
import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { browserSkip, consoleDriver, launchBrowser } from '../../helpers/browser.js';
import { loginTo, request, startServer, waitUntil, type ServerProcess } from '../../helpers/processes.js';
import { creditCodeCheckCharacter } from '../../../src/domain/credit-code.js';
import { residentIdCheckCharacter } from '../../../src/domain/id-card.js';

t.setTimeout(300_000);

const newPassword = 'Hubei@2027';
const first17 = '12420102MB0000777';
const creditCode = first17 + creditCodeCheckCharacter(first17);
const candidateId17 = '42010219980214053';
const candidateIdNumber = candidateId17 + residentIdCheckCharacter(candidateId17);
const pdf = (what: string) => ({ name: `${what}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${what}\n%%EOF\n`) });

t.test('the console: every role does its part of the seed in the browser', { skip: browserSkip }, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-console-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const server: ServerProcess = await startServer({ DATA_DIR: dataDir, DEMO: '1', SMS_PROVIDER: 'inbox' });
  t.teardown(() => server.stop());
  const origin = server.url;
  const browser: Browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { open, logIn, choose, typeDate, typeRange, outcome, problems } = consoleDriver(browser, origin);

  await t.test('the page is served with a CSP that allows no eval and nothing from elsewhere', async (t) => {
    const res = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    t.match(csp, /script-src 'self'(;|$)/);
    t.notMatch(csp, /unsafe-eval/);
    t.match(await res.text(), /<div id="app">/);
    const deep = await fetch(`${origin}/applications/00000000-0000-4000-8000-000000000000`, { headers: { accept: 'text/html' } });
    t.equal(deep.status, 200, 'a reload of a screen opens the console (history fallback)');
    const api = await fetch(`${origin}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    t.equal(api.status, 404, 'an unknown API path stays a JSON 404');
    t.equal(((await api.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
  });

  await t.test('a new institution registers with its three files, and the district approves it', async (t) => {
    const page = await open('/login');
    await page.getByRole('link', { name: '机构注册' }).click();
    await page.getByLabel('单位全称（第一名称）', { exact: true }).fill('武汉市江岸区控制台测试医院');
    await page.getByLabel('单位地址', { exact: true }).fill('武汉市江岸区测试路1号');
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(creditCode);
    await page.getByLabel('医疗执业机构许可证号', { exact: true }).fill('PDY42010200777');
    await page.getByLabel('本单位使用此平台的系统管理员姓名', { exact: true }).fill('王磊');
    await page.getByLabel('手机', { exact: true }).fill('13912340777');
    await page.locator('.el-tree-select, .el-select').filter({ hasText: '请选择业务主管' }).click();
    await page.locator('.el-tree-node__content:visible', { hasText: '江岸区卫生健康局' }).click();
    await page.locator('[data-file="registrationForm"]').setInputFiles(pdf('form'));
    await page.locator('[data-file="creditCertificate"]').setInputFiles(pdf('credit'));
    await page.locator('[data-file="medicalLicense"]').setInputFiles(pdf('license'));
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByText('注册申请已提交').waitFor();

    const district = await open('/login');
    await logIn(district, 'wuhan');
    t.equal(new URL(district.url()).pathname, '/district/institutions', 'the district lands on 机构审核');
    const row = district.locator('.el-table__row', { hasText: '武汉市江岸区控制台测试医院' });
    await row.getByRole('button', { name: '审核' }).click();
    await district.getByText('单位用户注册申请表（盖章）').waitFor();
    t.ok(await district.getByText('统一社会信用代码证').isVisible(), 'the attachments are listed');
    t.equal(await district.locator('[data-level]').first().getAttribute('data-level'), 'green', 'the credit code\'s check is shown (green)');
    await district.locator('[data-event="APPROVE"]').click();
    await district.getByRole('button', { name: '提交' }).click();
    await district.locator('[data-test="institution-state"]', { hasText: '审核通过' }).waitFor();
    t.pass('approved: the state shows 审核通过');
  });

  let accountNo = '';
  await t.test('申请查询 with the texted code shows the 机构证号 and 激活码, and 账号激活 activates the main account', async (t) => {
    const page = await open('/registration-query');
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(creditCode);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByRole('button', { name: /秒后重新获取/ }).waitFor();
    t.pass('the button counts down');
    const admin = await loginTo(origin, 'admin');
    let code = '';
    t.ok(
      await waitUntil(async () => {
        const inbox = await request(`${origin}/api/v1/dev/sms?phone=13912340777`, { headers: admin });
        code = inbox.body.items?.find((m: { topic: string }) => m.topic === 'institution.queryCode')?.params.queryCode ?? '';
        return code !== '';
      }),
      'the code was texted to the registered phone (development inbox)',
    );
    await page.getByLabel('短信验证码', { exact: true }).fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    accountNo = (await page.locator('[data-test="account-no"]').innerText()).trim();
    const activationCode = (await page.locator('[data-test="activation-code"]').innerText()).trim();
    t.match(accountNo, /^JG\d+/, '机构证号 shown');
    t.ok(activationCode.length >= 6, '激活码 shown');

    await page.getByRole('link', { name: '账号激活' }).click();
    t.equal(await page.getByLabel('账号（机构证号或业务账号）', { exact: true }).inputValue(), accountNo, 'the account number is carried over');
    await page.getByLabel('激活码', { exact: true }).fill(activationCode);
    await page.getByLabel('设置密码', { exact: true }).fill('weak');
    await page.getByRole('button', { name: '激活' }).click();
    await page.locator('.el-form-item__error', { hasText: '密码至少8位' }).waitFor();
    t.pass('a weak password is refused at its field with the API\'s message');
    await page.getByLabel('设置密码', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: '激活' }).click();
    await page.getByText('激活成功').waitFor();
  });

  await t.test('the main account generates business account 19 and activates it; the new account logs in', async (t) => {
    const page = await open('/login');
    await logIn(page, accountNo, newPassword);
    await page.locator('.el-table__row').nth(9).waitFor();
    t.equal(await page.locator('.el-table__row').count(), 10, 'the seed\'s ten business rows');
    t.ok(await page.getByText('医师资格考试试用期考核证明申报管理').first().isVisible());
    await page.locator('[data-generate="19"]').click();
    const businessNo = (await page.locator('[data-account="19"]').innerText()).trim();
    const code = (await page.locator('[data-code="19"]').innerText()).trim();
    t.match(businessNo, /^WS-.*-19$/, 'the business account number');
    await page.locator('.el-table__row', { hasText: businessNo }).getByRole('button', { name: '激活' }).click();
    await page.getByLabel('激活码', { exact: true }).fill(code);
    await page.getByLabel('设置密码', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: '激活' }).click();
    await page.getByText('激活成功').waitFor();
    const business = await open('/login');
    await logIn(business, businessNo, newPassword);
    t.equal(new URL(business.url()).pathname, '/review/projects', 'business account 19 lands on 待审核列表');
  });

  let applicationPath = '';
  await t.test('a candidate registers and declares the seed\'s two segments, then submits', async (t) => {
    const page = await open('/candidate-register');
    await page.getByLabel('姓名', { exact: true }).fill('孔二');
    await page.getByLabel('居民身份证号', { exact: true }).fill(candidateIdNumber);
    await page.getByLabel('手机', { exact: true }).fill('13912340888');
    await page.getByLabel('密码', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByText('注册成功').waitFor();
    await logIn(page, candidateIdNumber, newPassword);
    t.equal(new URL(page.url()).pathname, '/my', 'the candidate lands on 我的申报');
    await page.getByRole('button', { name: '填写申报' }).first().click();

    await page.getByLabel('姓名', { exact: true }).fill('孔二');
    await page.getByLabel('证件编号', { exact: true }).fill(candidateIdNumber);
    await typeDate(page.getByLabel('证件有效期起', { exact: true }), '2016-05-01');
    await page.getByText('长期').click();
    await page.getByLabel('联系方式（手机）', { exact: true }).fill('13912340888');
    await choose(page, '报考类别', '110 临床执业医师');
    const segments = [
      // current: 心内科, 5 months, a teacher whose name does not match the registry (red)
      { current: true, name: '武汉市第1911医院', no: '5252223212582111254', code: '434148', from: '2019-08-08', to: '2020-02-01', dept: '心内科', teacher: '李四', cert: '110420100067890', unit: '武汉百佳妇产医院' },
      // other: 内科, 13 months, 黄燕红 (green)
      { current: false, name: '武汉市第1911医院', no: '5252223212582111254', code: '', from: '2018-01-05', to: '2019-03-01', dept: '内科', teacher: '黄燕红', cert: '110420100012345', unit: '江岸黄燕红西内科诊所' },
    ];
    for (const [i, s] of segments.entries()) {
      if (i > 0) await page.getByRole('button', { name: '添加试用机构' }).click();
      const card = page.locator(`[data-segment-index="${i}"]`);
      await card.getByLabel('试用机构名称', { exact: true }).fill(s.name);
      await card.getByLabel('试用机构登记号', { exact: true }).fill(s.no);
      if (s.current) await card.getByLabel('试用机构校验码', { exact: true }).fill(s.code);
      await typeRange(card, s.from, s.to);
      await card.getByLabel('岗位(科室)名称', { exact: true }).fill(s.dept);
      await card.getByLabel('带教老师姓名', { exact: true }).fill(s.teacher);
      await card.getByLabel('带教老师执业证书号', { exact: true }).fill(s.cert);
      await card.getByLabel('带教老师执业单位', { exact: true }).fill(s.unit);
    }
    await page.getByRole('button', { name: '保存' }).click();
    await outcome(page, page.locator('[data-test="state"]', { hasText: '草稿' }));
    t.match(new URL(page.url()).pathname, /^\/applications\/[0-9a-f-]{36}$/, 'saved: the new declaration\'s page');
    applicationPath = new URL(page.url()).pathname;
    await page.getByRole('button', { name: '提交', exact: true }).first().click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.locator('[data-test="state"]', { hasText: '待审核' }).waitFor();
    t.pass('submitted: 单位审核·待审核');
  });

  await t.test('the unit sees 5 + 13 = 18 months green and a red teacher, needs an explanation to approve, changes its mind, and reports', async (t) => {
    const page = await open('/login');
    await logIn(page, 'WS-00000-034-19');
    await page.getByRole('button', { name: '查看' }).first().click();
    // Ten to a page and the demo's ten come first: find the new one by name, as a reviewer would.
    await page.locator('.el-table__row').first().waitFor();
    t.notOk(await page.locator('.el-table__row', { hasText: '孔二' }).count(), 'the eleventh declaration is not on page 1');
    await page.getByLabel('搜索姓名').fill('孔二');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.el-table__row', { hasText: '孔二' }).waitFor();
    t.equal(await page.locator('.el-table__row').count(), 1, 'the search finds exactly the one');
    t.ok(await page.locator('.el-table__row', { hasText: '孔二' }).getByText(/420102\*+/).isVisible(), 'the 身份证号 is masked in the list');
    await page.locator('.el-table__row', { hasText: '孔二' }).getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`${origin}${applicationPath}`);
    t.equal((await page.locator('[data-test="total-months"]').innerText()).trim(), '18个月');
    t.equal(await page.locator('[data-indicator="totalDuration"]').getAttribute('data-level'), 'green', '18 months: green');
    const current = page.locator('[data-segment="s1"] [data-indicator="teacherCheck"]');
    t.equal(await current.getAttribute('data-level'), 'red', 'the current teacher check is red');
    t.equal(await page.locator('[data-segment="s2"] [data-indicator="teacherCheck"]').getAttribute('data-level'), 'green');
    await page.locator('.diagram svg').waitFor({ timeout: 30_000 });
    t.ok(await page.locator('.diagram svg .current').count(), 'the diagram highlights the current state');

    await page.locator('[data-decision="APPROVE"]').click();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.el-form-item__error').waitFor();
    t.match(await page.locator('.el-form-item__error').innerText(), /说明/, 'refused without the explanation, said at the field');
    t.match(await page.locator('[data-test="state"]').innerText(), /待审核/, 'nothing changed');
    await page.getByLabel('审核说明', { exact: true }).fill('带教老师姓名经核实为笔误，同意通过');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('[data-test="state"]', { hasText: '审核通过' }).waitFor();

    await page.locator('[data-decision="REJECT"]').click();
    await page.getByLabel('审核说明', { exact: true }).fill('改变决定：材料待补充');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('[data-test="state"]', { hasText: '审核不通过' }).waitFor();
    await page.locator('[data-decision="APPROVE"]').click();
    await page.getByLabel('审核说明', { exact: true }).fill('带教老师姓名经核实为笔误，同意通过');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('[data-test="state"]', { hasText: '审核通过' }).waitFor();
    t.pass('the decision was changed twice before reporting');

    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '上报' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '上报至考区' });
    await dialog.waitFor();
    t.match(await dialog.innerText(), /孔二/, 'the confirmation lists what will be reported');
    t.match(await dialog.innerText(), /尚未决定（不上报）\s*\d+ 人/, 'and what is still undecided');
    await dialog.getByRole('button', { name: '确认上报' }).click();
    const toast = page.getByText(/已上报：审核通过 \d+ 人/);
    await toast.waitFor();
    t.notMatch(await toast.innerText(), /未能上报/, await toast.innerText());
  });

  await t.test('the district approves the reported declaration', async (t) => {
    const page = await open('/login');
    await logIn(page, 'wuhan');
    await page.getByRole('menuitem', { name: '考区审核' }).click();
    await page.getByRole('button', { name: '查看' }).first().click();
    await choose(page, '按状态筛选', '考区审核·待审核');
    await page.locator('.el-table__row', { hasText: '孔二' }).getByRole('button', { name: '查看' }).click();
    await page.locator('[data-test="state"]', { hasText: '考区审核' }).waitFor();
    await page.locator('[data-decision="DISTRICT_APPROVE"]').click();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('[data-test="state"]', { hasText: '考区审核·审核通过' }).waitFor();
    t.pass('考区审核·审核通过');
  });

  await t.test('no console error, page error, failed request or request leaving the server on any page', async (t) => {
    await Promise.all(browser.contexts().map((c) => c.close()));
    t.same(problems(), [], problems().join('\n'));
  });
});
