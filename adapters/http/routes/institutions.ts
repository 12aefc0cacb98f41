import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { requireActor } from '../auth.js';
import { errorResponses, idempotencyHeaders, jsonResponse, uuidParam } from '../schemas/common.js';
import {
  checkCodeSchema,
  institutionDetailSchema,
  institutionEventBody,
  institutionListQuery,
  institutionPageSchema,
} from '../schemas/institutions.js';

/**
 * The exam district's review (SPEC §5.2): GET /institutions,
 * GET /institutions/:id, POST /institutions/:id/events, and the check code
 * GET / POST /institutions/:id/check-code.
 */
export const institutionRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/institutions',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'listInstitutions',
        summary: '机构注册列表',
        description: '考区审核员看到本部门及下级部门的机构注册，管理员看到全部；可按状态筛选，按名称、统一社会信用代码、机构证号或登记号搜索。',
        security: [{ bearer: [] }],
        querystring: institutionListQuery,
        response: { 200: jsonResponse(institutionPageSchema, '调用者可见的机构注册（分页）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN') },
      },
    },
    async (request) => engine.onboarding.listInstitutions(requireActor(request), request.query),
  );

  app.get(
    '/institutions/:id',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'getInstitution',
        summary: '机构注册详情',
        description: '注册信息、红绿提示（统一社会信用代码校验位）、附件与全部历史。范围之外的机构为 404。',
        security: [{ bearer: [] }],
        params: z.object({ id: uuidParam }),
        response: { 200: jsonResponse(institutionDetailSchema, '机构注册详情（含附件与历史）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND') },
      },
    },
    async (request) => engine.onboarding.getInstitution(request.params.id, requireActor(request)),
  );

  app.post(
    '/institutions/:id/events',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'sendInstitutionEvent',
        summary: '机构审核事件',
        description:
          'APPROVE（审核通过：发放机构证号与激活码，短信通知管理员手机；红色提示时须填写原因）、REJECT、RETURN（须填写原因）、' +
          'REISSUE_CODE（重新生成激活码并短信发送）、DISABLE（须填写原因）/ENABLE（管理员）。返回与 GET 相同的机构详情。',
        security: [{ bearer: [] }],
        headers: idempotencyHeaders,
        params: z.object({ id: uuidParam }),
        body: institutionEventBody,
        response: {
          200: jsonResponse(institutionDetailSchema, '事件已受理：事件后的机构注册详情'),
          ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION', 'VERSION_CONFLICT', 'REASON_REQUIRED', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
    },
    async (request) => {
      const { expectedVersion, ...event } = request.body;
      const key = request.headers['idempotency-key'];
      return engine.onboarding.sendInstitutionEvent(request.params.id, event, requireActor(request), {
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      });
    },
  );

  app.get(
    '/institutions/:id/check-code',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'getCheckCode',
        summary: '查看校验码',
        description: '机构的6位校验码：考生以登记号 + 校验码绑定当前试用机构。机构主账号、所辖考区与管理员可查看。',
        security: [{ bearer: [] }],
        params: z.object({ id: uuidParam }),
        response: { 200: jsonResponse(checkCodeSchema, '机构的校验码'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND') },
      },
    },
    async (request) => engine.onboarding.checkCode(request.params.id, requireActor(request)),
  );

  app.post(
    '/institutions/:id/check-code',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'rotateCheckCode',
        summary: '重新生成校验码',
        description: '生成新的6位校验码，原校验码作废（记入审计日志）。机构审核通过后方可。',
        security: [{ bearer: [] }],
        params: z.object({ id: uuidParam }),
        response: { 200: jsonResponse(checkCodeSchema, '新的校验码（旧码立即失效）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION') },
      },
    },
    async (request) => engine.onboarding.rotateCheckCode(request.params.id, requireActor(request)),
  );
};
