import type { WorkflowDescription } from '../../../src/diagrams/mermaid.js';
import { foldedGuards } from '../../../src/diagrams/mermaid.js';
import { escapeHtml as e } from './html.js';
import { pageStyle } from './page-style.js';

/** Where the page finds its scripts and neighbours; the server fills it in. */
export interface WorkflowsPageLinks {
  mermaidScript: string;
  pageScript: string;
  apiDocs: string;
  workflowsJson: string;
  home: string;
}

/**
 * The HTML of GET /workflows: for every machine its Mermaid diagram (drawn in
 * the browser by the page script, the source kept as text so the page reads
 * without scripts too), its states with Chinese and English labels, and its
 * events with the roles that may send them. The descriptions are the ones
 * GET /api/v1/workflows and docs/workflows.md are made from, so the three
 * cannot disagree.
 *
 * @example
 * const html = workflowsPageHtml(Object.entries(machines).map(([n, m]) => describeWorkflow(n, m)), links);
 */
export function workflowsPageHtml(workflows: readonly WorkflowDescription[], links: WorkflowsPageLinks): string {
  const toc = workflows.map((w) => `<li><a href="#${e(w.name)}">${e(w.label.zh)}</a> <span class="en">${e(w.label.en)}</span></li>`);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>流程图 · probation-workflow</title>
<link rel="icon" href="data:,">
<style>${pageStyle}</style>
<script src="${e(links.mermaidScript)}" defer></script>
<script src="${e(links.pageScript)}" defer></script>
</head>
<body data-diagrams="pending">
<header>
<h1>流程图 <span class="en">Workflows</span></h1>
<nav aria-label="相关页面"><a href="${e(links.home)}">首页</a> · <a href="${e(links.apiDocs)}">接口文档（API docs）</a> · <a href="${e(links.workflowsJson)}">JSON</a></nav>
<p>医师资格考试试用期考核证明申报管理（业务19）的三个状态机，由机器定义直接生成。每个状态写中文名称；每条边写事件及可能拒绝它的规则（方括号内为规则名）。</p>
<p>${e(foldedGuards.join('、'))} 规则约束申报流程除 CLOSE 以外的全部事件，图中不再逐边标注。</p>
<p id="diagram-status" role="status">正在绘制流程图…</p>
<ul class="toc">${toc.join('')}</ul>
</header>
<main>
${workflows.map(workflowSection).join('\n')}
</main>
</body>
</html>
`;
}

function workflowSection(w: WorkflowDescription): string {
  const id = e(w.name);
  const states = w.states.map(
    (s) =>
      `<tr><td><code>${e(s.path)}</code></td><td lang="zh-CN">${e(s.label.zh)}</td><td lang="en">${e(s.label.en)}</td><td>${e(s.type)}${s.absent ? '（不存储）' : ''}</td></tr>`,
  );
  const events = w.events.map(
    (ev) =>
      `<tr><td><code>${e(ev.type)}</code></td><td lang="zh-CN">${e(ev.label.zh)}</td><td lang="en">${e(ev.label.en)}</td><td>${e(ev.roles.join(', '))}${ev.description ? `<br><small>${e(ev.description)}</small>` : ''}</td></tr>`,
  );
  return `<section id="${id}" class="workflow" data-workflow="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${e(w.label.zh)} <span class="en">${e(w.label.en)} · <code>${id}</code> · v${e(w.version)}</span></h2>
<figure>
<pre class="mermaid" aria-label="${e(w.label.zh)}状态图">${e(w.mermaid)}</pre>
<figcaption>${e(w.label.zh)}：状态与转换（事件 中文名 [规则]）</figcaption>
</figure>
<details><summary>Mermaid 源码</summary><pre class="source"><code>${e(w.mermaid)}</code></pre></details>
<table class="states">
<caption>${e(w.label.zh)} · 状态</caption>
<thead><tr><th scope="col">状态</th><th scope="col">中文</th><th scope="col">English</th><th scope="col">类型</th></tr></thead>
<tbody>${states.join('')}</tbody>
</table>
<table class="events">
<caption>${e(w.label.zh)} · 事件</caption>
<thead><tr><th scope="col">事件</th><th scope="col">中文</th><th scope="col">English</th><th scope="col">谁可以发送</th></tr></thead>
<tbody>${events.join('')}</tbody>
</table>
</section>`;
}
