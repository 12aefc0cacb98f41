/**
 * The engine and the applications the decision benchmarks work on, taken
 * from the generated data (bench/generate-data.ts).
 */
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
