/**
 * Persisted transitions (SPEC §9: the engine at ≥ 80 % of bare `pg`
 * executing the same SQL, real PostgreSQL), at 2 and 8 concurrent clients.
 *
 * Each client owns one application of the generated data (unit review of
 * the open project) and alternates REJECT / APPROVE with an explanation, so
 * rows never wait on each other's locks. Three loops, interleaved round by
 * round so the machine's other load hits them alike:
 * - `bare pg: update + history` — BEGIN; UPDATE … WHERE id AND version;
 *   INSERT history; COMMIT (named prepared statements): the issue's baseline;
 * - `bare pg: the engine's own statements` — exactly the statements the engine
 *   sends, with the same texts and parameter shapes, on a bare connection:
 *   BEGIN; the lock with the guards' reads (project, registry teachers, paper
 *   certificates) in one statement; the one write of the row, history, audit
 *   (a data-modifying CTE); COMMIT — once each waiting for every answer (four
 *   round trips), once pipelined as the engine sends them (BEGIN with the
 *   lock, COMMIT behind the write: two round trips). Engine ÷ the pipelined
 *   one is what our code costs on top of the database doing the engine's work;
 * - `engine` — engine.workflows.application.send, and the same on a pool
 *   opened with `pipeline: false` (every statement waits for the previous
 *   answer): what pipelining saves.
 * Prints rates (median of the rounds) and the ratios.
 *
 * Options: --seconds S per loop and round (default 5), --rounds R (default 3), --clients 2,8.
 */
import pg from 'pg';
import { benchArgs, benchUrl, log, measureDatabaseCpu, median, ratioLine, reportLoad, table } from './bench-support.js';
import { benchEngine, decidableApplications, engineWrite, runFor, unitActor, type DecisionTarget } from './bench-fixtures.js';
import { lockStatement } from '../src/engine/runner/entity-read.js';
import { lockedIndicatorInputs } from '../src/applications/application-indicators.js';

interface Target extends DecisionTarget {
  institutionId: string;
}

const updateSql = `update pw_applications set state = $2, context = $3, version = version + 1, updated_at = $4, note = $5, red_count = $6
  where id = $1 and version = $7`;
const historySql = `insert into pw_history (entity_type, entity_id, seq, from_state, to_state, event_type, payload, actor_id, actor_role, idempotency_key, result, created_at)
  values ('application', $1, $2, $3, $4, $5, $6, null, 'business', null, $7, $8)`;
// The engine's own statements, taken from the engine's modules so they stay the same texts.
const lockSql = lockStatement('pw_applications', lockedIndicatorInputs());

/**
 * One bare transaction, named prepared statements: `full` runs the engine's own statements instead
 * of the minimal two; `pipelined` (on a pipeline-mode client) sends BEGIN with the lock and COMMIT
 * behind the write, as the engine's connections do.
 */
