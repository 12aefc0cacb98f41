import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Engine } from '../../src/engine/engine.js';
import { createLogger } from '../../src/logging/logger.js';
import { probationPlugin } from '../http/plugin.js';

export interface BuildServerOptions {
  engine: Engine;
  /** A logger (scrubbed pino from createLogger by default), or false for none. */
  logger?: FastifyBaseLogger | false;
  logLevel?: string;
  /** Requests per minute per IP on the public endpoints (default 30). */
  rateLimitPublic?: number;
}

/**
 * The bundled server: health probes at the root and the API under /api/v1.
 * Separate from `serve` so tests drive it with `inject()` without a socket.
 *
 * @example
 * const app = await buildServer({ engine });
 * const res = await app.inject({ method: 'GET', url: '/readyz' });
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const loggerInstance =
    options.logger === false ? createLogger({ level: 'silent' }) : (options.logger ?? createLogger({ level: options.logLevel ?? 'info' }));
  const app = Fastify({
    loggerInstance,
    // Requests are logged where they matter (errors, audit); per-request info logs halve throughput.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy set trustProxy in a host of your own; the bundled server sees the socket.
    trustProxy: false,
  }) as unknown as FastifyInstance;
  const { engine } = options;

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
  await app.register(probationPlugin, {
    engine,
    prefix: '/api/v1',
    ...(options.rateLimitPublic !== undefined ? { rateLimitPublic: options.rateLimitPublic } : {}),
  });
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
