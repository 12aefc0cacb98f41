import t from 'tap';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { machines } from '../../machines/index.js';
import { describeWorkflow } from '../../src/diagrams/mermaid.js';
import { browserSkip as skip, launchBrowser, watch } from '../helpers/browser.js';
import { testServer } from '../helpers/server.js';

const workflows = Object.entries(machines).map(([name, machine]) => describeWorkflow(name, machine));

/** Rule names the generator writes on a diagram's edges (`… : EVENT 中文 [ruleA, ruleB]`). */
const edgeRules = (mermaid: string) =>
  new Set([...mermaid.matchAll(/ : [^\n[]*\[([^\]]+)\]$/gm)].flatMap((m) => m[1]!.split(', ')));

t.test('the bundled server\'s pages render in a browser', { skip }, async (t) => {
  const { app } = await testServer(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser: Browser = await launchBrowser();
  t.teardown(() => browser.close());

  await t.test('/workflows draws the three diagrams with Chinese state labels and rule names on the edges', async (t) => {
    const page = await browser.newPage();
    t.teardown(() => page.close());
    const problems = watch(page, origin);
    const response = await page.goto(`${origin}/workflows`);
    t.equal(response?.status(), 200);
    await page.waitForSelector('body:not([data-diagrams="pending"])', { timeout: 20_000 });
    t.equal(await page.getAttribute('body', 'data-diagrams'), 'rendered', await page.locator('#diagram-status').innerText());
    t.equal(await page.locator('pre.mermaid svg').count(), 3, 'three rendered <svg> diagrams');

    for (const w of workflows) {
      const svg = page.locator(`section[data-workflow="${w.name}"] pre.mermaid svg`);
      t.equal(await svg.count(), 1, `${w.name}: one diagram`);
      for (const state of w.states) {
        t.ok(await svg.getByText(state.label.zh, { exact: true }).first().isVisible(), `${w.name}: state ${state.path} shows ${state.label.zh}`);
      }
      const edgeTexts = (await svg.locator('.edgeLabel').allTextContents()).map((s) => s.trim()).filter(Boolean);
      const rules = edgeRules(w.mermaid);
      t.ok(rules.size > 0, `${w.name}: the generator names rules on edges`);
      for (const rule of rules) t.ok(edgeTexts.some((text) => text.includes(`${rule}`)), `${w.name}: rule ${rule} on an edge label`);
    }
    const institution = page.locator('section[data-workflow="institution"] pre.mermaid svg');
    t.ok(await institution.getByText('待审核', { exact: true }).isVisible(), 'literal label 待审核');
    t.ok(await institution.getByText('审核通过（待激活）', { exact: true }).isVisible(), 'literal label 审核通过（待激活）');
    t.ok(
      (await institution.locator('.edgeLabel').allTextContents()).some((s) => s.includes('APPROVE 审核通过 [reasonGivenWhenRed]')),
      'literal edge APPROVE 审核通过 [reasonGivenWhenRed]',
    );
    t.ok(await page.getByRole('link', { name: /接口文档/ }).isVisible(), 'links the API docs');
    t.same(problems, [], 'no console errors, page errors or outside requests');
  });

  await t.test('/docs shows Swagger UI with the operations and a link back to the workflows page', async (t) => {
    const page = await browser.newPage();
    t.teardown(() => page.close());
    const problems = watch(page, origin);
    await page.goto(`${origin}/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    t.ok(paths.some((p) => p.includes('/api/v1/sessions')), 'POST /api/v1/sessions is listed');
    t.ok(paths.some((p) => p.includes('/api/v1/workflows')), 'GET /api/v1/workflows is listed');
    t.ok(await page.locator('.opblock-summary-path', { hasText: '/api/v1/sessions' }).first().isVisible());
    const back = page.getByRole('link', { name: /流程图/ });
    t.ok(await back.isVisible(), 'a visible link to the workflows page');
    t.equal(new URL((await back.getAttribute('href')) ?? '', origin).href, `${origin}/workflows`);
    t.same(problems, [], 'no console errors, page errors or outside requests');
  });
});
