import { validationFailed } from '../errors.js';

/**
 * The page a list request asks for: 1-based `page` (default 1) and
 * `pageSize` 1–100 (default 10), refused as one field issue otherwise.
 *
 * @example
 * const { page, pageSize, offset } = pageWindow({ page: 2 }); // { page: 2, pageSize: 10, offset: 10 }
 */
export function pageWindow(filter: { page?: number; pageSize?: number }): { page: number; pageSize: number; offset: number } {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 10;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw validationFailed([{ field: 'page', code: 'invalid', message: '页码须为正整数，每页条数为1至100' }]);
  }
  return { page, pageSize, offset: (page - 1) * pageSize };
}
