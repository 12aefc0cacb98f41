/**
 * Debian's chromium (installed by .ci/run), driven by playwright-core. Where no chromium exists the
 * browser tests are skipped with a message saying so, never passed.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const expectedChromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// CHROMIUM_PATH, when set, is the only browser tried; otherwise Debian's, then any `chromium` on PATH.
const candidates = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : [expectedChromium, ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'chromium'))];
const executablePath = candidates.find((candidate) => existsSync(candidate));

/** `skip` for a tap test: false, or why the browser tests cannot run here. */
export const browserSkip: false | string = executablePath ? false : `no chromium at ${expectedChromium}: browser tests skipped`;

// Playwright gives every launch() a fresh temporary profile (and refuses --user-data-dir in args).
// Without the background-networking flags chromium tries to reach Google at every start.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath!, args, timeout: 30_000 });
}

/**
 * Console errors, uncaught page errors, failed requests, error answers and requests leaving the
 * server, as they happen. An API refusal (4xx under /api/) is the page's business — the screens show
 * it — so chromium's own "Failed to load resource" line for it is not counted; a 5xx anywhere, or a
 * 4xx for a page or asset, is.
 */
export function watch(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    const apiRefusal = url.pathname.startsWith('/api/') && response.status() < 500;
    if (response.status() >= 400 && !apiRefusal) problems.push(`${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Aborted by the browser itself — a navigation (reload, redirect to 登录) cancels what the old page
    // was still loading, a saved download ends so — not a failure of the server.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') problems.push(`request left the server: ${request.url()}`);
  });
  return problems;
}

/**
 * What the console tests do on every screen: open a page as a fresh user (own context, own
 * sessionStorage, 1280×800), log in through the 登录 screen, pick an Element Plus select option,
 * type a date; and every page's problems (see {@link watch}) collected for one final check.
 *
 * @example
 * const ui = consoleDriver(browser, server.url);
 * const page = await ui.open('/login');
 * await ui.logIn(page, 'wuhan');
 */
export function consoleDriver(browser: Browser, origin: string) {
  const watched: string[][] = [];
  // The API's refusals per page, body and all: a screen shows a refusal in its own words, which can
  // be only the general message, so a failing test names the fields the server refused as well.
  const refusals = new WeakMap<Page, string[]>();
  return {
    async open(path: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true });
      // CI runs these beside the heavy suites on two cores: a screen may take longer than
      // Playwright's default 30 s there without anything being wrong.
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      watched.push(watch(page, origin));
      const refused: string[] = [];
      refusals.set(page, refused);
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith('/api/') || response.status() < 400) return;
        const what = `${response.request().method()} ${url.pathname} ${response.status()}`;
        response.text().then(
          (body) => refused.push(`${what} ${body}`),
          () => refused.push(what),
        );
      });
      await page.goto(`${origin}${path}`);
      return page;
    },
    async logIn(page: Page, login: string, password = 'Demo@2026') {
      await page.goto(`${origin}/login`);
      await page.getByLabel('账号', { exact: true }).fill(login);
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    },
    /** Picks an option of an Element Plus select (its list is a popper at the end of the body). */
    async choose(page: Page, label: string, option: string) {
      // The select's input sits under its placeholder: click through it, as a user's click lands on the box.
      const input = page.locator('input').and(page.getByLabel(label, { exact: true }));
      const select = page.locator('.el-select').filter({ has: input });
      const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first();
      // Under load a click can land on a select that is being rendered again as the page's data
      // arrives, and nothing opens; or the option's click lands while its list is still opening, and
      // nothing is chosen (seen in CI: the form went out without 报考类别). Either way choose again, as
      // a user would, once the list has closed, and fail here, saying what the select shows.
      for (let attempt = 1; ; attempt++) {
        await input.click({ force: true });
        try {
          await item.waitFor({ timeout: 10_000 });
          await item.click();
          await item.waitFor({ state: 'hidden' });
        } catch (error) {
          if (attempt === 3) throw error;
          continue;
        }
        const shown = (await select.innerText()).trim();
        if (shown.includes(option)) return;
        if (attempt === 3) throw new Error(`the select ${label} shows "${shown}" instead of ${option}`);
      }
    },
    /**
     * Types a date into an Element Plus date picker, confirms it and checks, once its panel has
     * closed, that the picker kept it; a date dropped while the panel opened or closed (as under load)
     * is typed again, and one it keeps dropping fails here, saying what it holds.
     */
    async typeDate(input: Locator, value: string) {
      for (let attempt = 1; ; attempt++) {
        await input.click();
        await input.fill(value);
        await input.press('Enter');
        await input.page().locator('.el-date-picker:visible').first().waitFor({ state: 'hidden' });
        const held = await input.inputValue();
        if (held === value) return;
        if (attempt === 3) throw new Error(`the date picker holds "${held}" instead of ${value}`);
      }
    },
    /**
     * Types a date range into an Element Plus range picker inside `container` (its 开始日期 and
     * 结束日期 inputs) and checks, once its panel has closed, that both dates were kept; a range the
     * picker dropped while its panel opened or closed is typed again, and a range it keeps dropping
     * fails here, saying what it holds, rather than as a refusal of the whole form later.
     */
    async typeRange(container: Locator, from: string, to: string) {
      const start = container.getByPlaceholder('开始日期');
      const end = container.getByPlaceholder('结束日期');
      for (let attempt = 1; ; attempt++) {
        for (const [input, value] of [[start, from], [end, to]] as const) {
          await input.click();
          await input.fill(value);
          await input.press('Enter');
        }
        await container.page().locator('.el-date-range-picker:visible').first().waitFor({ state: 'hidden' });
        const held = [await start.inputValue(), await end.inputValue()];
        if (held[0] === from && held[1] === to) return;
        if (attempt === 3) throw new Error(`the range picker holds ${held.join('..')} instead of ${from}..${to}`);
      }
    },
    /**
     * Waits for what a submission leads to: `expected`, or a refusal shown on the screen (a field
     * error or an error message). A refusal fails with the screen's own words instead of a bare
     * timeout, and a slow machine gets a minute rather than the default 30 s.
     */
    async outcome(page: Page, expected: Locator, timeout = 60_000) {
      const refusal = page.locator('.el-form-item__error:visible, .el-message--error:visible');
      await expected.or(refusal).first().waitFor({ timeout });
      if (await expected.isVisible()) return;
      const said = (await refusal.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
      const api = refusals.get(page)?.at(-1);
      throw new Error(`refused on ${page.url()} instead of ${expected}: ${said.join(' | ')}${api ? `; the API answered ${api}` : ''}`);
    },
    /** Every problem seen on any page so far. */
    problems: () => watched.flat(),
  };
}