async function bareTransition(client: pg.PoolClient, t: Target, step: number, payload: string, full: boolean, pipelined = false): Promise<void> {
  const q = (name: string, text: string, values: unknown[]) => client.query({ name, text, values });
  const event = step % 2 === 0 ? 'REJECT' : 'APPROVE';
  const to = event === 'REJECT' ? 'unitReview.rejected' : 'unitReview.approved';
  const now = new Date();
  if (pipelined) {
    const begun = client.query('begin');
    await q('lock', lockSql, [t.id]);
    await begun;
    const { text, params } = engineWrite(t, event, to, payload, now);
    const written = q('write', text, params);
    const committed = client.query('commit');
    if ((await written).rows[0]?.n !== 1) throw new Error('version conflict in the baseline');
    await committed;
    t.version++;
    t.state = to;
    return;
  }
  await client.query('begin');
  try {
    if (full) {
      await q('lock', lockSql, [t.id]);
      const { text, params } = engineWrite(t, event, to, payload, now);
      const written = await q('write', text, params);
      if (written.rows[0]?.n !== 1) throw new Error('version conflict in the baseline');
      t.version++;
      t.state = to;
    } else {
      const updated = await q('update', updateSql, [t.id, to, t.context, now, '基准测试', 0, t.version]);
      if (updated.rowCount !== 1) throw new Error('version conflict in the baseline');
      t.version++;
      const result = JSON.stringify({ id: t.id, workflow: 'application', event, from: null, state: to, version: t.version, at: now.toISOString(), replayed: false });
      await q('history', historySql, [t.id, t.version, null, to, event, payload, result, now]);
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}

async function main(): Promise<void> {
  await reportLoad();
  const args = benchArgs();
  const seconds = Number(args.get('seconds') ?? 5);
  const rounds = Number(args.get('rounds') ?? 3);
  const clientCounts = String(args.get('clients') ?? '2,8').split(',').map(Number);
  const url = benchUrl();
  const maxClients = Math.max(...clientCounts);
  const { engine, close } = await benchEngine(url, maxClients + 2);
  // The same engine with every statement waiting for the previous answer: what pipelining saves.
  const sequential = await benchEngine(url, maxClients + 2, { pipeline: false });
  const pool = new pg.Pool({ connectionString: url, max: maxClients });
  const pipelinedPool = new pg.Pool({ connectionString: url, max: maxClients, pipeline: true });
  try {
    log('transitions: finding decidable applications …');
    const apps = await decidableApplications(engine, maxClients);
    // The engine's own history payload of an APPROVE, so the baseline writes rows of the same size.
    const { rows: sample } = await pool.query(`select payload from pw_history where entity_id = $1 and event_type = 'APPROVE' order by seq desc limit 1`, [apps[0]!.id]);
    const payload = JSON.stringify(sample[0]!.payload);
    const load = async (): Promise<Target[]> =>
      Promise.all(
        apps.map(async (a) => {
          const { rows } = await pool.query('select version, state, context, submitted_at from pw_applications where id = $1', [a.id]);
          const r = rows[0]!;
          return { id: a.id, institutionId: a.institutionId, version: r.version, state: r.state, context: JSON.stringify(r.context), submittedAt: r.submitted_at };
        }),
      );
    const results: { label: string; clients: number; rates: number[]; user: number[]; system: number[]; database: number[] }[] = [];
    const resultOf = (label: string, clients: number) => results.find((r) => r.label === label && r.clients === clients)!;
    // The CPU per transition of this process (user, system) and of PostgreSQL's processes: on a
    // machine whose cores both share, every millisecond of ours is one the database does not get,
    // and the bare loops show the floor of each.
    const measured = async (clients: number, work: () => Promise<number>) => {
      const cpu = process.cpuUsage();
      const databaseCpu = measureDatabaseCpu();
      const n = await work();
      const used = process.cpuUsage(cpu);
      const database = databaseCpu();
      const per = (ms: number) => ms / Math.max(n, 1);
      return { rate: n / seconds, user: per(used.user / 1000), system: per(used.system / 1000), database: database === undefined ? Number.NaN : per(database) };
    };
    const record = (label: string, clients: number, outcome: { rate: number; user: number; system: number; database: number }) => {
      let entry = results.find((r) => r.label === label && r.clients === clients);
      if (!entry) results.push((entry = { label, clients, rates: [], user: [], system: [], database: [] }));
      entry.rates.push(outcome.rate);
      entry.user.push(outcome.user);
      entry.system.push(outcome.system);
      entry.database.push(outcome.database);
      log(
        `  ${label}, ${clients} clients: ${Math.round(outcome.rate)} /s; ms CPU per transition: this process ${outcome.user.toFixed(2)} user + ${outcome.system.toFixed(2)} system, PostgreSQL ${outcome.database.toFixed(2)}`,
      );
    };
    for (let round = 1; round <= rounds; round++) {
      for (const clients of clientCounts) {
        log(`round ${round}, ${clients} clients`);
        for (const [label, full, pipelined] of [
          ['bare pg: update + history', false, false],
          ["bare pg: the engine's own statements", true, false],
          ["bare pg: the engine's own statements, pipelined", true, true],
        ] as const) {
          const targets = await load();
          const connections = await Promise.all(targets.slice(0, clients).map(() => (pipelined ? pipelinedPool : pool).connect()));
          const steps = new Array(clients).fill(0);
          const outcome = await measured(clients, () => runFor(clients, seconds, (c) => bareTransition(connections[c]!, targets[c]!, steps[c]++, payload, full, pipelined)));
          connections.forEach((c) => c.release());
          record(label, clients, outcome);
        }
        for (const [label, on] of [
          ['engine (workflows.application.send)', engine],
          ['engine, pipeline: false', sequential.engine],
        ] as const) {
          const steps = new Array(clients).fill(0);
          const outcome = await measured(clients, () =>
            runFor(clients, seconds, async (c) => {
              const app = apps[c]!;
              await on.workflows.application.send(app.id, { type: steps[c]++ % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' }, unitActor(app.institutionId));
            }),
          );
          record(label, clients, outcome);
        }
      }
    }
    // Leave the applications as the engine would: the last history row decides the state.
    await pool.query(`update pw_applications a set state = h.to_state from (select distinct on (entity_id) entity_id, to_state from pw_history
      where entity_id = any($1::uuid[]) order by entity_id, seq desc) h where h.entity_id = a.id`, [apps.map((a) => a.id)]);

    const rows: (string | number)[][] = [];
    for (const clients of clientCounts) {
      const entry = (label: string) => resultOf(label, clients);
      const rate = (label: string) => median(entry(label).rates);
      const minimal = rate('bare pg: update + history');
      const full = rate("bare pg: the engine's own statements");
      const eng = rate('engine (workflows.application.send)');
      const spread = (label: string) => {
        const rs = entry(label).rates;
        return `${Math.round(Math.min(...rs))}–${Math.round(Math.max(...rs))}`;
      };
      // ms CPU per transition: this process (user + system) and PostgreSQL's processes.
      const cpu = (label: string) => {
        const { user, system, database } = entry(label);
        const db = median(database);
        return `${median(user).toFixed(2)} + ${median(system).toFixed(2)} · ${Number.isNaN(db) ? 'n/a' : db.toFixed(2)}`;
      };
      rows.push([`${clients}`, 'bare pg: BEGIN; UPDATE … version; INSERT history; COMMIT', Math.round(minimal), spread('bare pg: update + history'), cpu('bare pg: update + history'), '']);
      rows.push([
        `${clients}`,
        "bare pg: the engine's own statements (BEGIN; lock + guards' reads; one write; COMMIT), each waiting for the last",
        Math.round(full),
        spread("bare pg: the engine's own statements"),
        cpu("bare pg: the engine's own statements"),
        `${(full / minimal).toFixed(2)} of update+history`,
      ]);
      const pipelined = rate("bare pg: the engine's own statements, pipelined");
      rows.push([
        `${clients}`,
        "bare pg: the engine's own statements, pipelined as the engine sends them (BEGIN with the lock, COMMIT behind the write)",
        Math.round(pipelined),
        spread("bare pg: the engine's own statements, pipelined"),
        cpu("bare pg: the engine's own statements, pipelined"),
        `${(pipelined / minimal).toFixed(2)} of update+history: the database's share`,
      ]);
      rows.push([
        `${clients}`,
        'engine: workflows.application.send (REJECT/APPROVE)',
        Math.round(eng),
        spread('engine (workflows.application.send)'),
        cpu('engine (workflows.application.send)'),
        `${(eng / minimal).toFixed(2)} of update+history (target ≥ 0.8 ${eng / minimal >= 0.8 ? 'met' : 'NOT met'}); ${(eng / pipelined).toFixed(2)} of its own statements sent as it sends them`,
      ]);
      const unpipelined = rate('engine, pipeline: false');
      rows.push([
        `${clients}`,
        'engine on a pool with pipeline: false (each statement waits for the last answer)',
        Math.round(unpipelined),
        spread('engine, pipeline: false'),
        cpu('engine, pipeline: false'),
        `pipelining: ×${(eng / unpipelined).toFixed(2)}`,
      ]);
    }
    console.log(`\n### Persisted transitions (${rounds} rounds × ${seconds} s per loop, interleaved; median rate)\n`);
    console.log(table(['clients', 'loop', 'transitions/s', 'range over rounds', 'ms CPU per transition: this process user + system · PostgreSQL', 'ratio'], rows));
    for (const clients of clientCounts) {
      const rate = (label: string) => median(resultOf(label, clients).rates);
      ratioLine(`engine/bare@${clients}`, rate('engine (workflows.application.send)') / rate('bare pg: update + history'), 0.8);
    }
  } finally {
    await pool.end();
    await pipelinedPool.end();
    await sequential.close();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
