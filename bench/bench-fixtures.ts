/**
 * The engine and the applications the decision benchmarks work on, taken
 * from the generated data (bench/generate-data.ts).
 */
import type { FastifyInstance } from 'fastify';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase, type Database } from '../src/persistence/database.js';
import { createEngine, type Engine } from '../src/create-engine.js';
import { createFileStorage } from '../src/storage/file-storage.js';
import type { Actor } from '../src/engine/actor.js';
import { transitionStatement } from '../src/engine/runner/write-statement.js';

export interface BenchEngine {
  database: Database;
  engine: Engine;
  close(): Promise<void>;
}

/** An engine on the benchmark database (migrated; notifications only logged at warn); `pipeline: false` as `openDatabase` takes it. */
export async function benchEngine(url: string, maxConnections = 10, options: { pipeline?: boolean } = {}): Promise<BenchEngine> {
  const database = await openDatabase({ url, maxConnections, ...options });
  const engine = await createEngine({
    db: database,
    logger: pino({ level: 'error' }),
    storage: createFileStorage(await mkdtemp(join(tmpdir(), 'pw-bench-files-'))),
  });
  return {
    database,
    engine,
    async close() {
      await engine.close();
      await database.close();
    },
  };
}

/** A business-19 actor of an institution (the unit that decides). */
export const unitActor = (institutionId: string): Actor => ({ id: null, kind: 'business', institutionId, businessCode: '19' });

export interface Decidable {
  id: string;
  institutionId: string;
}

/**
 * `count` applications of the open project in unit review that accept both
 * REJECT and APPROVE with an explanation (some templates need a paper
 * certificate the copies lack), not decided many times by an earlier run;
 * optionally all of one institution, accepting `minimum` of them.
 * Probing leaves each in unitReview.approved.
 */
export async function decidableApplications(
  engine: Engine,
  count: number,
  options: { institutionId?: string; minimum?: number; exclude?: ReadonlySet<string>; maxVersion?: number } = {},
): Promise<Decidable[]> {
  const project = await engine.db.selectFrom('pw_projects').select('id').orderBy('approval_deadline', 'desc').executeTakeFirstOrThrow();
  const found: Decidable[] = [];
  // Page by arrival: the refused ones (a template needing a paper certificate) stay at the front run after run.
  let after = -1;
  for (let page = 0; page < 50 && found.length < count; page++) {
    let query = engine.db
      .selectFrom('pw_applications')
      .select(['id', 'institution_id', 'arrival_no'])
      .where('project_id', '=', project.id)
      .where('state', 'in', ['unitReview.pending', 'unitReview.approved', 'unitReview.rejected'])
      // Fresh ones: an application an earlier run decided thousands of times has a history no real one has.
      .where('version', '<', options.maxVersion ?? 20)
      .where('arrival_no', '>', after)
      .orderBy('arrival_no')
      .limit(count * 4);
    if (options.institutionId) query = query.where('institution_id', '=', options.institutionId);
    const rows = await query.execute();
    if (rows.length === 0) break;
    after = Number(rows.at(-1)!.arrival_no);
    for (const row of rows) {
      if (found.length >= count) break;
      if (options.exclude?.has(row.id)) continue;
      const actor = unitActor(row.institution_id!);
      try {
        await engine.workflows.application.send(row.id, { type: 'REJECT', explanation: '基准测试' }, actor);
        await engine.workflows.application.send(row.id, { type: 'APPROVE', explanation: '基准测试' }, actor);
        found.push({ id: row.id, institutionId: row.institution_id! });
      } catch {
        // refused (e.g. a missing paper certificate): not a candidate for the loop
      }
    }
  }
  if (found.length < (options.minimum ?? count)) throw new Error(`only ${found.length} of ${count} decidable applications found: generate the data first (npm run bench:generate)`);
  return found;
}

/**
 * Applications of the institutions with the most fresh ones in unit review (up to
 * `perInstitution` of each of `institutions`), for loops that decide through a business-19
 * account per institution: each application is decided only a few times per round, so the
 * answers, which carry the history as GET does, stay the size of a real one's (a dozen rows).
 */
