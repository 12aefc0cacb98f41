/**
 * A typed client of the HTTP API: openapi-fetch over the types that
 * `npm run docs` generates from docs/openapi.json (docs/openapi.d.ts). Paths,
 * parameters, bodies and answers are checked by the compiler; no response
 * type is written by hand.
 *
 * What it does is the reviewer's daily round: log in as business account 19,
 * list the project's applications waiting for the unit's review, and approve
 * the first one (with an explanation when it shows a red hint).
 *
 *   node .scratch/examples/typed-client.js http://127.0.0.1:3000 WS-00000-034-19 Demo@2026
 */
import createClient from 'openapi-fetch';
import type { components, paths } from '../openapi.js';

type ApplicationDetail = components['schemas']['ApplicationDetail'];

/** An answer's error as the API words it: `CODE: 中文信息`. */
function failure(step: string, error: { error: { code: string; message: string } } | undefined, status: number): Error {
  return new Error(`${step}: ${status} ${error ? `${error.error.code}: ${error.error.message}` : ''}`);
}

/**
 * Logs in, finds the first application waiting for the unit (`unitReview.pending`)
 * in the first open project and approves it; null when nothing waits.
 */
export async function approveFirstPending(baseUrl: string, login: string, password: string): Promise<ApplicationDetail | null> {
  const client = createClient<paths>({ baseUrl });

  const session = await client.POST('/api/v1/sessions', { body: { login, password } });
  if (!session.data) throw failure('login', session.error, session.response.status);
  const token = session.data.token;
  client.use({
    onRequest: ({ request }) => {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });

  const projects = await client.GET('/api/v1/projects', { params: { query: { pageSize: 100 } } });
  if (!projects.data) throw failure('projects', projects.error, projects.response.status);
  const project = projects.data.items.find((p) => p.status === 'open');
  if (!project) return null;

  const pending = await client.GET('/api/v1/projects/{id}/applications', {
    params: { path: { id: project.id }, query: { state: 'unitReview.pending', pageSize: 1 } },
  });
  if (!pending.data) throw failure('pending applications', pending.error, pending.response.status);
  const first = pending.data.items[0];
  if (!first) return null;

  const approved = await client.POST('/api/v1/applications/{id}/events', {
    params: { path: { id: first.id } },
    body: {
      type: 'APPROVE',
      // A red hint needs the reviewer's explanation (EXPLANATION_REQUIRED otherwise).
      ...(first.redCount > 0 ? { explanation: '已核实试用期材料' } : {}),
      expectedVersion: first.version,
    },
  });
  if (!approved.data) throw failure('approve', approved.error, approved.response.status);
  return approved.data;
}

const [baseUrl, login, password] = process.argv.slice(2);
if (baseUrl && login && password) {
  approveFirstPending(baseUrl, login, password).then(
    (approved) => console.log(approved ? `${approved.id}: ${approved.stateLabel}` : 'nothing waits for review'),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
