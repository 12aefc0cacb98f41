import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import type { DepartmentNode } from '../../../src/accounts/departments.js';
import { errorResponses, jsonResponse, publicSecurity } from '../schemas/common.js';

type DepartmentOut = { id: string; name: string; level: string; code: string; children: DepartmentOut[] };

const departmentSchema: z.ZodType<DepartmentOut> = z
  .object({
    id: z.string().meta({ example: '420100' }),
    name: z.string().meta({ example: '武汉市卫生健康委员会' }),
    level: z.enum(['province', 'city', 'district']),
    code: z.string().meta({ description: '3位部门代码（业务账号中使用）', example: '010' }),
    get children() {
      return z.array(departmentSchema);
    },
  })
  .meta({ id: 'Department' });

const out = (n: DepartmentNode): DepartmentOut => ({ id: n.id, name: n.name, level: n.level, code: n.code, children: n.children.map(out) });

/** GET /departments: the health-department tree (public; the registration form needs it). */
export const departmentRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        operationId: 'listDepartments',
        security: publicSecurity,
        summary: '卫生部门树',
        description: '省 → 市 → 区县的卫生健康部门树（本单位业务主管（指导）卫生部门的选项）。',
        response: { 200: jsonResponse(z.object({ items: z.array(departmentSchema) }), '部门树（每个部门带其下级）'), ...errorResponses('VALIDATION_FAILED') },
      },
    },
    async () => ({ items: (await engine.departments.tree()).map(out) }),
  );
};
