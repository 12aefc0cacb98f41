import { isWorkflowError, workflowError } from '../../src/errors.js';

/**
 * A broken multipart body (no boundary, cut off, garbage) is the client's
 * error, not ours: the parser's errors become VALIDATION_FAILED with a
 * field detail. Coded errors and limits the parser enforces (they carry a
 * statusCode, e.g. 413) keep their own answer.
 *
 * @example
 * try { await engine.physicians.import(guardedStream(part.file), actor); } catch (e) { throw malformedMultipart(e); }
 */
export function malformedMultipart(error: unknown): unknown {
  if (isWorkflowError(error) || typeof (error as { statusCode?: unknown })?.statusCode === 'number') return error;
  return workflowError('VALIDATION_FAILED', '请求格式不正确', [
    { field: '', code: 'malformedMultipart', message: 'multipart/form-data 请求体不完整或格式不正确' },
  ]);
}

/**
 * A file stream whose read errors (the parser's, when the body is cut off
 * or garbled) arrive as {@link malformedMultipart} refusals.
 *
 * @example
 * await storage.put(guardedStream(part.file), { maxBytes });
 */
export async function* guardedStream(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* stream;
  } catch (error) {
    throw malformedMultipart(error);
  }
}
