import t from 'tap';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { machines } from '../../../machines/index.js';
import { describeWorkflow, type WorkflowDescription } from '../../../src/diagrams/mermaid.js';
import { escapeHtml } from '../../../adapters/server/pages/html.js';
import { workflowsPageHtml } from '../../../adapters/server/pages/workflows-html.js';
import { testServer } from '../../helpers/server.js';

const { app } = await testServer(t);
const workflows = Object.entries(machines).map(([name, machine]) => describeWorkflow(name, machine));
const mermaidBundle = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/** The src of every <script> of a page, and whether any script is inline. */
const scriptsOf = (html: string) => ({
  sources: [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>/g)].map((m) => m[1]!.replaceAll('&amp;', '&')),
  inline: /<script\b(?![^>]*\bsrc=)[^>]*>/.test(html),
});

t.test('GET /workflows is a UTF-8 HTML page naming the three machines, with a CSP that allows only own scripts', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/workflows' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  const csp = String(res.headers['content-security-policy']);
  t.match(csp, /default-src 'none'/);
  t.match(csp, /script-src 'self'(;|$)/, 'scripts only from the server itself');
  t.notMatch(csp, /script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  for (const label of ['机构注册', '业务账号', '试用期考核证明申报']) t.ok(res.body.includes(label), label);
  for (const name of ['institution', 'businessAccount', 'application']) t.ok(res.body.includes(`id="${name}"`), name);
  t.ok(res.body.includes('href="/docs"'), 'links the API docs');
  t.notOk(scriptsOf(res.body).inline, 'no inline script (the CSP would block it)');
});

t.test('the page carries each machine\'s generated Mermaid source and its state table with Chinese labels', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/workflows' });
  for (const w of workflows) {
    t.ok(res.body.includes(`<pre class="mermaid" aria-label="${w.label.zh}状态图">${escapeHtml(w.mermaid)}</pre>`), `${w.name} diagram source`);
    for (const s of w.states) {
      t.ok(res.body.includes(`<td><code>${s.path}</code></td><td lang="zh-CN">${escapeHtml(s.label.zh)}</td>`), `${w.name} ${s.path}`);
    }
  }
  t.ok(res.body.includes('unitReview_pending --&gt; unitReview_approved : APPROVE 审核通过 [explanationGivenWhenRed'), 'edges name their rules');
});

t.test('the page loads mermaid and its bootstrap from /assets with a version query', async (t) => {
  const page = await app.inject({ method: 'GET', url: '/workflows' });
  const { sources } = scriptsOf(page.body);
  t.equal(sources.length, 2);
  t.match(sources[0], /^\/assets\/mermaid\.min\.js\?v=11\.\d+\.\d+$/);
  t.match(sources[1], /^\/assets\/workflows-page\.js\?v=[0-9a-f]{12}$/);
  for (const src of sources) {
    const res = await app.inject({ method: 'GET', url: src! });
    t.equal(res.statusCode, 200, src);
    t.equal(res.headers['content-type'], 'text/javascript; charset=utf-8', src);
    t.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', src);
    t.equal(res.headers['x-content-type-options'], 'nosniff', src);
  }
});

t.test('GET /assets/mermaid.min.js is the installed package\'s browser bundle, whole', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/assets/mermaid.min.js' });
  t.equal(res.statusCode, 200);
  t.equal(res.rawPayload.length, statSync(mermaidBundle).size);
  t.equal(Number(res.headers['content-length']), statSync(mermaidBundle).size);
  t.ok(res.body.includes('mermaid'), 'the bundle defines mermaid');
});

t.test('GET /assets/workflows-page.js draws the diagrams and reports the outcome on the page', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/assets/workflows-page.js' });
  t.equal(res.statusCode, 200);
  t.match(res.body, /mermaid\.run\(/);
  t.match(res.body, /securityLevel: 'strict'/);
  t.match(res.body, /data-diagrams/);
});

t.test('GET / is the web console, under a CSP without inline or evaluated script', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  t.match(String(res.headers['content-security-policy']), /script-src 'self';/);
  t.notMatch(String(res.headers['content-security-policy']), /unsafe-eval/);
  t.match(res.body, /<div id="app"><\/div>/);
  const script = /src="(\/console\/[^"]+\.js)"/.exec(res.body)?.[1];
  t.ok(script, 'the page loads its script from /console/');
  const asset = await app.inject({ method: 'GET', url: script! });
  t.equal(asset.statusCode, 200);
  t.match(String(asset.headers['cache-control']), /immutable/, 'hashed files are cached for good');
});

t.test('a console screen reloads from its URL; an unknown file or API path is still a 404', async (t) => {
  const screen = await app.inject({ method: 'GET', url: '/review/projects/abc', headers: { accept: 'text/html,application/xhtml+xml' } });
  t.equal(screen.statusCode, 200);
  t.match(screen.body, /<div id="app">/);
  const file = await app.inject({ method: 'GET', url: '/missing.js', headers: { accept: 'text/html' } });
  t.equal(file.statusCode, 404);
  const api = await app.inject({ method: 'GET', url: '/api/v1/missing', headers: { accept: 'text/html' } });
  t.equal(api.statusCode, 404);
  t.equal(api.json().error.code, 'NOT_FOUND');
  const json = await app.inject({ method: 'GET', url: '/review/projects' });
  t.equal(json.statusCode, 404, 'a client that does not ask for HTML gets no page');
});

t.test('the interactive docs link back to the workflows page; openapi.json stays as generated', async (t) => {
  const ui = await app.inject({ method: 'GET', url: '/api/v1/docs/json' });
  t.equal(ui.statusCode, 200);
  t.match(ui.json().externalDocs, { url: '/workflows' });
  const doc = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  t.equal(doc.json().externalDocs, undefined);
});

t.test('the API docs page loads its scripts and styles from under the API prefix, so Swagger UI can start', async (t) => {
  const page = await app.inject({ method: 'GET', url: '/api/v1/docs' });
  t.equal(page.statusCode, 200);
  const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  t.ok(assets.some((url) => url.endsWith('/swagger-ui-bundle.js')));
  for (const url of assets) {
    t.match(url, /^\/api\/v1\/docs\/static\//, url);
    t.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url);
  }
});

t.test('labels and sources are escaped, so markup in a label cannot reach the page as markup', async (t) => {
  const hostile: WorkflowDescription = {
    name: 'x"><script>alert(1)</script>',
    label: { zh: '<img src=x onerror=alert(1)>', en: 'A & B' },
    version: '1',
    states: [{ path: 'a', label: { zh: '</td><script>alert(2)</script>', en: "it's" }, type: 'atomic', absent: false }],
    events: [{ type: 'GO', label: { zh: '走', en: 'Go' }, roles: ['<b>admin</b>'], description: '"quoted"' }],
    mermaid: 'stateDiagram-v2\n  a --> b : </pre><script>alert(3)</script>',
  };
  const html = workflowsPageHtml([hostile], {
    mermaidScript: '/m.js',
    pageScript: '/p.js',
    apiDocs: '/docs',
    workflowsJson: '/api/v1/workflows',
    home: '/',
  });
  t.equal(scriptsOf(html).sources.length, 2);
  t.notOk(/<script>|<img|<b>|<\/pre><script/.test(html), 'no markup from the data');
  t.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  t.ok(html.includes('id="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  t.ok(html.includes('A &amp; B'));
});
