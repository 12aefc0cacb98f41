/**
 * Every screen of the console for the role it belongs to, against the bundled server with the demo
 * data (a child process as `npm start` runs it): what each user sees and can do there, the
 * conventions users expect (field errors at their fields, a reload after a version conflict, back to
 * 登录 and back again when the session ends), and no error in any page.
 */
import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, consoleDriver, launchBrowser } from '../../helpers/browser.js';
import { startServer, type ServerProcess } from '../../helpers/processes.js';
import { residentIdCheckCharacter } from '../../../src/domain/id-card.js';

t.setTimeout(300_000);

const unitEntryId17 = '42010219970315041';
const unitEntryIdNumber = unitEntryId17 + residentIdCheckCharacter(unitEntryId17);

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

t.test('the console\'s screens, role by role', { skip: browserSkip }, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-screens-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const server: ServerProcess = await startServer({ DATA_DIR: dataDir, DEMO: '1', SMS_PROVIDER: 'inbox' });
  t.teardown(() => server.stop());
  const browser: Browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { open, logIn, choose, typeDate, typeRange, outcome, problems } = consoleDriver(browser, server.url);
  const heading = (page: Page) => page.locator('.page-title').first().innerText();
  const menu = (page: Page, name: string) => page.getByRole('menuitem', { name, exact: true }).click();

  await t.test('admin: 项目管理 (a refused field is shown at the field), 执业医师库导入 with its rejected lines, 通知记录, 部门', async (t) => {
    const page = await open('/');
    await logIn(page, 'admin');
    t.equal(await heading(page), '项目管理', 'the admin lands on 项目管理');
    await page.locator('.el-table__row').first().waitFor();
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByRole('button', { name: '创建' }).click();
    await page.locator('.el-dialog .el-form-item.is-error').first().waitFor();
    t.ok(await page.locator('.el-dialog .el-form-item.is-error', { hasText: '项目开始日期' }).count(), 'the missing start date is marked at its field');
    await page.getByRole('button', { name: '取消' }).click();

    await menu(page, '执业医师库导入');
    const csv = '证书编码,姓名,医师级别,执业类别,执业单位,状态\n110420100099999,测试医师,执业医师,临床,武汉市第一医院,注册\n1,坏行,执业医师,临床,,注册\n';
    await page.locator('input[type="file"]').setInputFiles({ name: 'physicians.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('导入结果').waitFor();
    const result = await page.locator('.el-descriptions').innerText();
    t.match(result, /新增\s*1/, 'one physician added');
    t.match(result, /被拒绝\s*1/, 'one line rejected');
    t.match(await page.locator('.el-table__row').first().innerText(), /^3\s/, 'the rejected line is listed by its line number');

    await menu(page, '通知记录');
    await page.locator('.el-table__row', { hasText: 'application.' }).first().waitFor();
    t.ok(await page.locator('.el-table__row', { hasText: '已发送' }).count(), 'the demo\'s notifications are listed with their delivery');
    await menu(page, '部门');
    await page.getByText('江岸区卫生健康局').waitFor();
    t.ok(await page.getByText('湖北省卫生健康委员会').isVisible(), 'the tree from the province down');
  });

  await t.test('district: 机构审核 lists the pending registration; 各机构审核进度 per project', async (t) => {
    const page = await open('/');
    await logIn(page, 'wuhan');
    await page.locator('.el-table__row', { hasText: '武汉市武昌区示范社区卫生服务中心' }).waitFor();
    await page.locator('.el-table__row', { hasText: '武汉市武昌区示范社区卫生服务中心' }).getByRole('button', { name: '审核' }).click();
    await page.locator('[data-event="RETURN"]').click();
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.el-form-item.is-error', { hasText: '原因' }).waitFor();
    t.pass('退回 without a reason is refused at the 原因 field');
    await page.getByLabel('原因', { exact: true }).fill('请补充盖章的注册申请表');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('[data-test="institution-state"]', { hasText: '退回' }).waitFor();

    await menu(page, '考区审核');
    await page.getByRole('button', { name: '审核进度' }).first().click();
    const row = page.locator('.el-table__row', { hasText: '武汉市第1911医院' });
    await row.waitFor();
    t.match(await row.innerText(), /武汉市第1911医院\s+\d+\s+\d+\s+\d+/, 'applicants, decided and reported counts');
    await row.getByRole('button', { name: '查看申报' }).click();
    // The progress table's own rows are there until the list replaces them: wait for the list's page first.
    await page.waitForURL(/\/review\/projects\/[^/?]+\?institutionId=/);
    await page.locator('.el-table__row').first().waitFor();
    t.ok(await page.locator('.el-table__row', { hasText: '武汉市第1911医院' }).count(), 'the institution\'s declarations');
  });

  await t.test('candidate 王二: sees the unit\'s explanation, edits and resubmits after 退回', async (t) => {
    const page = await open('/');
    await logIn(page, '420102199506060711');
    t.equal(await heading(page), '我的申报');
    await page.locator('.el-table__row').first().getByRole('button', { name: '查看' }).click();
    await page.locator('[data-test="state"]', { hasText: '退回' }).waitFor();
    t.match(await page.locator('.el-descriptions', { hasText: '审核结果' }).innerText(), /审核结果\s*退回/, 'the unit\'s decision is shown');
    await page.getByRole('button', { name: '修改' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByLabel('联系方式（手机）', { exact: true }).fill('13912349999');
    await page.getByLabel('试用机构校验码', { exact: true }).fill('4341');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.el-form-item.is-error', { hasText: '试用机构校验码' }).waitFor();
    t.pass('a wrong 校验码 is refused at its field');
    await page.getByLabel('试用机构校验码', { exact: true }).fill('434148');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.locator('[data-test="state"]', { hasText: '待审核' }).waitFor();
    t.pass('resubmitted: 单位审核·待审核');
  });

  await t.test('the unit is refused 审核通过 for 吴十 by the paper-certificate rule; 吴十 uploads it; then the unit may approve', async (t) => {
    const unit = await open('/');
    await logIn(unit, 'WS-00000-034-19');
    await unit.getByRole('button', { name: '查看' }).first().click();
    await unit.locator('.el-table__row', { hasText: '吴十' }).getByRole('button', { name: '查看' }).click();
    await unit.locator('[data-refusal="APPROVE"]').waitFor();
    t.match(await unit.locator('[data-refusal="APPROVE"]').innerText(), /盖章纸质版/, 'the disabled 审核通过 says the rule\'s message');
    t.match(await unit.locator('.event-list [data-event="APPROVE"]').innerText(), /paperCertificatesForOtherRedInstitutions/, 'and the panel names the rule');
    t.ok(await unit.locator('[data-decision="APPROVE"] input').isDisabled(), '审核通过 cannot be chosen');

    const page = await open('/');
    await logIn(page, '42010219960101051X');
    await page.locator('.el-table__row').first().getByRole('button', { name: '查看' }).click();
    const other = page.locator('[data-segment="s2"]');
    await other.getByText('未上传').waitFor();
    await other.locator('input[type="file"]').setInputFiles({ name: 'stamped.png', mimeType: 'image/png', buffer: png });
    await other.getByRole('button', { name: /查看 stamped\.png/ }).waitFor();
    await other.getByRole('button', { name: /查看 stamped\.png/ }).click();
    await page.locator('.el-dialog img').waitFor();
    t.match(String(await page.locator('.el-dialog img').getAttribute('src')), /^blob:/, 'the image is shown from the API\'s answer');

    await unit.reload();
    await unit.locator('[data-decision="APPROVE"]').waitFor();
    t.notOk(await unit.locator('[data-refusal="APPROVE"]').count(), '审核通过 is no longer refused');
    t.notOk(await unit.locator('[data-decision="APPROVE"] input').isDisabled(), 'and can be chosen');
  });

  await t.test('the unit: a page left open is reloaded after a version conflict, not overwritten', async (t) => {
    const first = await open('/');
    await logIn(first, 'WS-00000-034-19');
    await first.getByRole('button', { name: '查看' }).first().click();
    await first.locator('.el-table__row', { hasText: '周九' }).getByRole('button', { name: '查看' }).click();
    await first.locator('[data-decision="REJECT"]').waitFor();
    const detailUrl = first.url();
    const second = await open('/');
    await logIn(second, 'WS-00000-034-19');
    await second.goto(detailUrl);
    await second.locator('[data-decision="REJECT"]').click();
    await second.getByLabel('审核说明', { exact: true }).fill('材料不全');
    await second.getByRole('button', { name: '提交', exact: true }).click();
    await second.locator('[data-test="state"]', { hasText: '审核不通过' }).waitFor();

    await first.locator('[data-decision="RETURN"]').click();
    await first.getByLabel('审核说明', { exact: true }).fill('请补充材料');
    await first.getByRole('button', { name: '提交', exact: true }).click();
    await first.getByText('数据已更新').waitFor();
    t.pass('the older page is told that someone changed the declaration');
    await first.getByRole('button', { name: '重新载入' }).click();
    await first.locator('[data-test="state"]', { hasText: '审核不通过' }).waitFor();
    t.pass('and shows the current state after the reload');
  });

  await t.test('the unit enters a declaration directly (单位直接录入) with the segment editor', async (t) => {
    const page = await open('/');
    await logIn(page, 'WS-00000-034-19');
    await page.getByRole('button', { name: '查看' }).first().click();
    await page.getByRole('button', { name: '单位直接录入' }).click();
    await page.getByLabel('姓名', { exact: true }).fill('褚十一');
    await page.getByLabel('证件编号', { exact: true }).fill(unitEntryIdNumber);
    await typeDate(page.getByLabel('证件有效期起', { exact: true }), '2016-05-01');
    await page.getByText('长期').click();
    await page.getByLabel('联系方式（手机）', { exact: true }).fill('13912340999');
    await choose(page, '报考类别', '110 临床执业医师');
    const card = page.locator('[data-segment-index="0"]');
    await card.getByLabel('试用机构名称', { exact: true }).fill('武汉市第1911医院');
    await card.getByLabel('试用机构登记号', { exact: true }).fill('5252223212582111254');
    await card.getByLabel('试用机构校验码', { exact: true }).fill('434148');
    await typeRange(card, '2025-03-01', '2026-06-30');
    await card.getByLabel('岗位(科室)名称', { exact: true }).fill('儿科');
    await card.getByLabel('带教老师姓名', { exact: true }).fill('欧阳·明');
    await card.getByLabel('带教老师执业证书号', { exact: true }).fill('110420100024680');
    await card.getByLabel('带教老师执业单位', { exact: true }).fill('武汉市第1911医院');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await outcome(page, page.locator('[data-test="state"]', { hasText: '单位审核·待审核' }));
    t.match(new URL(page.url()).pathname, /^\/applications\/[0-9a-f-]{36}$/, 'the new declaration\'s detail');
    t.match(await page.locator('.el-descriptions', { hasText: '录入方式' }).innerText(), /单位直接录入/, 'entered by the unit, straight into its review');
  });

  await t.test('a session that ends sends the user to 登录 and back to the screen afterwards', async (t) => {
    const page = await open('/');
    await logIn(page, 'JG00000');
    await page.getByText('医师资格考试试用期考核证明申报管理').first().waitFor();
    // The session ends on the server (as after 30 minutes idle): the next call answers 401.
    const token = await page.evaluate<string | null>("sessionStorage.getItem('probation-workflow.token')");
    await fetch(`${server.url}/api/v1/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await page.getByRole('menuitem', { name: '校验码' }).click();
    await page.waitForURL(/\/login\?/);
    t.ok(await page.getByText('登录已过期，请重新登录').isVisible(), 'says why');
    await page.getByLabel('账号', { exact: true }).fill('JG00000');
    await page.getByLabel('密码', { exact: true }).fill('Demo@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/institution\/check-code$/);
    await page.locator('[data-test="check-code"]', { hasText: '434148' }).waitFor();
    t.pass('back on 校验码, showing the demo code');
    await page.getByRole('button', { name: '重新生成校验码' }).click();
    await page.getByRole('button', { name: 'OK' }).or(page.getByRole('button', { name: '确定' })).click();
    await page.getByText('已重新生成').waitFor();
    t.not((await page.locator('[data-test="check-code"]').innerText()).trim(), '434148', 'a new 校验码');
  });

  await t.test('public: 证明核验 of an unknown code shows the refusal of the API', async (t) => {
    const page = await open('/verify');
    await page.getByLabel('验证码（证明页脚）', { exact: true }).fill('K7PD-3QXM-H2TW');
    await page.getByRole('button', { name: '核验' }).click();
    await page.locator('.el-message--error').waitFor();
    t.pass('the API\'s refusal is shown');
  });

  await t.test('no console error, page error, failed request or request leaving the server on any page', async (t) => {
    await Promise.all(browser.contexts().map((c) => c.close()));
    t.same(problems(), [], problems().join('\n'));
  });
});
