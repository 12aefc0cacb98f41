import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { machines } from '../../../machines/index.js';
import { describeWorkflow } from '../../../src/diagrams/mermaid.js';
import { workflowError } from '../../../src/errors.js';
import { errorResponses, jsonResponse, publicSecurity } from '../schemas/common.js';

const label = z.object({ zh: z.string(), en: z.string() });
const workflowSchema = z
  .object({
    name: z.string().meta({ example: 'application' }),
    label,
    version: z.string(),
    states: z.array(z.object({ path: z.string(), label, type: z.string(), absent: z.boolean() })),
    events: z.array(
      z.object({ type: z.string(), label, roles: z.array(z.string()), description: z.string().optional() }),
    ),
    mermaid: z.string().meta({ description: 'Mermaid stateDiagram-v2' }),
  })
  .meta({ id: 'Workflow' });

/** GET /workflows and /workflows/:name: states, events, labels, roles and the Mermaid diagram of each machine (public). */
export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const descriptions = Object.entries(machines).map(([name, machine]) => describeWorkflow(name, machine));
  app.get(
    '/workflows',
    {
      schema: {
        tags: ['workflows'],
        operationId: 'listWorkflows',
        security: publicSecurity,
        summary: '全部流程',
        description: '三个状态机（机构、业务账号、申报）的状态、事件、中文标签、角色与 Mermaid 图。',
        response: { 200: jsonResponse(z.object({ items: z.array(workflowSchema) }), '全部流程定义'), ...errorResponses('VALIDATION_FAILED') },
      },
    },
    async () => ({ items: descriptions }),
  );
  app.get(
    '/workflows/:name',
    {
      schema: {
        tags: ['workflows'],
        operationId: 'getWorkflow',
        security: publicSecurity,
        summary: '单个流程',
        description: '按名称（institution、businessAccount、application）取一个状态机的状态、事件、中文标签、角色与 Mermaid 图。',
        params: z.object({ name: z.string().max(50).meta({ example: 'application' }) }),
        response: { 200: jsonResponse(workflowSchema, '流程定义'), ...errorResponses('NOT_FOUND') },
      },
    },
    async (request) => {
      const found = descriptions.find((d) => d.name === request.params.name);
      if (!found) throw workflowError('NOT_FOUND', `没有名为 ${request.params.name} 的流程`);
      return found;
    },
  );
};
