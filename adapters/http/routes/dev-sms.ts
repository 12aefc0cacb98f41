import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { listDevSms } from '../../../src/notifications/inbox-sms.js';
import { requireActor } from '../auth.js';
import { errorResponses, jsonResponse, paginationQuery, timestamp } from '../schemas/common.js';

const devSmsPage = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        outboxId: z.number().int().nullable(),
        topic: z.string().meta({ example: 'institution.queryCode' }),
        phone: z.string().meta({ description: '完整手机号（仅开发环境）', example: '13800000000' }),
        text: z.string().meta({ description: '短信全文，含验证码/激活码', example: '您正在查询机构注册申请结果，验证码：123456，10分钟内有效。如非本人操作，请忽略本短信。' }),
        params: z.record(z.string(), z.string()),
        createdAt: timestamp(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'DevSmsPage' });

/** GET /dev/sms (admin): the development inbox of SMS_PROVIDER=inbox, full texts with their codes. */
export const devSmsRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/dev/sms',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'listDevelopmentTexts',
        summary: '开发短信收件箱',
        description: '仅在 SMS_PROVIDER=inbox（开发、演示）时存在：短信全文（含验证码、激活码），最新在前。仅管理员。',
        security: [{ bearer: [] }],
        querystring: paginationQuery.extend({ phone: z.string().max(20).optional().meta({ description: '按手机号筛选' }) }),
        response: { 200: jsonResponse(devSmsPage, '开发收件箱中的短信（新的在前）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN') },
      },
    },
    async (request) => listDevSms(engine.db, requireActor(request), request.query),
  );
};
