import { isUtf8 } from 'node:buffer';
import type { FastifyPluginAsync } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Engine } from '../../src/create-engine.js';
import { validationFailed, workflowError } from '../../src/errors.js';
import { nulCharacterIssues } from '../../src/engine/input-text.js';
import { bearerAuthenticate, type Authenticate } from './auth.js';
import { errorHandler } from './error-handler.js';
import { operationExamples } from './examples.js';
import { describeHeadersAndUploads, openApiRoot, pruneUnusedComponents } from './openapi.js';
import { departmentRoutes } from './routes/departments.js';
import { physicianRoutes } from './routes/physicians.js';
import { historyRoutes } from './routes/history.js';
import { sessionRoutes } from './routes/sessions.js';
import { workflowRoutes } from './routes/workflows.js';
import { projectRoutes } from './routes/projects.js';
import { applicationRoutes } from './routes/applications.js';
import { activationRoutes } from './routes/activations.js';
import { attachmentRoutes } from './routes/attachments.js';
import { businessAccountRoutes } from './routes/business-accounts.js';
import { institutionRoutes } from './routes/institutions.js';
import { outboxRoutes } from './routes/outbox.js';
import { devSmsRoutes } from './routes/dev-sms.js';
import { registrationRoutes } from './routes/registrations.js';
import { documentRoutes } from './routes/documents.js';

export interface ProbationPluginOptions {
  engine: Engine;
  /**
   * Resolves the acting account of a request; null when unauthenticated.
   * Defaults to bearer tokens of the engine's own sessions. A host passes
   * its own, and the engine's permission checks still apply to the actor
   * it returns.
   */
  authenticate?: Authenticate;
  /** Requests per minute per IP on the public endpoints (registration, codes, activation, login). Default 30. */
  rateLimitPublic?: number;
  /** Serve interactive API docs at `<prefix>/docs` (default true). */
  docs?: boolean;
  /** A link shown at the top of the interactive docs (OpenAPI externalDocs there only; openapi.json is unchanged). */
  docsLink?: { url: string; description: string };
  /** Largest accepted upload in bytes (default 10 MiB, SPEC §4.2). */
  maxFileBytes?: number;
  /** Serve `GET <prefix>/dev/sms`, the development SMS inbox (only with the inbox provider). */
  devSmsInbox?: boolean;
}

/**
 * The HTTP adapter of SPEC §5. Register it with a prefix; it is
 * deliberately not wrapped with fastify-plugin, so its validator,
 * serializer, error handler, hooks and routes stay inside its own context
 * and the host's are untouched.
 *
 * @example
 * declare function myActorFrom(request: unknown): Promise<Actor | null>; // the host's own authentication
 * await app.register(probationPlugin, { engine, prefix: '/api/v1' });
 * await app.register(probationPlugin, { engine, prefix: '/probation', authenticate: async (req) => myActorFrom(req) });
 */
export const probationPlugin: FastifyPluginAsync<ProbationPluginOptions> = async (parent, options) => {
  if (!options?.engine) throw workflowError('INTERNAL', 'probationPlugin requires an engine');
  const { engine } = options;
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });

  // JSON must be UTF-8 (RFC 8259): invalid bytes are refused by field, not turned into U+FFFD and stored.
  // Replaced inside this plugin's context only; the host's parser is untouched.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if (!isUtf8(body as Buffer)) {
      done(validationFailed([{ field: '', code: 'invalidUtf8', message: '请求体不是有效的 UTF-8 编码' }]), undefined);
      return;
    }
    parseJson(request, (body as Buffer).toString('utf8'), done);
  });

  const authenticate = options.authenticate ?? bearerAuthenticate(engine);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = (await authenticate(request)) ?? null;
  });

  // Answers carry 身份证号, phones, tokens and codes: never cached by a browser or proxy, never sniffed.
  // Authenticated answers and every write (login, 申请查询, activation answer with secrets) are no-store.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.actor || request.method !== 'GET') reply.header('cache-control', 'no-store');
    return payload;
  });

  // NUL cannot be stored in PostgreSQL text: refuse it by field before any handler runs.
  app.addHook('preValidation', async (request) => {
    const issues = [
      ...nulCharacterIssues(request.body).map((i) => ({ ...i, in: 'body' })),
      ...nulCharacterIssues(request.query).map((i) => ({ ...i, in: 'querystring' })),
      ...nulCharacterIssues(request.params).map((i) => ({ ...i, in: 'params' })),
    ];
    if (issues.length) throw validationFailed(issues);
  });

  await app.register(fastifyRateLimit, {
    global: false,
    // The error handler turns this into RATE_LIMITED with the API's body.
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limited, retry in ${context.after}`), { statusCode: 429 }),
  });
  const publicRateLimit = { max: options.rateLimitPublic ?? 30, timeWindow: 60_000 };
  const maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
  // Registered here, inside the plugin, so the host's content-type parsers are untouched.
  // Files are streamed by the routes (request.parts()), never buffered whole.
  await app.register(fastifyMultipart, {
    limits: { fileSize: maxFileBytes, files: 5, fields: 20, fieldSize: 10_000, parts: 30, headerPairs: 100 },
  });

  await app.register(fastifySwagger, {
    openapi: { openapi: '3.1.0', ...openApiRoot() },
    transform: jsonSchemaTransform,
    transformObject: (document) => describeHeadersAndUploads(pruneUnusedComponents(jsonSchemaTransformObject(document)), operationExamples),
  });
  if (options.docs !== false) {
    const docsLink = options.docsLink;
    await app.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      // swagger-ui writes its asset URLs from routePrefix alone; without the mount prefix `<prefix>/docs` loads nothing.
      indexPrefix: app.prefix,
      ...(docsLink ? { transformSpecification: (spec) => ({ ...spec, externalDocs: docsLink }) } : {}),
    });
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(workflowRoutes);
  await app.register(departmentRoutes, { engine });
  await app.register(sessionRoutes, { engine, publicRateLimit });
  await app.register(historyRoutes, { engine });
  // Routes of later areas are registered below, one line each (they receive { engine, publicRateLimit, maxFileBytes }).
  await app.register(registrationRoutes, { engine, publicRateLimit, maxFileBytes });
  await app.register(activationRoutes, { engine, publicRateLimit });
  await app.register(institutionRoutes, { engine });
  await app.register(businessAccountRoutes, { engine });
  await app.register(attachmentRoutes, { engine });
  await app.register(outboxRoutes, { engine });
  if (options.devSmsInbox) await app.register(devSmsRoutes, { engine });
  await app.register(physicianRoutes, { engine });
  await app.register(projectRoutes, { engine });
  await app.register(applicationRoutes, { engine, maxFileBytes });
  await app.register(documentRoutes, { engine, publicRateLimit });
  void maxFileBytes;
};

export type { ErrorBody } from './error-handler.js';
export type { Authenticate } from './auth.js';
export { bearerAuthenticate } from './auth.js';
