import { createHash } from 'node:crypto';

/**
 * The workflows page's bootstrap, served as a file (/assets/workflows-page.js)
 * because the page's CSP allows no inline script. It draws every
 * `pre.mermaid` with the locally served mermaid bundle and reports the
 * outcome in the status line and in `data-diagrams` on <body> (rendered |
 * failed), which the browser test waits for.
 */
export const workflowsPageScript = `'use strict';
(function () {
  var body = document.body;
  var status = document.getElementById('diagram-status');
  var nodes = Array.prototype.slice.call(document.querySelectorAll('pre.mermaid'));
  function report(state, text) {
    body.setAttribute('data-diagrams', state);
    if (status) status.textContent = text;
  }
  if (!window.mermaid) {
    report('failed', '流程图脚本未能加载：下面仍列出状态与事件，Mermaid 源码见各图下方。');
    return;
  }
  window.mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'default',
    fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif',
    // Natural size: shrunk to the page width the application machine is unreadable; its figure scrolls instead.
    state: { useMaxWidth: false }
  });
  window.mermaid.run({ nodes: nodes }).then(
    function () {
      report('rendered', '已绘制 ' + nodes.length + ' 张流程图。');
    },
    function (error) {
      report('failed', '流程图绘制失败：' + (error && error.message ? error.message : String(error)));
      console.error(error);
    }
  );
})();
`;

/**
 * A short content hash, used as the script's cache-busting query so it can
 * be cached for a year and still change with a new version of the package.
 *
 * @example
 * `/assets/workflows-page.js?v=${workflowsPageScriptVersion}`;
 */
export const workflowsPageScriptVersion = createHash('sha256').update(workflowsPageScript).digest('hex').slice(0, 12);
