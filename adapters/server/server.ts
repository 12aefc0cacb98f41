import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import { sql } from 'kysely';
import type { Engine } from '../../src/create-engine.js';
import { createLogger } from '../../src/logging/logger.js';
import { probationPlugin } from '../http/plugin.js';
import { errorHandler } from '../http/error-handler.js';
import { pageRoutes } from './pages/routes.js';
import { defaultConsoleRoot, probationConsole } from '../http/console.js';

export interface BuildServerOptions {
  engine: Engine;
  /** A logger (scrubbed pino from createLogger by default), or false for none. */
  logger?: FastifyBaseLogger | false;
  logLevel?: string;
  /** Requests per minute per IP on the public endpoints (default 30). */
  rateLimitPublic?: number;
  /**
   * Fastify's trustProxy: false (default: the socket's address is the client),
   * a number of proxy hops, or the proxies' addresses/CIDRs.
   */
  trustProxy?: boolean | number | string[];
  /** Serve the development SMS inbox at /api/v1/dev/sms (SMS_PROVIDER=inbox). */
  devSmsInbox?: boolean;
  /** Serve the web console at `/` (default true; it must have been built: `npm run build`). */
  console?: boolean;
  /** Where the built console is (default `dist/web`). */
  consoleRoot?: string;
}

/**
 * The bundled server: the web console at `/`, health probes and the workflows page at the root,
 * and the API under /api/v1.
 * Separate from `serve` so tests drive it with `inject()` without a socket.
 *
 * @example
 * const app = await buildServer({ engine });
 * const res = await app.inject({ method: 'GET', url: '/readyz' });
 */
// A hop count becomes proxy-addr's trust function: trust the n nearest hops.
function trustProxyOption(value: boolean | number | string[] | undefined): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value ?? false;
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const loggerInstance =
    options.logger === false ? createLogger({ level: 'silent' }) : (options.logger ?? createLogger({ level: options.logLevel ?? 'info' }));
  const app = Fastify({
    loggerInstance,
    // Requests are logged where they matter (errors, audit); per-request info logs halve throughput.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(options.trustProxy),
    // The router's own refusals (a URL with broken percent-encoding) get the API's error body too.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  }) as unknown as FastifyInstance;
  const { engine } = options;

  // Security headers on every route, Swagger UI and the pages included: no framing (clickjacking),
  // no referrer leaving the server, no MIME sniffing. Pages set a stricter CSP of their own.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'frame-ancestors': ["'none'"],
        'connect-src': ["'self'"],
        // Intranet deployments serve plain HTTP: do not rewrite asset URLs to https.
        'upgrade-insecure-requests': null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });

  // Outside /api/v1 too, every refusal has the API's error body.
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await withTimeout(sql`select 1`.execute(engine.db), 2000);
      return { status: 'ready', database: 'up' };
    } catch {
      return reply.code(503).send({ error: { code: 'DATABASE_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试' } });
    }
  });
  app.get('/docs', async (_request, reply) => reply.redirect('/api/v1/docs'));
  await app.register(pageRoutes, { apiPrefix: '/api/v1', apiDocs: '/docs' });
  await app.register(probationPlugin, {
    engine,
    prefix: '/api/v1',
    docsLink: { url: '/workflows', description: '流程图（三个状态机）Workflow diagrams' },
    ...(options.rateLimitPublic !== undefined ? { rateLimitPublic: options.rateLimitPublic } : {}),
    ...(options.devSmsInbox ? { devSmsInbox: true } : {}),
  });
  if (options.console !== false) {
    const root = options.consoleRoot ?? defaultConsoleRoot();
    // `npm start` always builds it; a server started from an unbuilt checkout (a test run) says so and goes on.
    if (existsSync(join(root, 'index.html'))) await app.register(probationConsole, { root });
    else app.log.warn({ root }, 'the web console is not built (npm run build): / is not served');
  }
  return app;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]);
}
