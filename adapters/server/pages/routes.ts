import { createReadStream, statSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { machines } from '../../../machines/index.js';
import { describeWorkflow } from '../../../src/diagrams/mermaid.js';
import { pageContentSecurityPolicy } from './html.js';
import { resolveMermaidAsset } from '../../http/mermaid-asset.js';
import { workflowsPageHtml } from './workflows-html.js';
import { workflowsPageScript, workflowsPageScriptVersion } from './workflows-script.js';

export interface PageRoutesOptions {
  /** Where the API is mounted (its /workflows JSON). */
  apiPrefix: string;
  /** Where the interactive API docs are. */
  apiDocs: string;
}

// Asset URLs carry a version query, so a year of caching never serves a stale file after an upgrade.
const yearLong = 'public, max-age=31536000, immutable';
const javascript = 'text/javascript; charset=utf-8';

/**
 * The bundled server's pages: `/workflows` (the three machines'
 * diagrams drawn in the browser, with their state and event tables) and
 * the scripts they load from `/assets/`. Everything is served from this
 * process: the browser needs no network beyond the server.
 *
 * @example
 * await app.register(pageRoutes, { apiPrefix: '/api/v1', apiDocs: '/docs' });
 */
export const pageRoutes: FastifyPluginAsync<PageRoutesOptions> = async (app, options) => {
  const mermaid = resolveMermaidAsset();
  if (!mermaid) app.log.warn('mermaid is not installed: /workflows shows the diagram sources without drawing them');
  const mermaidSize = mermaid ? statSync(mermaid.path).size : 0;
  const workflows = Object.entries(machines).map(([name, machine]) => describeWorkflow(name, machine));
  const workflowsHtml = workflowsPageHtml(workflows, {
    mermaidScript: `/assets/mermaid.min.js?v=${mermaid?.version ?? 'missing'}`,
    pageScript: `/assets/workflows-page.js?v=${workflowsPageScriptVersion}`,
    apiDocs: options.apiDocs,
    workflowsJson: `${options.apiPrefix}/workflows`,
    home: '/',
  });

  const sendPage = (reply: FastifyReply, html: string) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', pageContentSecurityPolicy)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .send(html);

  app.get('/workflows', async (_request, reply) => sendPage(reply, workflowsHtml));
  app.get('/assets/workflows-page.js', async (_request, reply) =>
    reply.type(javascript).header('cache-control', yearLong).header('x-content-type-options', 'nosniff').send(workflowsPageScript),
  );
  app.get('/assets/mermaid.min.js', async (_request, reply) => {
    if (!mermaid) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '未安装 mermaid，无法提供流程图脚本' } });
    }
    return reply
      .type(javascript)
      .header('cache-control', yearLong)
      .header('x-content-type-options', 'nosniff')
      .header('content-length', mermaidSize)
      .send(createReadStream(mermaid.path));
  });
};
