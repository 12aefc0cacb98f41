import t from 'tap';
import type { AnyStateMachine } from 'xstate';
import { readFile } from 'node:fs/promises';
import { openApiDocument, openApiJson, openApiTypes } from '../../adapters/cli/commands/docs.js';
import { applicationMachine } from '../../machines/application.js';
import { institutionMachine } from '../../machines/institution.js';
import { stateLabel, stateNodes } from '../../machines/shared/introspect.js';
import { errorCodes } from '../../src/errors.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createEngine } from '../../src/create-engine.js';
import { openTestDatabase } from '../helpers/database.js';

const database = await openTestDatabase(t);
const engine = await createEngine({ db: database });
t.teardown(() => engine.close());
const generated = await openApiDocument(engine);

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const operations = Object.entries(generated.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  methods.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] })),
);

/** Resolves a local JSON pointer (`#/components/schemas/X`) in the document, or undefined. */
function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: any = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

function refsIn(value: unknown, at = '#', found: { at: string; ref: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => refsIn(v, `${at}/${i}`, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push({ at, ref: inner });
      else refsIn(inner, `${at}/${key}`, found);
    }
  }
  return found;
}

t.test('the committed docs/openapi.json is exactly what the plugin generates', async (t) => {
  const committed = await readFile(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
  t.equal(committed, openApiJson(generated), 'run `npm run docs` and commit docs/openapi.json');
});

t.test('the committed docs/openapi.d.ts is what openapi-typescript generates from the document', async (t) => {
  const committed = await readFile(new URL('../../docs/openapi.d.ts', import.meta.url), 'utf8');
  t.equal(committed, await openApiTypes(JSON.parse(openApiJson(generated))), 'run `npm run docs` and commit docs/openapi.d.ts');
});

t.test('the generated types have every operation under `operations`, and uploads typed as Blob', async (t) => {
  const types = await readFile(new URL('../../docs/openapi.d.ts', import.meta.url), 'utf8');
  const block = types.slice(types.indexOf('export interface operations {'));
  for (const { operation } of operations) t.match(block, new RegExp(`\\n    ${operation.operationId}: \\{`), `operations.${operation.operationId}`);
  for (const [path, field] of [
    ['/api/v1/institution-registrations', 'registrationForm'],
    ['/api/v1/applications/{id}/segments/{segmentId}/paper-certificate', 'file'],
    ['/api/v1/physicians/import', 'file'],
  ] as const) {
    const body = generated.paths[path].post.requestBody.content['multipart/form-data'];
    t.ok(body.encoding?.[field]?.contentType, `${path}: the encoding of ${field} names its media types`);
    const schema = resolvePointer(generated, body.schema.$ref) as { properties: Record<string, { format?: string }> };
    t.equal(schema.properties[field]?.format, 'binary', `${path}: ${field} is binary`);
  }
  t.match(types, /registrationForm: Blob;/, 'file fields are Blob in the types');
});

t.test('every 2xx response has a real description; 429 answers carry Retry-After, downloads Content-Disposition', async (t) => {
  for (const { path, method, operation } of operations) {
    for (const [status, response] of Object.entries(operation.responses) as [string, any][]) {
      if (status.startsWith('2')) t.not(response.description, 'Default Response', `${method} ${path} ${status} is described`);
      if (status === '429') t.ok(response.headers?.['Retry-After'], `${method} ${path} 429 has Retry-After`);
    }
  }
  for (const path of ['/api/v1/attachments/{id}', '/api/v1/registration-form']) {
    t.ok(generated.paths[path].get.responses['200'].headers?.['Content-Disposition'], `${path}: Content-Disposition`);
  }
});

t.test('state fields are enums of the machine\'s leaf states, generated from the machine, with Chinese labels', async (t) => {
  const schemas = generated.components.schemas;
  const leaves = (machine: AnyStateMachine) => stateNodes(machine).filter(({ node }) => Object.keys(node.states).length === 0).map(({ path }) => path);
  for (const [schema, machine] of [
    ['ApplicationDetail', applicationMachine],
    ['ApplicationListItem', applicationMachine],
    ['InstitutionSummary', institutionMachine],
  ] as const) {
    const state = schemas[schema].properties.state;
    t.same(state.enum, leaves(machine), `${schema}.state lists every leaf state of ${machine.id}`);
    t.equal(state['x-enumDescriptions']['unitReview.approved'] ?? state['x-enumDescriptions'].approved, stateLabel(machine, machine.id === 'application' ? 'unitReview.approved' : 'approved'));
  }
  t.same(schemas.ApplicationListItem.properties.entryMode.anyOf?.[0]?.['x-enumDescriptions'] ?? schemas.ApplicationListItem.properties.entryMode['x-enumDescriptions'], { candidate: '考生申报', unit: '单位直接录入' });
  t.same(schemas.Project.properties.status.enum, ['notStarted', 'open', 'closed']);
});

t.test('error.code is an enum of the error registry, details typed as field issues or a refusal', async (t) => {
  const error = generated.components.schemas.Error.properties.error;
  t.same(error.properties.code.enum, Object.keys(errorCodes), 'every registered code, in registry order');
  t.equal(error.properties.code['x-enumDescriptions'].NOT_FOUND, errorCodes.NOT_FOUND.message);
  t.match(JSON.stringify(error.properties.details), /FieldIssue/);
  t.match(JSON.stringify(error.properties.details), /RefusalDetails/);
});

t.test('ids, instants and dates carry their formats in answers as in paths', async (t) => {
  const schemas = generated.components.schemas;
  t.equal(schemas.ApplicationDetail.properties.id.format, 'uuid');
  t.equal(schemas.ApplicationListItem.properties.createdAt.format, 'date-time');
  t.equal(schemas.Project.properties.approvalDeadline.format, 'date');
  t.equal(schemas.ApplicationData.properties.segments.items.properties.startsOn.format, 'date');
  t.equal(generated.paths['/api/v1/applications/{id}'].get.parameters.find((p: { in: string }) => p.in === 'path').schema.format, 'uuid');
});

/** A validator of the document's JSON schemas: OpenAPI 3.1 uses JSON Schema 2020-12, with the formats checked. */
function schemaValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'doc', components: generated.components }, 'doc');
  // $refs point into the document; rewrite them to the registered copy.
  const rebase = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(rebase)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `doc${v}` : rebase(v)]))
        : value;
  return (schema: unknown, value: unknown) => {
    const validate = ajv.compile(rebase(schema) as object);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

t.test('every operation with a JSON answer shows an example, and the example is valid against its schema', async (t) => {
  const check = schemaValidator();
  let checked = 0;
  for (const { path, method, operation } of operations) {
    const [status, response] = (Object.entries(operation.responses) as [string, any][]).find(([s]) => s.startsWith('2'))!;
    const media = response.content?.['application/json'];
    if (!media) continue;
    t.ok(media.example !== undefined, `${operation.operationId} (${method} ${path} ${status}) has an example`);
    if (media.example === undefined) continue;
    t.same(check(media.schema, media.example), [], `${operation.operationId}: the example matches the ${status} schema`);
    checked++;
  }
  t.ok(checked >= 30, `${checked} examples validated`);
});

t.test('the example check finds an example that does not match', async (t) => {
  const check = schemaValidator();
  const schema = generated.paths['/api/v1/applications/{id}'].get.responses['200'].content['application/json'].schema;
  const example = generated.paths['/api/v1/applications/{id}'].get.responses['200'].content['application/json'].example;
  t.same(check(schema, example), []);
  t.not(check(schema, { ...example, state: 'nowhere' }).length, 0, 'a state the machine does not have is refused');
  t.not(check(schema, { ...example, createdAt: 'yesterday' }).length, 0, 'a date-time that is not one is refused');
  const { version: _version, ...withoutVersion } = example;
  t.not(check(schema, withoutVersion).length, 0, 'a missing required field is refused');
});

t.test('the committed document is stable: sorted keys and a trailing newline', async (t) => {
  const text = openApiJson(generated);
  t.ok(text.endsWith('}\n'));
  t.equal(openApiJson(JSON.parse(text)), text, 're-serialising the file changes nothing');
  t.same(Object.keys(JSON.parse(text)), ['components', 'info', 'openapi', 'paths', 'security', 'servers', 'tags']);
});

t.test('the document is OpenAPI 3.1 with the API of SPEC §5 under /api/v1', async (t) => {
  t.match(generated.openapi, /^3\.1\./);
  t.ok(generated.info?.title && generated.info?.version, 'info has a title and a version');
  t.match(generated.components?.securitySchemes?.bearer, { type: 'http', scheme: 'bearer', bearerFormat: String, description: /POST \/sessions/ });
  t.same(generated.security, [{ bearer: [] }], 'a session is the default');
  t.equal(generated.info.version, JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')).version, 'info.version is the package version');
  t.match(generated.info, { license: { name: 'MIT', identifier: 'MIT' }, contact: { name: String } });
  t.same(generated.servers.map((s: { url: string }) => s.url), ['/']);
  for (const path of [
    '/api/v1/sessions',
    '/api/v1/institution-registrations',
    '/api/v1/projects/{id}/applications',
    '/api/v1/applications/{id}/events',
    '/api/v1/physicians/import',
    '/api/v1/workflows/{name}',
  ]) {
    t.ok(generated.paths[path], `documents ${path}`);
  }
  t.notOk(generated.paths['/api/v1/openapi.json'], 'the document does not describe itself');
});

t.test('every operation has a summary, a description, an operationId and at least one response', async (t) => {
  t.ok(operations.length >= 30, `${operations.length} operations`);
  const missing = operations.filter(({ operation }) => !operation.summary || !operation.description || !/^[a-z][A-Za-z]+$/.test(operation.operationId ?? ''));
  t.same(missing.map((o) => `${o.method} ${o.path}`), [], 'operations without summary, description or a camelCase operationId');
  const noResponses = operations.filter(({ operation }) => Object.keys(operation.responses ?? {}).length === 0);
  t.same(noResponses.map((o) => `${o.method} ${o.path}`), [], 'operations without responses');
  const ids = operations.map((o) => o.operation.operationId).filter(Boolean);
  t.equal(new Set(ids).size, ids.length, 'operationIds are unique');
});

t.test('every response has a valid status key and the description OpenAPI requires; every operation is tagged', async (t) => {
  const bad: string[] = [];
  for (const { path, method, operation } of operations) {
    if (!Array.isArray(operation.tags) || operation.tags.length === 0) bad.push(`${method} ${path}: no tags`);
    for (const [status, response] of Object.entries(operation.responses ?? {}) as [string, any][]) {
      if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) bad.push(`${method} ${path}: status ${status}`);
      const resolved = response?.$ref ? (resolvePointer(generated, response.$ref) as any) : response;
      if (typeof resolved?.description !== 'string') bad.push(`${method} ${path} ${status}: no description`);
    }
  }
  t.same(bad, []);
});

t.test('every security requirement names a declared security scheme', async (t) => {
  const schemes = Object.keys(generated.components?.securitySchemes ?? {});
  const unknown = operations.flatMap(({ path, method, operation }) =>
    (operation.security ?? []).flatMap((requirement: Record<string, unknown>) =>
      Object.keys(requirement)
        .filter((name) => !schemes.includes(name))
        .map((name) => `${method} ${path}: ${name}`),
    ),
  );
  t.same(unknown, []);
  t.ok(operations.some(({ operation }) => operation.security?.length), 'protected operations declare bearer security');
  const open = operations.filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0).map((o) => o.operation.operationId);
  t.same(open.sort(), [
    'activateAccount', 'downloadRegistrationForm', 'getWorkflow', 'listDepartments', 'listWorkflows',
    'logIn', 'queryRegistration', 'registerCandidate', 'registerInstitution', 'sendRegistrationQueryCode', 'verifyCertificate',
  ], 'exactly the public operations say security: []');
  const tags = generated.tags.map((tag: { name: string }) => tag.name);
  t.same(operations.flatMap(({ operation }) => operation.tags).filter((tag: string) => !tags.includes(tag)), [], 'every operation tag is declared at the root');
});

