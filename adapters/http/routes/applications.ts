import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { validationFailed, workflowError } from '../../../src/errors.js';
import { requireActor } from '../auth.js';
import { guardedStream, malformedMultipart } from '../multipart.js';
import { errorResponses, idempotencyHeaders, jsonResponse, uploadField, uuidParam } from '../schemas/common.js';
import { applicationDetailSchema, applicationEditBody, applicationEventBody } from '../schemas/applications.js';

const security = [{ bearer: [] }];
const params = z.object({ id: uuidParam });
const eventErrors = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'VERSION_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'EXPLANATION_REQUIRED',
  'PAPER_CERTIFICATE_REQUIRED',
  'DEADLINE_PASSED',
  'PROJECT_NOT_OPEN',
] as const;

const paperCertificateMultipart = z
  .object({ file: uploadField('试用期考核证明盖章纸质版：PDF/JPEG/PNG，≤10MB') })
  .meta({ id: 'PaperCertificateUpload' });

const paperParams = z.object({ id: uuidParam, segmentId: z.string().max(20) });
const paramsValidator = (data: unknown) => {
  const result = paperParams.safeParse(data);
  return result.success ? { value: result.data } : { error: result.error };
};

/** Splits `expectedVersion` off an edit body; the rest is the application JSON. */
function splitEditBody(body: unknown): { data: unknown; expectedVersion?: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('expectedVersion' in body)) return { data: body };
  const { expectedVersion, ...data } = body as Record<string, unknown>;
  if (expectedVersion === undefined || expectedVersion === null) return { data };
  if (!Number.isInteger(expectedVersion) || (expectedVersion as number) < 1) {
    throw validationFailed([{ field: 'expectedVersion', code: 'invalid', message: 'expectedVersion 须为正整数' }]);
  }
  return { data, expectedVersion: expectedVersion as number };
}

/**
 * Applications (SPEC §5.3): detail, EDIT, events and paper certificates
 * (the history is served by routes/history.ts). Handlers only translate HTTP to the engine.
 */
