import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodes, isWorkflowError, type ErrorCode } from '../../src/errors.js';
import { fieldIssues } from './validation-errors.js';

/** The one error body of the API: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * Maps every error to the API's error body. Engine errors keep their code;
 * schema validation failures list each field; Fastify's own client errors
 * (bad JSON, wrong content type, body too large) become VALIDATION_FAILED
 * or the matching code; anything else is logged and answered with a bare
 * INTERNAL, so no stack trace or SQL leaks.
 *
 * @example
 * app.setErrorHandler(errorHandler);
 */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isWorkflowError(error)) return send(reply, error.code, error.message, error.details);
  if (hasZodFastifySchemaValidationErrors(error)) {
    return send(reply, 'VALIDATION_FAILED', undefined, fieldIssues(error.validation, error.validationContext));
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return send(reply, 'FILE_TOO_LARGE', '请求体或文件过大');
  if (status === 415) return send(reply, 'UNSUPPORTED_FILE_TYPE', '不支持的请求内容类型');
  if (status === 429) return send(reply, 'RATE_LIMITED');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (error as FastifyError).code ?? 'invalid';
    return send(reply, 'VALIDATION_FAILED', '请求格式不正确', [{ field: '', code, message: clientErrorMessage(code) }]);
  }
  // A database that cannot be reached is the caller's to retry, not our bug.
  if (isTimeoutError(error)) {
    request.log.warn({ err: error }, 'database statement timed out');
    return send(reply, 'DATABASE_TIMEOUT');
  }
  if (isConnectionError(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    return send(reply, 'DATABASE_UNAVAILABLE');
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 'INTERNAL');
}

function send(reply: FastifyReply, code: ErrorCode, message?: string, details?: unknown): FastifyReply {
  const body: ErrorBody = { error: { code, message: message ?? errorCodes[code].message } };
  // An engine limit (the 校验码 attempts) says when to come back, as the per-IP limiter does.
  const retryAfter = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (code === 'RATE_LIMITED' && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  if (details !== undefined) body.error.details = details;
  return reply.code(errorCodes[code].status).type('application/json; charset=utf-8').send(body);
}

function clientErrorMessage(code: string): string {
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return '请求体不是有效的 JSON';
  if (code.startsWith('FST_ERR_CTP')) return '请求内容类型或内容不正确';
  if (code === 'FST_ERR_BAD_URL') return '请求地址包含无效的百分号编码';
  return '请求格式不正确';
}

const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/** 57014 query_canceled (statement_timeout), 25P03 idle_in_transaction_session_timeout, 55P03 lock_not_available. */
const timeoutCodes = new Set(['57014', '25P03', '55P03']);

function isTimeoutError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && timeoutCodes.has(code);
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  const message = String((error as { message?: unknown })?.message ?? '');
  return (
    (typeof code === 'string' && connectionCodes.has(code)) ||
    /Connection terminated|not queryable|ECONNREFUSED|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed|pool has ended|driver has already been destroyed/i.test(message)
  );
}
