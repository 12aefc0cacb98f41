import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applicationMachine } from '../../../machines/application.js';
import { institutionStates } from '../../../src/onboarding/institution-views.js';
import type { Engine } from '../../../src/create-engine.js';
import { requireActor } from '../auth.js';
import { errorResponses, jsonResponse, publicSecurity, timestamp, uuidParam, uuidString } from '../schemas/common.js';
import { stateField } from '../schemas/states.js';
import { applicationListFilters } from '../schemas/applications.js';
import { contentDisposition } from './attachments.js';

const security = [{ bearer: [] }];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (description: string, type: string) => ({ description, content: { [type]: { schema: z.string().meta({ format: 'binary' }) } } });
const exportErrors = ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'EXPORT_TOO_LARGE'] as const;

const certificateVerificationSchema = z
  .object({
    code: z.string().meta({ description: '验证码（打印在证明上）', example: 'K7PD-3QXM-H2TW' }),
    applicationId: uuidString(),
    issuedAt: timestamp().meta({ description: '首次打印时间' }),
    candidateNameMasked: z.string().meta({ description: '考生姓名（脱敏）', example: '赵*' }),
    idNumberMasked: z.string().meta({ description: '证件号码（脱敏）', example: '140105*****7932' }),
    projectName: z.string().nullable(),
    institutionName: z.string().nullable().meta({ description: '当前试用机构' }),
    state: stateField(applicationMachine, 'unitReview.approved'),
    stateLabel: z.string().meta({ example: '单位审核·审核通过' }),
    decision: z
      .object({ label: z.string().meta({ example: '审核通过' }), at: timestamp() })
      .nullable()
      .meta({ description: '试用机构的审核结果（不含审核说明）' }),
  })
  .meta({ id: 'CertificateVerification', description: '证明核验结果：该申报的当前状态' });

/**
 * Documents (issue 19): the applicant list and the registration list as
 * Excel workbooks, the printable 试用期考核证明 and the public check of its
 * verification code. Exports stream; every export and print is audited.
 */
export const documentRoutes: FastifyPluginAsyncZod<{ engine: Engine; publicRateLimit: object }> = async (app, { engine, publicRateLimit }) => {
  app.get(
    '/projects/:id/applications/export.xlsx',
    {
      schema: {
        tags: ['applications'],
        operationId: 'exportProjectApplications',
        summary: '导出申报人员列表（Excel）',
        description:
          '与申报人员列表相同的范围、筛选与脱敏，导出全部页：序号、姓名、身份证（脱敏）、（考区/管理员：所在机构）、录入方式、状态、审核备注、试用期总时长、红色提示数与内容、审核结果与说明、审核日期、上报状态与日期、提交日期。首行冻结，日期为 Excel 日期。超过单个文件上限（默认1,000,000行）返回 413 EXPORT_TOO_LARGE。导出记入审计日志。',
        security,
        params: z.object({ id: uuidParam }),
        querystring: applicationListFilters,
        response: { 200: binary('申报人员列表（.xlsx）', xlsxType), ...errorResponses(...exportErrors) },
      },
    },
    async (request, reply) => {
      const file = await engine.declarations.exportList(request.params.id, requireActor(request), request.query);
      return sendDownload(reply, xlsxType, file.fileName, file.stream, { 'x-export-rows': String(file.rows) });
    },
  );

  app.get(
    '/institutions/export.xlsx',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'exportInstitutions',
        summary: '导出机构注册列表（Excel）',
        description: '考区（本级及下级）或管理员：与机构注册列表相同的范围与筛选，导出全部页（手机号脱敏），最新注册在前。导出记入审计日志。',
        security,
        querystring: z.object({
          state: z.enum(institutionStates as [string, ...string[]]).optional().meta({ description: '按状态筛选' }),
          q: z.string().max(100).optional().meta({ description: '单位名称（部分）、统一社会信用代码（或开头）、机构证号或登记号' }),
        }),
        response: { 200: binary('机构注册列表（.xlsx）', xlsxType), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'EXPORT_TOO_LARGE') },
      },
    },
    async (request, reply) => {
      const file = await engine.onboarding.exportInstitutions(requireActor(request), request.query);
      return sendDownload(reply, xlsxType, file.fileName, file.stream, { 'x-export-rows': String(file.rows) });
    },
  );

  app.get(
    '/applications/:id/certificate.pdf',
    {
      schema: {
        tags: ['applications'],
        operationId: 'printApplicationCertificate',
        summary: '打印试用期考核证明（PDF）',
        description:
          'A4 打印版试用期考核证明：考生信息、各试用机构（起止日期、时长、科室、带教老师及执业证书号）、总时长、试用机构考核意见、签字与盖章处，页脚为申报编号与验证码（首次打印时生成，此后每份相同）。可查看该申报者（考生本人、试用机构、范围内的考区）均可打印；打印记入审计日志。',
        security,
        params: z.object({ id: uuidParam }),
        response: { 200: binary('试用期考核证明（PDF）', 'application/pdf'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const file = await engine.declarations.certificate(request.params.id, requireActor(request));
      return sendDownload(reply, 'application/pdf', file.fileName, file.body, { 'content-length': String(file.body.length) });
    },
  );

  app.get(
    '/certificates/verify',
    {
      config: { rateLimit: publicRateLimit },
      schema: {
        tags: ['applications'],
        operationId: 'verifyCertificate',
        summary: '证明核验',
        description: '输入打印在试用期考核证明上的验证码，查询该申报的当前状态（无需登录；姓名与证件号脱敏）。验证码格式不对返回 400，不存在返回 404。',
        security: publicSecurity,
        querystring: z.object({ code: z.string().max(40).meta({ description: '验证码（大小写、空格与连字符不限）', example: 'K7PD-3QXM-H2TW' }) }),
        response: { 200: jsonResponse(certificateVerificationSchema, '该申报的当前状态'), ...errorResponses('VALIDATION_FAILED', 'NOT_FOUND', 'RATE_LIMITED') },
      },
    },
    async (request) => engine.declarations.verifyCertificate(request.query.code),
  );
};

/** A file answer: type, name (RFC 6266), no caching, no sniffing. */
function sendDownload(
  reply: import('fastify').FastifyReply,
  type: string,
  fileName: string,
  body: NodeJS.ReadableStream | Buffer,
  headers: Record<string, string> = {},
) {
  return reply
    .type(type)
    .headers(headers)
    .header('content-disposition', contentDisposition(fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    // Fastify sends a stream or a Buffer as it is; the schema documents it as binary.
    .send(body as unknown as string);
}
