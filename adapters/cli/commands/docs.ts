import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import Fastify from 'fastify';
import { workflowsMarkdown } from '../../../src/diagrams/workflows-markdown.js';
import { createEngine, type Engine } from '../../../src/engine/engine.js';
import { openDatabase } from '../../../src/persistence/database.js';
import { probationPlugin } from '../../http/plugin.js';

/** Where the bundled server mounts the plugin, so the document's paths are the ones it serves. */
export const openApiPrefix = '/api/v1';

/**
 * The OpenAPI document of the real plugin, mounted at /api/v1 as in the
 * bundled server: exactly what `GET /api/v1/openapi.json` answers.
 *
 * @example
 * const document = await openApiDocument(engine);
 * document.paths['/api/v1/sessions'].post.summary;
 */
export async function openApiDocument(engine: Engine): Promise<Record<string, any>> {
  const app = Fastify({ logger: false });
  try {
    await app.register(probationPlugin, { engine, prefix: openApiPrefix });
    const response = await app.inject({ method: 'GET', url: `${openApiPrefix}/openapi.json` });
    if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}: ${response.body}`);
    return response.json();
  } finally {
    await app.close();
  }
}

/**
 * The committed form of docs/openapi.json: every object's keys sorted
 * (arrays keep their order), two-space indent, trailing newline. Sorting
 * makes the file independent of route registration order, so it changes
 * only when the API does and its diffs are readable.
 *
 * @example
 * openApiJson({ paths: {}, openapi: '3.1.0' }); // '{\n  "openapi": "3.1.0",\n  "paths": {}\n}\n'
 */
export function openApiJson(document: unknown): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
}

/**
 * `probation-workflow docs`: regenerates docs/workflows.md from the machines and
 * docs/openapi.json from the plugin (run from the repository root). The
 * plugin is mounted over a throw-away in-memory engine that is never queried.
 */
export async function docs(): Promise<void> {
  const workflows = resolve('docs/workflows.md');
  await mkdir(dirname(workflows), { recursive: true });
  await writeFile(workflows, workflowsMarkdown());
  console.log(`wrote ${workflows}`);

  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    // No migration: registering routes never queries, and files are stored lazily.
    const engine = await createEngine({ db: database, migrate: false });
    try {
      const target = resolve('docs/openapi.json');
      await writeFile(target, openApiJson(await openApiDocument(engine)));
      console.log(`wrote ${target}`);
    } finally {
      await engine.close();
    }
  } finally {
    await database.close();
  }
}
