import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Actor } from '../../src/engine/actor.js';
import type { Engine } from '../../src/engine/engine.js';
import { workflowError } from '../../src/errors.js';
import { errorHandler } from './error-handler.js';
import { workflowRoutes } from './routes/workflows.js';

export interface ProbationPluginOptions {
  engine: Engine;
  /** Resolves the acting account of a request; null when unauthenticated. A host passes its own. */
  authenticate?: (request: FastifyRequest) => Promise<Actor | null> | Actor | null;
}

/**
 * The HTTP adapter. Register it with a prefix; it is deliberately not
 * wrapped with fastify-plugin, so its error handler and routes stay inside
 * its own context and do not leak into the host.
 *
 * @example
 * await app.register(probationPlugin, { engine, prefix: '/api/v1' });
 */
export const probationPlugin: FastifyPluginAsync<ProbationPluginOptions> = async (app, options) => {
  if (!options.engine) throw workflowError('INTERNAL', 'probationPlugin requires an engine');
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });
  await app.register(workflowRoutes);
};

export type { ErrorBody } from './error-handler.js';
