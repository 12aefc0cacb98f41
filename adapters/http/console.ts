import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { workflowError } from '../../src/errors.js';
import { resolveMermaidAsset } from './mermaid-asset.js';

export interface ConsolePluginOptions {
  /** The built console (default: `dist/web` of this package, as `npm run build` writes it). */
  root?: string;
  /**
   * Paths that are never the console's, so an unknown URL under them gets the API's JSON 404
   * instead of the console page (default: `['/api/']`).
   */
  reservedPrefixes?: string[];
}

/**
 * The Content-Security-Policy of the console: everything from this origin, no inline or evaluated
 * script. Mermaid writes `<style>` into its diagrams (hence inline styles), and attachments are
 * previewed from `blob:` URLs the console creates from the API's answers.
 *
 * @example
 * reply.header('content-security-policy', consoleContentSecurityPolicy);
 */
export const consoleContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Where the built console is: `dist/web` next to this file's build, or the package's when run from source.
 *
 * @example
 * const root = defaultConsoleRoot(); // …/node_modules/probation-workflow/dist/web
 */
export function defaultConsoleRoot(): string {
  const candidates = ['../../web', '../../dist/web'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/**
 * The web console (Vue 3 + Element Plus, adapters/web) at `/`: its hashed files under `/console/`
 * (cached for a year) and its page for every other GET that asks for HTML, so a reload of
 * `/applications/…` opens that screen (history fallback). The console talks to the API at
 * `/api/v1` only; register {@link probationPlugin} there too.
 *
 * @example
 * await app.register(probationPlugin, { engine, prefix: '/api/v1' });
 * await app.register(probationConsole);
 */
export const probationConsole: FastifyPluginAsync<ConsolePluginOptions> = async (app, options) => {
  const root = options.root ?? defaultConsoleRoot();
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    throw workflowError('INTERNAL', `控制台尚未构建：找不到 ${indexFile}（请先运行 npm run build）`);
  }
  // Read once: the page is small, and a rebuild means a restart (hashed file names change with it).
  const indexHtml = readFileSync(indexFile, 'utf8');
  const reserved = options.reservedPrefixes ?? ['/api/'];

  await app.register(fastifyStatic, {
    root: join(root, 'console'),
    prefix: '/console/',
    // File names carry their content hash: a year of caching never serves a stale file.
    immutable: true,
    maxAge: '365d',
    dotfiles: 'ignore',
    index: false,
    decorateReply: false,
    setHeaders: (reply) => reply.header('x-content-type-options', 'nosniff'),
  });

  const sendPage = (reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', consoleContentSecurityPolicy)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(indexHtml);

  // The diagrams are drawn by the installed mermaid package's browser bundle (an optional peer
  // dependency, as for /workflows), not built into the console: 3 MB the package need not carry twice.
  // Without it the console shows each machine's Mermaid source instead.
  const mermaid = resolveMermaidAsset();
  app.get('/console/mermaid.min.js', async (_request, reply) => {
    if (!mermaid) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '未安装 mermaid，无法提供流程图脚本' } });
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('content-length', statSync(mermaid.path).size)
      .send(createReadStream(mermaid.path));
  });

  app.get('/', async (_request, reply) => sendPage(reply));
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const wantsPage = /text\/html/.test(String(request.headers.accept ?? '')) && !/\.[a-z0-9]+$/i.test(path);
    if (!wantsPage || reserved.some((prefix) => path.startsWith(prefix))) return reply.callNotFound();
    return sendPage(reply);
  });
};
