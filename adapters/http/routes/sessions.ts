import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { bearerToken, requireActor } from '../auth.js';
import { accountSchema, candidateBody, loginBody, meSchema, sessionSchema } from '../schemas/accounts.js';
import { errorResponses, jsonResponse, publicSecurity } from '../schemas/common.js';

/** POST /sessions, DELETE /sessions/current, GET /me, POST /candidates (SPEC §5.1). */
export const sessionRoutes: FastifyPluginAsyncZod<{ engine: Engine; publicRateLimit: object }> = async (app, { engine, publicRateLimit }) => {
  app.post(
    '/sessions',
    {
      config: { rateLimit: publicRateLimit },
      schema: {
        tags: ['sessions'],
        operationId: 'logIn',
        security: publicSecurity,
        summary: '登录',
        description: '用账号和密码登录，返回 Bearer 令牌。连续5次失败锁定30分钟。',
        body: loginBody,
        response: { 201: jsonResponse(sessionSchema, '已登录：会话令牌与账号'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'ACCOUNT_LOCKED', 'RATE_LIMITED') },
      },
    },
    async (request, reply) => reply.code(201).send(await engine.accounts.login(request.body, request.ip)),
  );

  app.delete(
    '/sessions/current',
    {
      schema: {
        tags: ['sessions'],
        operationId: 'logOut',
        summary: '退出登录',
        description: '结束当前会话：令牌立即失效。',
        security: [{ bearer: [] }],
        response: { 204: z.null().describe('已退出'), ...errorResponses('UNAUTHENTICATED') },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const token = bearerToken(request);
      if (token) await engine.accounts.logout(token);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['sessions'],
        operationId: 'getCurrentAccount',
        summary: '当前账号',
        description: '当前登录账号及其所属部门、机构。',
        security: [{ bearer: [] }],
        response: { 200: jsonResponse(meSchema, '当前账号及其机构'), ...errorResponses('UNAUTHENTICATED') },
      },
    },
    async (request) => engine.accounts.me(requireActor(request)),
  );

  app.post(
    '/candidates',
    {
      config: { rateLimit: publicRateLimit },
      schema: {
        tags: ['sessions'],
        operationId: 'registerCandidate',
        security: publicSecurity,
        summary: '考生注册',
        description: '考生用身份证号、姓名、手机号和密码注册账号。',
        body: candidateBody,
        response: { 201: jsonResponse(accountSchema, '已注册的考生账号（用身份证号登录）'), ...errorResponses('VALIDATION_FAILED', 'RATE_LIMITED') },
      },
    },
    async (request, reply) => reply.code(201).send(await engine.accounts.registerCandidate(request.body, request.ip)),
  );
};
