import { validationFailed } from '../errors.js';

/**
 * The page a list request asks for, with its row offset: {@link paging}'s
 * checks (each bad field its own issue) plus where the page starts.
 *
 * @example
 * const { page, pageSize, offset } = pageWindow({ page: 2 }); // { page: 2, pageSize: 10, offset: 10 }
 */
export function pageWindow(filter: { page?: number; pageSize?: number }): { page: number; pageSize: number; offset: number } {
  const { page, pageSize } = paging(filter);
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
