import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../adapters/server/server.js';
import type { EngineOptions } from '../../src/create-engine.js';
import { testEngine } from './engine.js';

export const password = 'Demo@2026';

/**
 * The bundled server over a test engine, with an admin, a district
 * reviewer at 武汉市 (`wuhan`) and one at 黄石市 (`huangshi`).
 */
export async function testServer(t: Test, options: { rateLimitPublic?: number; engine?: Partial<EngineOptions> } = {}) {
  const context = await testEngine(t, options.engine);
  const { engine } = context;
  await engine.accounts.create({ kind: 'admin', login: 'admin', name: '省级管理员', password, departmentId: '420000' });
  await engine.accounts.create({ kind: 'district', login: 'wuhan', name: '武汉审核员', password, departmentId: '420100' });
  await engine.accounts.create({ kind: 'district', login: 'huangshi', name: '黄石审核员', password, departmentId: '420200' });
  const app: FastifyInstance = await buildServer({ engine, logger: process.env.TEST_LOG ? undefined : false, rateLimitPublic: options.rateLimitPublic ?? 10_000 });
  t.teardown(() => app.close());
  /** Logs in over HTTP and returns the Authorization header. */
  const login = async (login: string, pw = password) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login, password: pw } });
    if (res.statusCode !== 201) throw new Error(`login ${login} failed: ${res.body}`);
    return { authorization: `Bearer ${res.json().token as string}` };
  };
  return { ...context, app, login };
}
