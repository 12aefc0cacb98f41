import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { requireActor } from '../auth.js';
import { errorResponses, jsonResponse, timestamp, uuidParam } from '../schemas/common.js';

export const historyEntrySchema = z
  .object({
    seq: z.number().int(),
    from: z.string().nullable(),
    to: z.string(),
    event: z.string(),
    payload: z.record(z.string(), z.unknown()),
    actorId: z.string().nullable(),
    actorRole: z.string(),
    at: timestamp(),
  })
  .meta({ id: 'HistoryEntry' });

/** GET /applications/:id/history: every transition of one application, in order. */
export const historyRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/applications/:id/history',
    {
      schema: {
        tags: ['applications'],
        operationId: 'getApplicationHistory',
        summary: '申报历史',
        description: '申报的全部状态变更（含操作人、审核说明与当时的提示信息），按顺序。',
        security: [{ bearer: [] }],
        params: z.object({ id: uuidParam }),
        response: { 200: jsonResponse(z.object({ items: z.array(historyEntrySchema) }), '申报的全部历史记录（按序号）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND') },
      },
    },
    async (request) => ({ items: await engine.applications.history(request.params.id, requireActor(request)) }),
  );
};
