import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { requireActor } from '../auth.js';
import { errorResponses, jsonResponse } from '../schemas/common.js';
import { outboxPageSchema, outboxQuery } from '../schemas/institutions.js';

/** GET /outbox (admin): the notifications sent through the default Notifier (SPEC §5.4). */
export const outboxRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/outbox',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'listOutbox',
        summary: '通知记录',
        description: '引擎发出的通知（短信等），最新在前；手机号脱敏，验证码与激活码不显示。仅管理员。',
        security: [{ bearer: [] }],
        querystring: outboxQuery,
        response: { 200: jsonResponse(outboxPageSchema, '通知记录（分页，不含验证码与激活码）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN') },
      },
    },
    async (request) => engine.onboarding.outbox(requireActor(request), request.query),
  );
};
