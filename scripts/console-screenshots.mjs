#!/usr/bin/env node
// Regenerates docs/console/*.png: the main screens of the console, as each role sees them with the
// demo data. Starts the bundled server (built by `npm run build`) on a temporary embedded database,
// drives Debian's chromium with playwright-core, and stops the server again.
//
//   npm run docs:screenshots            (CHROMIUM_PATH to use another chromium)
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs/console');
mkdirSync(out, { recursive: true });

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'pw-screenshots-'));
const server = spawn(process.execPath, [join(root, 'dist/adapters/cli/main.js'), 'serve'], {
  cwd: root,
  env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '1', SMS_PROVIDER: 'inbox', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const origin = `http://127.0.0.1:${port}`;
const stop = () => {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('exit', stop);

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${origin}/readyz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 600) throw new Error('the server did not become ready');
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function as(login) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${origin}/login`);
  if (login) {
    await page.getByLabel('账号', { exact: true }).fill(login);
    await page.getByLabel('密码', { exact: true }).fill('Demo@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }
  return page;
}

async function shot(page, name, ready, fullPage = false) {
  if (ready) await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  // No loading mask left (Element Plus's v-loading), so the picture shows the data.
  await page.locator('.el-loading-mask').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  console.log(`docs/console/${name}.png`);
}

const anonymous = await as(null);
await shot(anonymous, 'login', 'form');
await anonymous.goto(`${origin}/register`);
await shot(anonymous, 'register-institution', 'form', true);
await anonymous.goto(`${origin}/registration-query`);
await shot(anonymous, 'registration-query', 'form');

const unit = await as('WS-00000-034-19');
await shot(unit, 'unit-projects', '.el-table__row:has-text("申报中")');
await unit.getByRole('button', { name: '查看' }).first().click();
await shot(unit, 'unit-applicants', '.el-table__row:has-text("赵六")');
await unit.locator('.el-table__row', { hasText: '赵六' }).getByRole('button', { name: '查看' }).click();
await shot(unit, 'unit-application-detail', '.diagram svg', true);

const institution = await as('JG00000');
await shot(institution, 'institution-business-accounts', '.el-table__row:has-text("WS-00000-034-19")');

const candidate = await as('42010219960101051X');
await shot(candidate, 'candidate-my-applications', '.el-table__row:has-text("吴十")');

const district = await as('wuhan');
await shot(district, 'district-institutions', '.el-table__row:has-text("示范社区")');
await district.locator('.el-table__row').first().getByRole('button', { name: '审核' }).click();
await shot(district, 'district-institution-detail', '.diagram svg', true);

const admin = await as('admin');
await shot(admin, 'admin-projects', '.el-table__row:has-text("申报中")');
await admin.getByRole('menuitem', { name: '通知记录' }).click();
await shot(admin, 'admin-outbox', '.el-table__row:has-text("application.")');

await browser.close();
stop();
process.exit(0);