export async function decidableOfBusiestInstitutions(engine: Engine, institutions: number, perInstitution = 40): Promise<Decidable[]> {
  const project = await engine.db.selectFrom('pw_projects').select('id').orderBy('approval_deadline', 'desc').executeTakeFirstOrThrow();
  const busiest = await engine.db
    .selectFrom('pw_applications')
    .select('institution_id')
    .where('project_id', '=', project.id)
    .where('state', 'in', ['unitReview.pending', 'unitReview.approved', 'unitReview.rejected'])
    .where('version', '<', 4)
    .groupBy('institution_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .limit(institutions)
    .execute();
  const apps: Decidable[] = [];
  for (const { institution_id } of busiest) apps.push(...(await decidableApplications(engine, perInstitution, { institutionId: institution_id!, minimum: 1, maxVersion: 4 })));
  return apps;
}

/** The password of the benchmarks' business accounts. */
export const benchPassword = 'Bench@2026';

/**
 * The login of the institution's business-19 account for the benchmarks, created (password
 * {@link benchPassword}) when an earlier run has not.
 */
export async function benchBusinessLogin(engine: Engine, institutionId: string): Promise<string> {
  const login = `bench19-${institutionId.slice(0, 8)}`;
  if (!(await engine.db.selectFrom('pw_accounts').select('id').where('login', '=', login).executeTakeFirst())) {
    await engine.accounts.create({ kind: 'business', login, name: '基准测试业务账号19', password: benchPassword, institutionId, businessCode: '19' });
  }
  return login;
}

/**
 * A bearer header per institution of `apps`, from a login of its business-19 account through the
 * server's `inject` (no socket).
 */
export async function injectedLogins(app: FastifyInstance, engine: Engine, apps: readonly Decidable[]): Promise<Map<string, { authorization: string }>> {
  const headers = new Map<string, { authorization: string }>();
  for (const { institutionId } of apps) {
    if (headers.has(institutionId)) continue;
    const login = await benchBusinessLogin(engine, institutionId);
    const session = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login, password: benchPassword } });
    if (session.statusCode !== 201) throw new Error(`login ${login}: ${session.statusCode} ${session.body}`);
    headers.set(institutionId, { authorization: `Bearer ${(session.json() as { token: string }).token}` });
  }
  return headers;
}

/** An application as the bare baselines decide it: what the engine's write needs of the row. */
export interface DecisionTarget {
  id: string;
  version: number;
  state: string;
  /** The machine context as jsonb text. */
  context: string;
  submittedAt: Date | null;
}

/** The engine's write for one decision of `t`, as the runner builds it (row, history, audit). */
export function engineWrite(t: DecisionTarget, event: string, to: string, payload: string, now: Date) {
  const version = t.version + 1;
  return transitionStatement({
    table: 'pw_applications',
    entity: {
      update: { state: to, context: t.context, machine_version: '1', version, updated_at: now, open: true, entry_mode: 'candidate', note: '基准测试', submitted_at: t.submittedAt, red_count: 0 },
      id: t.id,
      version: t.version,
    },
    history: {
      entity_type: 'application', entity_id: t.id, seq: version, from_state: t.state, to_state: to, event_type: event, payload,
      actor_id: null, actor_role: 'business', idempotency_key: null, request_hash: null, result: null, created_at: now,
    },
    audit: { at: now, actor_id: null, actor_kind: 'business', ip: null, action: `event.application.${event}`, subject_type: 'application', subject_id: t.id, detail: JSON.stringify({ from: t.state, to, version }) },
    outbox: [],
  });
}

/** Runs `worker(i)` in `clients` concurrent loops for `seconds`; returns the operations completed. */
export async function runFor(clients: number, seconds: number, worker: (client: number) => Promise<void>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < until) {
        await worker(c);
        done++;
      }
    }),
  );
  return done;
}
