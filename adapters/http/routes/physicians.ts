import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { validationFailed } from '../../../src/errors.js';
import { requireActor } from '../auth.js';
import { guardedStream, malformedMultipart } from '../multipart.js';
import { errorResponses, jsonResponse, uploadField } from '../schemas/common.js';

const importResultSchema = z
  .object({
    lines: z.number().int(),
    records: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })).meta({ description: '被拒绝的行（行号与原因），最多列出10000行' }),
    rejectedTotal: z.number().int(),
  })
  .meta({ id: 'PhysicianImportResult' });

const verificationSchema = z
  .object({
    certNo: z.string(),
    level: z.enum(['green', 'red']),
    result: z.enum(['match', 'unknownNumber', 'nameMismatch']),
    label: z.string(),
    physician: z.object({ level: z.string(), category: z.string(), practising: z.boolean() }).optional(),
  })
  .meta({ id: 'PhysicianVerification' });

const physicianCsvMultipart = z
  .object({ file: uploadField('医师库 CSV：证书编码,姓名,医师级别,执业类别,执业单位,状态（UTF-8，可带 BOM）', 'text/csv') })
  .meta({ id: 'PhysicianCsvUpload' });

/** POST /physicians/import (admin, CSV in multipart field `file`) and GET /physicians/verify (SPEC §5.4). */
export const physicianRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.post(
    '/physicians/import',
    {
      // The CSV is streamed from request.file() and checked by the import; the body schema documents it.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['physicians'],
        operationId: 'importPhysicians',
        summary: '导入医师库',
        description:
          'multipart/form-data，字段 file 为 CSV（表头：证书编码,姓名,医师级别,执业类别,执业单位,状态；UTF-8，可带 BOM）。流式分批导入，幂等；逐行报告被拒绝的行。',
        consumes: ['multipart/form-data'],
        security: [{ bearer: [] }],
        body: physicianCsvMultipart,
        response: { 200: jsonResponse(importResultSchema, '导入结果：新增、更新、未变与被拒绝的行'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'FILE_TOO_LARGE') },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) {
        throw validationFailed([{ field: 'file', code: 'required', message: '请以 multipart/form-data 上传 CSV 文件（字段 file）' }]);
      }
      // CSV files of millions of rows exceed the plugin's default upload limit; the import streams them.
      const file = await request.file({ limits: { fileSize: 2 * 1024 * 1024 * 1024 } }).catch((error: unknown) => {
        throw malformedMultipart(error);
      });
      if (!file || file.fieldname !== 'file') {
        file?.file.resume();
        throw validationFailed([{ field: 'file', code: 'required', message: '请上传 CSV 文件（字段 file）' }]);
      }
      return engine.physicians.import(guardedStream(file.file), actor);
    },
  );

  app.get(
    '/physicians/verify',
    {
      schema: {
        tags: ['physicians'],
        operationId: 'verifyTeacher',
        summary: '核对带教老师',
        description: '核对带教老师姓名与医师执业证书编码是否一致（不返回证书持有人姓名）。',
        security: [{ bearer: [] }],
        querystring: z.object({
          name: z.string().max(60).meta({ example: '李四' }),
          certNo: z.string().max(40).meta({ example: '110420100012346' }),
        }),
        response: { 200: jsonResponse(verificationSchema, '核对结果：一致、证书号不存在或姓名不符'), ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED') },
      },
    },
    async (request) => engine.physicians.verify(request.query, requireActor(request)),
  );
};
