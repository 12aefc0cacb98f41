import type { FastifySchemaValidationError } from 'fastify';
import type { FieldIssue } from '../../src/errors.js';

// Chinese wording for zod's issue codes; the route's field name says which input.
const messages: Record<string, string> = {
  invalid_type: '缺少该字段或类型不正确',
  too_small: '长度或数值低于下限',
  too_big: '长度或数值超过上限',
  invalid_format: '格式不正确',
  invalid_value: '取值不在允许范围内',
  not_multiple_of: '数值不符合要求',
  invalid_union: '格式不正确',
  invalid_key: '字段名不正确',
  invalid_element: '元素不正确',
};

/**
 * Turns schema validation errors into the API's field issues: one per
 * problem, an unknown key named on its own, Chinese messages. `in` says
 * where the field was (body, querystring, params, headers).
 *
 * @example
 * fieldIssues(error.validation, error.validationContext); // [{ field: 'password', code: 'invalid_type', message: '…' }]
 */
export function fieldIssues(validation: FastifySchemaValidationError[], context: string | undefined): (FieldIssue & { in?: string })[] {
  const where = context ? { in: context } : {};
  return validation.flatMap((v) => {
    const path = (v.instancePath ?? '').split('/').filter(Boolean).join('.');
    const params = (v.params ?? {}) as { keys?: string[] };
    if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      return params.keys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        code: 'unrecognized',
        message: `不支持的字段：${key}`,
        ...where,
      }));
    }
    const custom = v.keyword === 'custom' && v.message && /[\u4e00-\u9fff]/.test(v.message) ? v.message : undefined;
    return [{ field: path, code: v.keyword, message: custom ?? messages[v.keyword] ?? '格式不正确', ...where }];
  });
}
