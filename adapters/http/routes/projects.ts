import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { requireActor } from '../auth.js';
import { errorResponses, idempotencyHeaders, jsonResponse, paginationQuery, uuidParam } from '../schemas/common.js';
import {
  applicationListFilters,
  applicationBody,
  applicationDetailSchema,
  applicationListItemSchema,
  institutionProgressSchema,
  newProjectBody,
  pageOf,
  projectSchema,
  reportOutcomeSchema,
} from '../schemas/applications.js';

const security = [{ bearer: [] }];

/**
 * Projects (SPEC §5.3): POST/GET /projects, GET /projects/:id, the
 * per-institution view, the applicant list, declaration / direct entry and
 * the batch report. Handlers only translate HTTP to the engine.
 */
export const projectRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.post(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        operationId: 'createProject',
        summary: '创建申报项目',
        description: '省级管理员创建申报项目：开始日期、省级审批截止日期、试用期截止日期（默认考试年度8月31日）。',
        security,
        body: newProjectBody,
        response: { 201: jsonResponse(projectSchema, '已创建的申报项目'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN') },
      },
    },
    async (request, reply) => reply.code(201).send(await engine.projects.create(request.body, requireActor(request))),
  );

  app.get(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjects',
        summary: '待审核项目列表',
        description:
          '项目名称、起止时间、距离截至审批时间、申报人数、本系统审核人数、上报状态、项目状态。计数按调用者范围：业务账号为本单位，考区为其辖区，管理员为全部。',
        security,
        querystring: paginationQuery,
        response: { 200: jsonResponse(pageOf(projectSchema), '申报项目（分页，带调用者可见的统计）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED') },
      },
    },
    async (request) => engine.projects.list(requireActor(request), request.query),
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags: ['projects'],
        operationId: 'getProject',
        summary: '申报项目',
        description: '一个申报项目（名称、业务编码、开始日期、审核截止日期、试用期截止日期、状态）及调用者可见的申报统计。',
        security,
        params: z.object({ id: uuidParam }),
        response: { 200: jsonResponse(projectSchema, '申报项目'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND') },
      },
    },
    async (request) => engine.projects.get(request.params.id, requireActor(request)),
  );

  app.get(
    '/projects/:id/institutions',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjectInstitutions',
        summary: '各机构审核进度',
        description: '考区与管理员：辖区内每个有申报的机构的申报人数、审核人数与上报状态。',
        security,
        params: z.object({ id: uuidParam }),
        querystring: paginationQuery,
        response: { 200: jsonResponse(pageOf(institutionProgressSchema), '各机构的申报与审核数量（分页）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND') },
      },
    },
    async (request) => engine.projects.institutions(request.params.id, requireActor(request), request.query),
  );

  app.get(
    '/projects/:id/applications',
    {
      schema: {
        tags: ['applications'],
        operationId: 'listProjectApplications',
        summary: '申报人员列表',
        description:
          '序号、姓名、身份证（脱敏）、单位认证状态（单位直接录入/考生申报）、审批状态、审核备注、红色提示数；按调用者范围，默认每页10条，可按状态筛选、按姓名搜索。',
        security,
        params: z.object({ id: uuidParam }),
        querystring: paginationQuery.extend(applicationListFilters.shape),
        response: { 200: jsonResponse(pageOf(applicationListItemSchema), '调用者可见的申报（分页，按到达顺序）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND') },
      },
    },
    async (request) => engine.declarations.list(request.params.id, requireActor(request), request.query),
  );

  app.post(
    '/projects/:id/applications',
    {
      schema: {
        tags: ['applications'],
        operationId: 'createApplication',
        summary: '申报 / 单位直接录入',
        description:
          '考生创建申报（草稿）；业务账号19为本单位直接录入（直接进入单位审核·待审核）。当前试用机构以登记号+校验码绑定，不匹配返回 422 INSTITUTION_CHECK_FAILED。',
        security,
        params: z.object({ id: uuidParam }),
        headers: idempotencyHeaders,
        body: applicationBody,
        response: {
          201: jsonResponse(applicationDetailSchema, '已创建的申报详情（含审核提示信息）'),
          ...errorResponses(
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'NOT_FOUND',
            'ALREADY_APPLIED',
            'INSTITUTION_CHECK_FAILED',
            'DEADLINE_PASSED',
            'PROJECT_NOT_OPEN',
            'RATE_LIMITED',
          ),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await engine.declarations.create(request.params.id, request.body, requireActor(request), {
            idempotencyKey: request.headers['idempotency-key'],
          }),
        ),
  );

  app.post(
    '/projects/:id/report',
    {
      schema: {
        tags: ['applications'],
        operationId: 'reportProjectApplications',
        summary: '批量上报',
        description: '对本单位在该项目中所有审核通过/不通过的申报逐个执行上报（REPORT），每个申报独立提交；返回各类数量与失败原因。',
        security,
        params: z.object({ id: uuidParam }),
        headers: idempotencyHeaders,
        response: { 200: jsonResponse(reportOutcomeSchema, '上报结果：上报、单位不通过关闭与失败的数量'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND') },
      },
    },
    async (request) =>
      engine.declarations.reportAll(request.params.id, requireActor(request), { idempotencyKey: request.headers['idempotency-key'] }),
  );
};