t.test('every path template parameter is declared as a path parameter', async (t) => {
  for (const { path, method, operation } of operations) {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = (operation.parameters ?? [])
      .map((p: any) => (p.$ref ? resolvePointer(generated, p.$ref) : p) as any)
      .filter((p: any) => p?.in === 'path')
      .map((p: any) => p.name)
      .sort();
    t.same(declared, inPath, `${method} ${path}`);
  }
});

t.test('every $ref in the document resolves', async (t) => {
  const refs = refsIn(generated);
  t.ok(refs.length > 0, 'the document uses shared component schemas');
  const dangling = refs.filter(({ ref }) => resolvePointer(generated, ref) === undefined);
  t.same(dangling, [], 'dangling $refs');
});

t.test('the reference checks find a dangling $ref and resolve a real one', async (t) => {
  // Guards the checks above: a resolver that resolved everything would make them pass vacuously.
  const broken = { components: { schemas: {} }, paths: { '/x': { get: { responses: {}, parameters: [{ $ref: '#/components/parameters/nope' }] } } } };
  t.equal(resolvePointer(broken, '#/components/parameters/nope'), undefined);
  t.same(refsIn(broken).map((r) => r.ref), ['#/components/parameters/nope']);
  t.equal(resolvePointer(generated, '#/components/schemas/ApplicationData') !== undefined, true);
});
