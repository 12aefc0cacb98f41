import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { callerOrPublic } from '../auth.js';
import { errorResponses, jsonResponse, publicSecurity } from '../schemas/common.js';
import { activationBody, activationResultSchema } from '../schemas/institutions.js';

/** POST /activations: 账号激活 of an institution main account or a business account (SPEC §5.1). */
export const activationRoutes: FastifyPluginAsyncZod<{ engine: Engine; publicRateLimit: object }> = async (app, { engine, publicRateLimit }) => {
  app.post(
    '/activations',
    {
      config: { rateLimit: publicRateLimit },
      schema: {
        tags: ['sessions'],
        operationId: 'activateAccount',
        security: publicSecurity,
        summary: '账号激活',
        description:
          '以机构证号或业务账号和激活码激活账号并设置密码（至少8位，含大写、小写、数字、符号中的三种）。激活码须正确、未过期、未使用；' +
          '错误次数过多则作废。激活后用 POST /sessions 登录。',
        body: activationBody,
        response: { 200: jsonResponse(activationResultSchema, '账号已激活，可用新密码登录'), ...errorResponses('VALIDATION_FAILED', 'INVALID_CODE', 'RATE_LIMITED') },
      },
    },
    async (request) => engine.onboarding.activate(request.body, callerOrPublic(request)),
  );
};
