import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The document-level parts of the OpenAPI description (the operations are
 * described by the routes' own schemas): info, servers, tags, the default
 * security, and the pruning of component schemas no operation uses.
 */

/** The tags of the operations, in the order a reader meets them in the seed's guide. */
export const apiTags = [
  { name: 'sessions', description: '登录、退出、当前账号、考生注册与账号激活 · Sessions, candidate sign-up and account activation' },
  { name: 'registrations', description: '新机构注册与申请查询（公开） · Public institution registration and 申请查询' },
  { name: 'institutions', description: '机构注册审核、停用启用与校验码 · Institution review, disabling and the 校验码' },
  { name: 'business-accounts', description: '机构业务账号（点我生成、重发激活码、停用启用） · An institution\'s business accounts' },
  { name: 'attachments', description: '附件下载 · Attachment downloads' },
  { name: 'departments', description: '卫生部门树（考区） · The department (exam district) tree' },
  { name: 'projects', description: '申报项目与各机构审核进度 · Projects and per-institution progress' },
  { name: 'applications', description: '试用期考核证明申报：申报、审核、上报、考区审核 · Probation declarations, review and report' },
  { name: 'physicians', description: '医师库导入与带教老师核对 · The physician registry and teacher checks' },
  { name: 'notifications', description: '通知记录（短信） · Notifications (text messages)' },
  { name: 'workflows', description: '流程定义（状态机） · Workflow definitions (the state machines)' },
] as const;

/**
 * The package's own version, read from its package.json (found upwards from
 * this file, so it works from the sources and from dist/ alike).
 *
 * @example
 * packageVersion(); // '0.1.0'
 */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'probation-workflow' && pkg.version) return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

/**
 * The document's root fields other than paths and components.
 *
 * @example
 * await app.register(fastifySwagger, { openapi: { openapi: '3.1.0', ...openApiRoot() } });
 */
export function openApiRoot() {
  return {
    info: {
      title: 'probation-workflow API',
      version: packageVersion(),
      description:
        '医师资格考试试用期考核证明申报管理（湖北卫生人才资源信息平台 业务19）。错误码见 docs/errors.md；' +
        '除公开接口（security 为空）外均需 `Authorization: Bearer <token>`（POST /sessions 登录获得）。',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'probation-workflow maintainers' },
    },
    servers: [{ url: '/', description: '提供本 API 的服务器（路径已含挂载前缀）· the serving host; paths include the mount prefix' }],
    tags: apiTags.map((tag) => ({ ...tag })),
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http' as const,
          scheme: 'bearer',
          bearerFormat: 'opaque',
          description: '会话令牌：POST /sessions 返回的 token（闲置30分钟或12小时后失效）· the session token from POST /sessions',
        },
      },
    },
  };
}

/**
 * Drops component schemas no operation reaches (directly or through other
 * components). The zod provider emits an input and an output variant of
 * every registered schema; only the ones an operation uses belong in the
 * contract.
 *
 * @example
 * const doc = pruneUnusedComponents(document);
 */
export function pruneUnusedComponents<T extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(document: T): T {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const prefix = '#/components/schemas/';
  const used = new Set<string>();
  const pending: unknown[] = [document.paths];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(prefix)) {
          const name = decodeURIComponent(value.slice(prefix.length));
          if (!used.has(name) && name in schemas) {
            used.add(name);
            pending.push(schemas[name]);
          }
        } else pending.push(value);
      }
    }
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } };
}

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Doc = { paths?: object; components?: { schemas?: Record<string, any> } };

/**
 * What the zod provider cannot say and the document needs: `Retry-After` on
 * every 429, `Content-Disposition` on file downloads, the `encoding` of
 * each file field of a multipart body (its accepted media types), and the
 * example answer of each operation (`examples`, by operationId).
 *
 * @example
 * const doc = describeHeadersAndUploads(document, operationExamples);
 */
export function describeHeadersAndUploads<T extends Doc>(document: T, examples: Record<string, unknown> = {}): T {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: any) => (typeof schema?.$ref === 'string' ? schemas[schema.$ref.split('/').pop()] : schema);
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, any> | undefined>)) {
    for (const method of methods) {
      const operation = item?.[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {}) as [string, any][]) {
        if (status === '429') {
          response.headers = {
            'Retry-After': { description: '再次尝试前须等待的秒数', schema: { type: 'integer', minimum: 1 } },
          };
        }
        const types = Object.keys(response.content ?? {});
        const example = examples[operation.operationId];
        if (status.startsWith('2') && example !== undefined && response.content?.['application/json']) {
          response.content['application/json'].example = example;
        }
        if (status.startsWith('2') && types.length > 0 && !types.includes('application/json')) {
          response.headers = {
            'Content-Disposition': {
              description: '文件名（RFC 6266，中文名以 filename* 给出）',
              schema: { type: 'string', example: "attachment; filename=\"form.pdf\"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf" },
            },
          };
        }
      }
      const multipart = operation.requestBody?.content?.['multipart/form-data'];
      const properties = resolve(multipart?.schema)?.properties as Record<string, any> | undefined;
      if (multipart && properties) {
        const files = Object.entries(properties).filter(([, p]) => p?.format === 'binary');
        if (files.length > 0) {
          multipart.encoding = Object.fromEntries(files.map(([name, p]) => [name, { contentType: p.contentMediaType ?? 'application/octet-stream' }]));
        }
      }
    }
  }
  return document;
}
