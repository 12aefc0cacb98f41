import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Engine } from '../../../src/create-engine.js';
import { requireActor } from '../auth.js';
import { errorResponses, uuidParam } from '../schemas/common.js';

/** An ASCII fallback and the UTF-8 name (RFC 6266 / 5987), so Chinese file names survive every browser. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const extensions: Record<string, string[]> = { 'application/pdf': ['.pdf'], 'image/jpeg': ['.jpg', '.jpeg'], 'image/png': ['.png'] };

/**
 * The name a download is saved under ends in the extension of the type
 * verified from the content: a polyglot uploaded as `x.html` is served as
 * `x.pdf`, so the saved copy never opens as a page.
 *
 * @example
 * downloadName('x.html', 'application/pdf'); // 'x.pdf'
 * downloadName('证明.JPEG', 'image/jpeg'); // '证明.JPEG'
 */
export function downloadName(fileName: string, contentType: string): string {
  const allowed = extensions[contentType];
  if (!allowed || allowed.some((ext) => fileName.toLowerCase().endsWith(ext))) return fileName;
  const dot = fileName.lastIndexOf('.');
  return `${dot > 0 ? fileName.slice(0, dot) : fileName}${allowed[0]}`;
}

/** GET /attachments/:id: downloads an attachment the caller may see; every download is audited. */
export const attachmentRoutes: FastifyPluginAsyncZod<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        operationId: 'downloadAttachment',
        summary: '下载附件',
        description: '下载注册或申报的附件（须有权查看其所属对象，否则 404），下载记入审计日志。',
        security: [{ bearer: [] }],
        params: z.object({ id: uuidParam }),
        response: {
          200: {
            description: '文件内容（按上传时识别的类型）',
            content: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
          },
          ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const file = await engine.onboarding.attachment(request.params.id, requireActor(request));
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition(downloadName(file.fileName, file.contentType)))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        // A stream is sent as it is (Fastify serialises only objects); the schema documents it as binary.
        .send(file.stream as unknown as string);
    },
  );
};