export const applicationRoutes: FastifyPluginAsyncZod<{ engine: Engine; maxFileBytes: number }> = async (app, { engine, maxFileBytes }) => {
  app.get(
    '/applications/:id',
    {
      schema: {
        tags: ['applications'],
        operationId: 'getApplication',
        summary: '申报详情',
        description: '全部申报数据、审核提示信息（红/绿）、审核意见、版本、调用者可执行的事件（不可执行时给出拒绝规则）与历史。',
        security,
        params,
        response: { 200: jsonResponse(applicationDetailSchema, '申报详情（含审核提示信息与可执行事件）'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND') },
      },
    },
    async (request) => engine.declarations.detail(request.params.id, requireActor(request)),
  );

  app.put(
    '/applications/:id',
    {
      schema: {
        tags: ['applications'],
        operationId: 'editApplication',
        summary: '修改申报',
        description: '草稿或被退回的申报由申报人（考生，或直接录入的单位）提交完整数据替换（EDIT），提示信息随之重算。',
        security,
        params,
        headers: idempotencyHeaders,
        body: applicationEditBody,
        response: { 200: jsonResponse(applicationDetailSchema, '修改后的申报详情（提示信息已重算）'), ...errorResponses(...eventErrors, 'INSTITUTION_CHECK_FAILED', 'ALREADY_APPLIED', 'RATE_LIMITED') },
      },
    },
    async (request) => {
      const { data, expectedVersion } = splitEditBody(request.body);
      return engine.declarations.edit(request.params.id, data, requireActor(request), {
        expectedVersion,
        idempotencyKey: request.headers['idempotency-key'],
      });
    },
  );

  app.post(
    '/applications/:id/events',
    {
      schema: {
        tags: ['applications'],
        operationId: 'sendApplicationEvent',
        summary: '申报事件',
        description:
          'SUBMIT、RESUBMIT、WITHDRAW（考生）；APPROVE、REJECT、RETURN、REPORT（业务账号19，上报前可反复修改审核意见）；DISTRICT_APPROVE、DISTRICT_REJECT、DISTRICT_RETURN（考区/管理员）。返回事件后的申报详情。',
        security,
        params,
        headers: idempotencyHeaders,
        body: applicationEventBody,
        response: { 200: jsonResponse(applicationDetailSchema, '事件已受理：事件后的申报详情（与 GET 相同）'), ...errorResponses(...eventErrors) },
      },
    },
    async (request) => {
      const { type, explanation, expectedVersion } = request.body;
      return engine.declarations.send(
        request.params.id,
        explanation === undefined ? { type } : { type, explanation },
        requireActor(request),
        { expectedVersion, idempotencyKey: request.headers['idempotency-key'] },
      );
    },
  );

  app.post(
    '/applications/:id/segments/:segmentId/paper-certificate',
    {
      // The file is streamed from request.file() and checked by the engine; the body schema documents it.
      validatorCompiler: ({ httpPart }) => (httpPart === 'body' ? () => true : paramsValidator),
      schema: {
        tags: ['applications'],
        operationId: 'uploadPaperCertificate',
        summary: '上传试用期考核证明盖章纸质版',
        description:
          'multipart/form-data，文件字段 file（PDF、JPEG 或 PNG，按内容识别，默认不超过10 MiB）。其他试用机构带教老师核对为红色时，上传后方可审核通过。考生上传本人申报的；单位直接录入的由单位上传。',
        security,
        consumes: ['multipart/form-data'],
        params: z.object({ id: uuidParam, segmentId: z.string().max(20).meta({ example: 's2' }) }),
        body: paperCertificateMultipart,
        response: {
          201: jsonResponse(applicationDetailSchema, '已上传：申报详情（该段的纸质证明已记录）'),
          ...errorResponses(
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'NOT_FOUND',
            'INVALID_TRANSITION',
            'DEADLINE_PASSED',
            'FILE_TOO_LARGE',
            'UNSUPPORTED_FILE_TYPE',
          ),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw workflowError('UNSUPPORTED_FILE_TYPE', '请以 multipart/form-data 上传文件（字段 file）');
      const parts = request.parts()[Symbol.asyncIterator]();
      const first = await parts.next().catch((error: unknown) => {
        throw malformedMultipart(error);
      });
      const part = first.done ? undefined : first.value;
      if (!part || part.type !== 'file' || part.fieldname !== 'file') {
        if (part?.type === 'file') part.file.resume();
        throw validationFailed([{ field: 'file', code: 'required', message: '请上传文件（字段 file）' }]);
      }
      // Busboy stops at the size limit and only flags the stream as truncated: turn that into a refusal.
      // A generator (not pipe) so a body cut off mid-file rejects the upload instead of leaving it waiting.
      // Before the stream ends, the rest of the body is read: a second file refuses the upload
      // (nothing is stored), instead of being dropped silently.
      const checked = (async function* () {
        yield* guardedStream(part.file);
        if (part.file.truncated) throw workflowError('FILE_TOO_LARGE', `文件超过 ${Math.floor(maxFileBytes / 1024 / 1024)} MB`);
        for (;;) {
          const next = await parts.next().catch((error: unknown) => {
            if ((error as { code?: unknown })?.code === 'FST_FILES_LIMIT') return { done: false as const, value: { type: 'file' as const } };
            throw malformedMultipart(error);
          });
          if (next.done) break;
          if (next.value.type === 'file') {
            if ('file' in next.value) (next.value as { file: NodeJS.ReadableStream }).file.resume();
            throw validationFailed([{ field: 'file', code: 'tooManyFiles', message: '只能上传一个文件' }]);
          }
        }
      })();
      try {
        const detail = await engine.declarations.uploadPaperCertificate(
          request.params.id,
          request.params.segmentId,
          { stream: checked, fileName: part.filename },
          actor,
          { maxBytes: maxFileBytes },
        );
        return reply.code(201).send(detail);
      } finally {
        // A refusal before the file was read must still drain it, or the request never ends.
        part.file.resume();
      }
    },
  );
};
