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

/** A page of a list (SPEC §5). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Checks and normalises list paging (page ≥ 1, 1 ≤ pageSize ≤ 100, default 10).
 *
 * @example
 * paging({}); // { page: 1, pageSize: 10 }
 */
export function paging(query: { page?: number; pageSize?: number }): { page: number; pageSize: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 10;
  const issues = [];
  if (!Number.isInteger(page) || page < 1 || page > 100_000) issues.push({ field: 'page', code: 'invalid', message: '页码须为1至100000的整数' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) issues.push({ field: 'pageSize', code: 'invalid', message: '每页条数须为1至100的整数' });
  if (issues.length) throw validationFailed(issues);
  return { page, pageSize };
}
