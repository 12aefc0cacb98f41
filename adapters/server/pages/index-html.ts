import { escapeHtml as e } from './html.js';
import { pageStyle } from './page-style.js';

/**
 * The bundled server's front page: what the service is and links to the
 * workflow diagrams, the interactive API docs and the health probes.
 *
 * @example
 * reply.type('text/html; charset=utf-8').send(indexPageHtml({ workflows: '/workflows', apiDocs: '/docs' }));
 */
export function indexPageHtml(links: { workflows: string; apiDocs: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>probation-workflow</title>
<link rel="icon" href="data:,">
<style>${pageStyle}</style>
</head>
<body>
<h1>医师资格考试试用期考核证明申报管理 <span class="en">probation-workflow</span></h1>
<ul>
<li><a href="${e(links.workflows)}">流程图</a> <span class="en">Workflows: the three state machines with their Chinese labels and rules</span></li>
<li><a href="${e(links.apiDocs)}">接口文档</a> <span class="en">API docs (OpenAPI 3.1, Swagger UI)</span></li>
<li><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a></li>
</ul>
</body>
</html>
`;
}
