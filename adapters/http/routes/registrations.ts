import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { validationFailed, workflowError } from '../../../src/errors.js';
import type { RegistrationPart } from '../../../src/onboarding/registration-upload.js';
import { callerOrPublic } from '../auth.js';
import { guardedStream, malformedMultipart } from '../multipart.js';
import { errorResponses, idempotencyHeaders, jsonResponse, publicSecurity } from '../schemas/common.js';
import {
  queryBody,
  queryCodeAccepted,
  queryCodeBody,
  queryResultSchema,
  registrationMultipartSchema,
  registrationResultSchema,
} from '../schemas/institutions.js';

/** The multipart parts of a request as the engine reads them: fields and file streams, in order. */
async function* registrationParts(request: FastifyRequest): AsyncGenerator<RegistrationPart> {
  let lastFileField = 'file';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        lastFileField = part.fieldname;
        yield { type: 'file', name: part.fieldname, filename: part.filename, stream: guardedStream(part.file) };
      } else yield { type: 'field', name: part.fieldname, value: typeof part.value === 'string' ? part.value : String(part.value ?? '') };
    }
  } catch (error) {
    // More files than the form has attachments: a wrong request, not a file that is too large.
    if ((error as { code?: unknown })?.code === 'FST_FILES_LIMIT') {
      throw validationFailed([{ field: lastFileField, code: 'tooManyFiles', message: '每个附件只能上传一个文件' }]);
    }
    throw malformedMultipart(error);
  }
}

const formFileName = `filename="registration-form.pdf"; filename*=UTF-8''${encodeURIComponent('单位用户注册申请表.pdf')}`;

/**
 * GET /registration-form, POST /institution-registrations, the 申请查询
 * pair POST /institution-registrations/query-code and …/query (SPEC §5.2).
 * All public; the writes are rate-limited per address.
 */
export const registrationRoutes: FastifyPluginAsyncZod<{ engine: Engine; publicRateLimit: object; maxFileBytes: number }> = async (
  app,
  { engine, publicRateLimit, maxFileBytes },
) => {
  app.get(
    '/registration-form',
    {
      schema: {
        tags: ['registrations'],
        operationId: 'downloadRegistrationForm',
        security: publicSecurity,
        summary: '下载单位用户注册申请表',
        description: '空白的单位用户注册申请表（PDF，A4），填写打印、加盖单位公章后作为“单位用户注册申请表（盖章）”上传。',
        response: {
          200: { description: '单位用户注册申请表（PDF）', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } },
          ...errorResponses('VALIDATION_FAILED'),
        },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; ${formFileName}`)
        .header('cache-control', 'public, max-age=86400')
        // A buffer is sent as it is (Fastify serialises only objects); the schema documents it as binary.
        .send(engine.onboarding.registrationForm() as unknown as string),
  );

  app.post(
    '/institution-registrations',
    {
      config: { rateLimit: publicRateLimit },
      // The body is streamed from request.parts() and validated by the engine; the schema documents it.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['registrations'],
        operationId: 'registerInstitution',
        security: publicSecurity,
        summary: '机构注册',
        description:
          'multipart/form-data：表单字段与附件（PDF、JPEG、PNG，按文件内容识别，每个不超过10MB）。统一社会信用代码已注册且未被退回或驳回 → 409 ALREADY_REGISTERED；' +
          '曾被退回或审核不通过的同一代码则重新提交（RESUBMIT），新资料与附件替换旧的。请求失败时不保存任何数据或文件。',
        consumes: ['multipart/form-data'],
        headers: idempotencyHeaders,
        body: registrationMultipartSchema,
        response: {
          201: jsonResponse(registrationResultSchema, '注册已提交（或重新提交），等待考区审核'),
          ...errorResponses('VALIDATION_FAILED', 'ALREADY_REGISTERED', 'INVALID_TRANSITION', 'FILE_TOO_LARGE', 'UNSUPPORTED_FILE_TYPE', 'RATE_LIMITED'),
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw workflowError('UNSUPPORTED_FILE_TYPE', '请以 multipart/form-data 提交注册表单与附件');
      // This route skips schema validation (the body is a stream), so the header is checked here.
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 200)) {
        throw validationFailed([{ field: 'idempotency-key', code: 'invalid', message: '幂等键须为1至200个字符' }]);
      }
      const result = await engine.onboarding.register(registrationParts(request), callerOrPublic(request), {
        maxFileBytes,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/institution-registrations/query-code',
    {
      config: { rateLimit: publicRateLimit },
      schema: {
        tags: ['registrations'],
        operationId: 'sendRegistrationQueryCode',
        security: publicSecurity,
        summary: '申请查询：发送验证码',
        description: '向注册时登记的管理员手机发送6位验证码（有效期与尝试次数有限，每分钟至多一条）。无论该代码是否已注册，应答相同。',
        body: queryCodeBody,
        response: { 202: jsonResponse(queryCodeAccepted, '已受理：若该代码已注册，验证码将发送到注册手机'), ...errorResponses('VALIDATION_FAILED', 'RATE_LIMITED') },
      },
    },
    async (request, reply) => {
      await engine.onboarding.requestQueryCode(request.body, callerOrPublic(request));
      return reply.code(202).send({ message: '如该统一社会信用代码已注册，验证码已发送至登记的管理员手机' });
    },
  );

  app.post(
    '/institution-registrations/query',
    {
      config: { rateLimit: publicRateLimit },
      schema: {
        tags: ['registrations'],
        operationId: 'queryRegistration',
        security: publicSecurity,
        summary: '申请查询',
        description:
          '凭统一社会信用代码和短信验证码查询注册结果：状态、原因；审核通过尚未激活时返回机构证号和新生成的激活码（此前的激活码作废）。' +
          '验证码不是6位 → 400（验证码长度为6位）；错误、已使用或过期 → 401 INVALID_CODE。',
        body: queryBody,
        response: { 200: jsonResponse(queryResultSchema, '注册状态、原因、机构证号与激活码'), ...errorResponses('VALIDATION_FAILED', 'INVALID_CODE', 'RATE_LIMITED') },
      },
    },
    async (request) => engine.onboarding.query(request.body, callerOrPublic(request)),
  );
};
