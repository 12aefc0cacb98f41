import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { requireActor } from '../auth.js';
import { errorResponses, idempotencyHeaders, jsonResponse, uuidParam } from '../schemas/common.js';
import {
  businessAccountEventBody,
  businessAccountEventResultSchema,
  businessAccountParams,
  businessAccountRowSchema,
} from '../schemas/institutions.js';

/** The seed's 业务账号 table: GET /institutions/:id/business-accounts and POST …/:code/events (SPEC §5.2). */
export const businessAccountRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/institutions/:id/business-accounts',
    {
      schema: {
        tags: ['business-accounts'],
        operationId: 'listBusinessAccounts',
        summary: '业务账号列表',
        description: '十项业务（序号、业务编码、业务名称、业务账号、状态、是否激活），未生成的业务账号为 null（点我生成）。',
        security: [{ bearer: [] }],
        params: z.object({ id: uuidParam }),
        response: {
          200: jsonResponse(z.object({ items: z.array(businessAccountRowSchema) }), '十个业务账号行（按业务编码顺序，未生成的也列出）'),
          ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'),
        },
      },
    },
    async (request) => ({ items: await engine.onboarding.businessAccounts(request.params.id, requireActor(request)) }),
  );

  app.post(
    '/institutions/:id/business-accounts/:code/events',
    {
      schema: {
        tags: ['business-accounts'],
        operationId: 'sendBusinessAccountEvent',
        summary: '业务账号事件',
        description:
          'GENERATE（点我生成，机构主账号激活后）：生成业务账号 WS-<5位机构序号>-<3位部门代码>-<业务编码>，返回仅显示一次的激活码；' +
          'REISSUE_CODE：重新生成激活码；DISABLE / ENABLE：停用、启用（机构主账号或管理员）。',
        security: [{ bearer: [] }],
        headers: idempotencyHeaders,
        params: businessAccountParams,
        body: businessAccountEventBody,
        response: {
          200: jsonResponse(businessAccountEventResultSchema, '事件已受理：业务账号（生成或重发时含一次性激活码）'),
          ...errorResponses(
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'NOT_FOUND',
            'INVALID_TRANSITION',
            'VERSION_CONFLICT',
            'INSTITUTION_NOT_ACTIVE',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
    },
    async (request) => {
      const { expectedVersion, ...event } = request.body;
      const key = request.headers['idempotency-key'];
      return engine.onboarding.sendBusinessAccountEvent(request.params.id, request.params.code, event, requireActor(request), {
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      });
    },
  );
};
