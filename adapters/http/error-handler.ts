import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorCodes, isWorkflowError } from '../../src/errors.js';

/** The one error body of the API: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * Maps every error to the API's error body. Engine errors keep their code;
 * Fastify's own client errors (bad JSON, wrong content type, body too large)
 * become VALIDATION_FAILED or the matching code; anything else is logged
 * and answered with a bare INTERNAL so no stack trace or SQL leaks.
 *
 * @example
 * app.setErrorHandler(errorHandler);
 */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isWorkflowError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return reply.code(error.status).send(body);
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return send(reply, 'FILE_TOO_LARGE', '请求体过大');
  if (status === 415) return send(reply, 'UNSUPPORTED_FILE_TYPE', '不支持的请求内容类型');
  if (status === 429) return send(reply, 'RATE_LIMITED');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return send(reply, 'VALIDATION_FAILED', '请求格式不正确', [{ field: '', code: (error as FastifyError).code ?? 'invalid', message: '请求格式不正确' }]);
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 'INTERNAL');
}

function send(reply: FastifyReply, code: keyof typeof errorCodes, message?: string, details?: unknown): FastifyReply {
  const body: ErrorBody = { error: { code, message: message ?? errorCodes[code].message } };
  if (details !== undefined) body.error.details = details;
  return reply.code(errorCodes[code].status).send(body);
}
