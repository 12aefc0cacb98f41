import type { FastifyPluginAsync } from 'fastify';
import { machines } from '../../../machines/index.js';
import { describeWorkflow } from '../../../src/diagrams/mermaid.js';
import { workflowError } from '../../../src/errors.js';

/** GET /workflows and /workflows/:name: states, events, labels and the Mermaid diagram of each machine (public). */
export const workflowRoutes: FastifyPluginAsync = async (app) => {
  const descriptions = Object.entries(machines).map(([name, machine]) => describeWorkflow(name, machine));
  app.get('/workflows', async () => ({ items: descriptions }));
  app.get<{ Params: { name: string } }>('/workflows/:name', async (request) => {
    const found = descriptions.find((d) => d.name === request.params.name);
    if (!found) throw workflowError('NOT_FOUND', `没有名为 ${request.params.name} 的流程`);
    return found;
  });
};
