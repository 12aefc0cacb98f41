/**
 * The one registry of error codes. Every refusal the engine or the HTTP
 * adapter can produce is listed here with its HTTP status and its Chinese
 * message, so hosts can match on `code` and docs/errors.md can be checked
 * against this table.
 */

export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: '请求数据校验未通过' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CODE: { status: 401, message: '验证码错误或已失效' },
  FORBIDDEN: { status: 403, message: '无权执行此操作' },
  NOT_FOUND: { status: 404, message: '对象不存在' },
  INVALID_TRANSITION: { status: 409, message: '当前状态不允许此操作' },
  VERSION_CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  ALREADY_REGISTERED: { status: 409, message: '该统一社会信用代码已注册' },
  ALREADY_APPLIED: { status: 409, message: '该考生在本项目中已有申报' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '幂等键已用于另一个请求' },
  EXPLANATION_REQUIRED: { status: 422, message: '存在红色提示，必须填写审核说明' },
  REASON_REQUIRED: { status: 422, message: '必须填写原因' },
  PAPER_CERTIFICATE_REQUIRED: { status: 422, message: '其他试用机构带教老师核对不一致，考生需上传试用期考核证明盖章纸质版' },
  DEADLINE_PASSED: { status: 422, message: '已超过省级审批截止日期' },
  PROJECT_NOT_OPEN: { status: 422, message: '项目当前不在申报期内' },
  INSTITUTION_CHECK_FAILED: { status: 422, message: '试用机构登记号与校验码不匹配' },
  INSTITUTION_NOT_ACTIVE: { status: 422, message: '机构尚未激活' },
  FILE_TOO_LARGE: { status: 413, message: '文件过大' },
  EXPORT_TOO_LARGE: { status: 413, message: '导出的行数超过单个文件的上限，请筛选后分批导出' },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: '仅支持 PDF、JPEG、PNG 文件' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已锁定' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂时不可用，请稍后重试' },
  DATABASE_TIMEOUT: { status: 503, message: '数据库操作超时，请稍后重试' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** One problem with one input field, as listed in VALIDATION_FAILED details. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `segments.0.startsOn`. */
  field: string;
  /** Stable lower-camel code of the problem, e.g. `invalidCheckCharacter`. */
  code: string;
  /** Chinese message for a person. */
  message: string;
}

const brand = Symbol.for('probation-workflow.error');

/**
 * The error every engine refusal throws. Match it with {@link isWorkflowError}
 * rather than `instanceof`, which fails across duplicate installed copies.
 */
export interface WorkflowError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Structured details: field issues, the refusing rule, segment ids … */
  readonly details?: unknown;
}

class WorkflowErrorImpl extends Error implements WorkflowError {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  readonly [brand] = true;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCodes[code].message);
    this.name = 'WorkflowError';
    this.code = code;
    this.status = errorCodes[code].status;
    if (details !== undefined) this.details = details;
  }
}

/**
 * Creates a coded error from the registry.
 *
 * @example
 * throw workflowError('NOT_FOUND');
 * throw workflowError('EXPLANATION_REQUIRED', undefined, { rule: 'explanationGivenWhenRed' });
 */
export function workflowError(code: ErrorCode, message?: string, details?: unknown): WorkflowError {
  return new WorkflowErrorImpl(code, message, details);
}

/**
 * A VALIDATION_FAILED error listing every field problem.
 *
 * @example
 * throw validationFailed([{ field: 'name', code: 'tooShort', message: '单位全称至少2个字符' }]);
 */
export function validationFailed(issues: FieldIssue[]): WorkflowError {
  return new WorkflowErrorImpl('VALIDATION_FAILED', undefined, issues);
}

/**
 * Type guard for errors produced by this library.
 *
 * @example
 * declare const id: string, event: WorkflowEvent;
 * declare function reload(): void;
 * try { await engine.applications.send(id, event, actor); }
 * catch (e) { if (isWorkflowError(e) && e.code === 'VERSION_CONFLICT') reload(); }
 */
export function isWorkflowError(value: unknown): value is WorkflowError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
