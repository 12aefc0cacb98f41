import { z } from 'zod';
import { errorCodes, type ErrorCode } from '../../../src/errors.js';

const errorCodeList = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

/** One problem of one field (VALIDATION_FAILED and the declaration checks). */
const fieldIssueSchema = z
  .looseObject({
    field: z.string().meta({ description: '字段路径，如 segments.0.startsOn', example: 'segments.0.startsOn' }),
    code: z.string().meta({ description: '问题代码（小驼峰）', example: 'invalidDate' }),
    message: z.string().meta({ description: '中文说明', example: '请填写有效日期' }),
    in: z.enum(['body', 'querystring', 'params', 'headers']).optional().meta({ description: '字段所在位置（请求校验时）' }),
  })
  .meta({ id: 'FieldIssue' });

/** Why a rule refused: the rule's name and what it saw (other keys depend on the rule, docs/errors.md). */
const refusalDetailsSchema = z
  .looseObject({
    rule: z.string().optional().meta({ description: '拒绝的规则（守卫名、role、scope 等）', example: 'explanationGivenWhenRed' }),
  })
  .meta({ id: 'RefusalDetails' });

/** `{ error: { code, message, details? } }`, the body of every error response. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodeList).meta({
        description: '稳定的错误码（见 docs/errors.md）',
        example: 'VALIDATION_FAILED',
        'x-enumDescriptions': Object.fromEntries(errorCodeList.map((code) => [code, errorCodes[code].message])),
      }),
      message: z.string().meta({ description: '中文错误信息', example: '请求数据校验未通过' }),
      details: z
        .union([z.array(fieldIssueSchema), refusalDetailsSchema])
        .optional()
        .meta({ description: 'VALIDATION_FAILED 等为字段问题列表；规则拒绝时为 { rule, … }' }),
    }),
  })
  .meta({ id: 'Error' });

/**
 * The error responses of a route, by status, for the OpenAPI document.
 * Several codes may share a status (409: INVALID_TRANSITION, VERSION_CONFLICT).
 *
 * @example
 * schema: { response: { 200: accountSchema, ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED') } }
 */
export function errorResponses(...codes: ErrorCode[]): Record<number, z.ZodType> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, 'INTERNAL' as const]) {
    const status = errorCodes[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [status, errorBodySchema.describe(list.map((c) => `${c}: ${errorCodes[c].message}`).join('；'))]),
  );
}

/**
 * A JSON success response with its description (the document would say
 * "Default Response" otherwise); the schema stays a shared component.
 *
 * @example
 * schema: { response: { 200: jsonResponse(applicationDetailSchema, '事件后的申报详情') } }
 */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * An id the engine issues (a UUID), in answers. Documentation only: the
 * value is the database's own, so the serializer does not re-check it.
 *
 * @example
 * z.object({ id: uuidString(), institutionId: uuidString().nullable() })
 */
export function uuidString() {
  return z.string().meta({ format: 'uuid' });
}

/**
 * An instant, ISO 8601 in UTC (`2026-03-01T08:00:00.000Z`), in answers.
 *
 * @example
 * z.object({ createdAt: timestamp(), closedAt: timestamp().nullable() })
 */
export function timestamp() {
  return z.string().meta({ format: 'date-time', example: '2026-03-01T08:00:00.000Z' });
}

/** The file types the uploads accept (recognised by content, not by name). */
export const uploadMediaTypes = 'application/pdf, image/jpeg, image/png';

/**
 * A file field of a multipart upload, for the document: binary, with the
 * media types it accepts (`encoding` in the document repeats them).
 *
 * @example
 * z.object({ file: uploadField('试用期考核证明盖章纸质版：PDF/JPEG/PNG，≤10MB') })
 */
export function uploadField(description: string, mediaTypes: string = uploadMediaTypes) {
  return z.string().meta({ format: 'binary', contentMediaType: mediaTypes, description });
}

/** `page` (1-based) and `pageSize` (default 10, max 100). */
export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).meta({ description: '页码，从1开始' }),
  pageSize: z.coerce.number().int().min(1).max(100).default(10).meta({ description: '每页条数，默认10，最多100' }),
});

/** A UUID path parameter; anything else is a 400, never a database error. */
export const uuidParam = z.uuid({ message: '须为 UUID' });

/** `expectedVersion` and the `Idempotency-Key` header of state-changing calls. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: '幂等键：同一键的重试返回首次结果，不重复执行' }),
});

/**
 * `security` of a public operation (login, registration, 申请查询, activation,
 * the workflow and department reads): no session. The document's default is
 * the bearer session, so every other operation needs one.
 *
 * @example
 * schema: { operationId: 'logIn', security: publicSecurity, body: loginBody }
 */
export const publicSecurity: { [scheme: string]: string[] }[] = [];
