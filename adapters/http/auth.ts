import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../src/engine/actor.js';
import type { Engine } from '../../src/create-engine.js';
import { workflowError } from '../../src/errors.js';

/** How the plugin learns who is calling; a host passes its own. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor | null> | Actor | null;

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, resolved once per request by the plugin; null when unauthenticated. */
    actor: Actor | null;
  }
}

/**
 * The default authentication: `Authorization: Bearer <token>` looked up in
 * the engine's sessions. A missing or unknown token is simply no actor;
 * routes that need one answer 401.
 *
 * @example
 * app.register(probationPlugin, { engine, authenticate: bearerAuthenticate(engine) });
 */
export function bearerAuthenticate(engine: Engine): Authenticate {
  return async (request) => {
    const token = bearerToken(request);
    return token ? engine.accounts.authenticate(token, request.ip) : null;
  };
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/**
 * The request's actor, or UNAUTHENTICATED (401).
 *
 * @example
 * const actor = requireActor(request);
 */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw workflowError('UNAUTHENTICATED');
  return request.actor;
}

/** The actor for public endpoints: the caller if logged in, otherwise an anonymous public actor with the IP. */
export function callerOrPublic(request: FastifyRequest): Actor {
  return request.actor ?? Object.freeze({ id: null, kind: 'public', ip: request.ip });
}
