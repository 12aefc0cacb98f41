import t from 'tap';
import Fastify from 'fastify';
import { probationPlugin } from '../../../adapters/http/plugin.js';
import type { Actor } from '../../../src/engine/actor.js';
import { activatedInstitution, pendingApplication, testEngine } from '../../helpers/engine.js';

// A host service registers the plugin under its own prefix with its own
// authentication. Its routes, error handler and validation stay its own;
// the engine's permissions still apply to the actors the host supplies.

t.test('the plugin inside a host app leaves the host alone and keeps engine permissions', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const applicationId = await pendingApplication(engine, institutionId);

  const host = Fastify({ logger: false });
  host.setErrorHandler((error: Error, _request, reply) => reply.code(418).send({ hostError: error.message }));
  host.get('/host/boom', async () => {
    throw new Error('host failure');
  });
  host.post('/host/echo', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } } } }, async (request) => request.body);

  const actors: Record<string, Actor> = {
    'unit-token': { id: 'host-unit', kind: 'business', institutionId, businessCode: '19' },
    'stranger-token': { id: 'host-candidate', kind: 'candidate' },
  };
  await host.register(probationPlugin, {
    engine,
    prefix: '/probation',
    docs: false,
    authenticate: (request) => actors[String(request.headers['x-host-user'] ?? '')] ?? null,
  });
  t.teardown(() => host.close());

  const boom = await host.inject({ method: 'GET', url: '/host/boom' });
  t.equal(boom.statusCode, 418, "the host's error handler still handles the host's routes");
  t.same(boom.json(), { hostError: 'host failure' });
  const echo = await host.inject({ method: 'POST', url: '/host/echo', payload: { n: 'not a number' } });
  t.equal(echo.statusCode, 418, "the host's validator (ajv) still validates the host's routes");
  t.match(echo.json().hostError, /body\/n must be number/);
  const hostMissing = await host.inject({ method: 'GET', url: '/host/missing' });
  t.not(hostMissing.json().error?.code, 'NOT_FOUND', "the plugin's not-found handler stays inside its prefix");

  const mine = await host.inject({ method: 'GET', url: `/probation/applications/${applicationId}/history`, headers: { 'x-host-user': 'unit-token' } });
  t.equal(mine.statusCode, 200, 'the host actor of the owning unit reads the history');
  t.equal(mine.json().items[0].event, 'CREATE');
  const other = await host.inject({ method: 'GET', url: `/probation/applications/${applicationId}/history`, headers: { 'x-host-user': 'stranger-token' } });
  t.equal(other.statusCode, 404, "the engine refuses another candidate's application (as if absent)");
  t.equal(other.json().error.code, 'NOT_FOUND');
  const anonymous = await host.inject({ method: 'GET', url: `/probation/applications/${applicationId}/history` });
  t.equal(anonymous.statusCode, 401);
  const bad = await host.inject({ method: 'GET', url: '/probation/applications/nope/history', headers: { 'x-host-user': 'unit-token' } });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'VALIDATION_FAILED', "the plugin's own error body inside its prefix");
  const me = await host.inject({ method: 'GET', url: '/probation/me', headers: { 'x-host-user': 'unit-token' } });
  t.equal(me.statusCode, 404, 'GET /me for a host actor without an engine account is a coded 404, not a 500');
  t.equal(me.json().error.code, 'NOT_FOUND');
  t.notOk(host.hasDecorator('swagger'), 'nothing the plugin registers is decorated on the host');
  t.notOk(host.hasRequestDecorator('actor'), 'the request decorator stays inside the plugin');
});
