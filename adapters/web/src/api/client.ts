import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../../../../docs/openapi.d.ts';
import { session } from './session';

export type Schemas = components['schemas'];
export type ApiErrorBody = Schemas['Error']['error'];

/** Where the console finds the API: the bundled server mounts it at /api/v1 (docs/console.md). */
export const apiBase = '/api/v1';

/** An API refusal as the console handles it: the stable code, the Chinese message, the field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** `VALIDATION_FAILED` details as field → message (the first message per field). */
  fieldMessages(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const issue of this.details as { field?: unknown; message?: unknown }[]) {
        if (typeof issue.field === 'string' && typeof issue.message === 'string' && !(issue.field in out)) out[issue.field] = issue.message;
      }
    }
    return out;
  }
}

/** Type guard for {@link ApiError} (rather than a bare instanceof at every call site). */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token.value;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked session: back to 登录, and afterwards to where the user was.
    if (response.status === 401 && session.token.value) session.expire();
    return response;
  },
};

/** The typed client over docs/openapi.json (openapi-fetch): every path, body and answer is checked by vue-tsc. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/**
 * Unwraps an openapi-fetch result: the data, or an {@link ApiError} thrown with the API's code and message.
 *
 * @example
 * const me = await unwrap(api.GET('/api/v1/me'));
 */
export async function unwrap<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', undefined);
  }
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error as { error?: Partial<ApiErrorBody> } | undefined)?.error;
    throw new ApiError(result.response.status, body?.code ?? 'INTERNAL', body?.message ?? `请求失败（${result.response.status}）`, body?.details);
  }
  return result.data as T;
}

/**
 * Downloads a file the API answers (Excel, PDF, attachments) with the session's token, and saves it
 * under the server's file name.
 *
 * @example
 * await download(`/api/v1/applications/${id}/certificate.pdf`, '试用期考核证明.pdf');
 */
export async function download(url: string, fallbackName: string): Promise<void> {
  const response = await fetchBlob(url);
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * A file of the API as an object URL (to show an attachment or a PDF in the page).
 *
 * @example
 * const url = await objectUrl(`/api/v1/attachments/${id}`);
 */
export async function objectUrl(url: string): Promise<{ url: string; type: string }> {
  const response = await fetchBlob(url);
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), type: blob.type };
}

async function fetchBlob(url: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (session.token.value) headers.authorization = `Bearer ${session.token.value}`;
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', undefined);
  }
  if (!response.ok) {
    if (response.status === 401 && session.token.value) session.expire();
    const body = (await response.json().catch(() => undefined)) as { error?: Partial<ApiErrorBody> } | undefined;
    throw new ApiError(response.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `下载失败（${response.status}）`, body?.error?.details);
  }
  return response;
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
