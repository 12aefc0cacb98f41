/**
 * The HTTP decision endpoint under load (SPEC §9: ≥ 60 % of the engine's
 * own rate; server RSS ≤ 250 MB on real PostgreSQL).
 *
 * The server runs in its own process (bench/http-server.ts); autocannon
 * drives `POST /api/v1/applications/:id/events` over loopback with 8
 * connections, each on its own application of the generated data with a
 * business-19 account of that application's institution (created here if
 * missing), alternating REJECT / APPROVE. The baseline is the engine's bare
 * transition in this process — the runner's `send`
 * (`engine.workflows.application.send`), which does not build the detail the
 * route answers — with 8 concurrent callers on the same applications (issue 14:
 * HTTP ≥ 0.6 × that rate). The two alternate round by round; the
 * server's RSS is sampled every 250 ms under load.
 *
 * Options: --seconds S per loop and round (default 10), --rounds R (default 3), --connections N (default 8).
 * BENCH_PROFILE_DIR=dir writes the server's CPU profile (node --cpu-prof) into dir.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchArgs, benchUrl, log, mb, median, ratioLine, reportLoad, table } from './bench-support.js';
import { benchEngine, decidableApplications, runFor, unitActor, type Decidable } from './bench-fixtures.js';

const password = 'Bench@2026';

function startServer(): Promise<{ child: ChildProcess; port: number; rssAtStart: number }> {
  // BENCH_PROFILE_DIR=dir: the server writes a V8 CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = fork(fileURLToPath(new URL('./http-server.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profile });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number; rss: number }) => resolve({ child, port: m.port, rssAtStart: m.rss }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const rssOf = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    child.once('message', (m: { rss: number }) => resolve(m.rss));
    child.send('rss');
  });

async function main(): Promise<void> {
  await reportLoad();
  const args = benchArgs();
  const seconds = Number(args.get('seconds') ?? 10);
  const rounds = Number(args.get('rounds') ?? 3);
  const connections = Number(args.get('connections') ?? 8);
  const { engine, close } = await benchEngine(benchUrl(), connections + 2);
  const server = await startServer();
  try {
    // A few institutions with many applications in unit review: one account (and login) each, ~40 applications each,
    // so no application's history grows far beyond a real one's during the run: the answer carries the
    // history, as GET does, and a real application has a dozen rows, not hundreds. The engine loop
    // decides applications of its own (its send reads no history).
    log('http: finding decidable applications and their units …');
    const project = await engine.db.selectFrom('pw_projects').select('id').orderBy('approval_deadline', 'desc').executeTakeFirstOrThrow();
    const busiest = await engine.db
      .selectFrom('pw_applications')
      .select('institution_id')
      .where('project_id', '=', project.id)
      .where('state', 'in', ['unitReview.pending', 'unitReview.approved', 'unitReview.rejected'])
      .where('version', '<', 4)
      .groupBy('institution_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .limit(connections)
      .execute();
    const apps: Decidable[] = [];
    for (const { institution_id } of busiest) apps.push(...(await decidableApplications(engine, 40, { institutionId: institution_id!, minimum: 1, maxVersion: 4 })));
    const engineApps = await decidableApplications(engine, connections, { exclude: new Set(apps.map((a) => a.id)) });
    log(`  ${apps.length} applications of ${busiest.length} institutions`);
    if (apps.length < connections) throw new Error(`only ${apps.length} decidable applications: regenerate the data (npm run bench:generate -- --reset)`);
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    const tokens = new Map<string, string>();
    for (const app of apps) {
      if (tokens.has(app.institutionId)) continue;
      const login = `bench19-${app.institutionId.slice(0, 8)}`;
      const exists = await engine.db.selectFrom('pw_accounts').select('id').where('login', '=', login).executeTakeFirst();
      if (!exists) {
        await engine.accounts.create({ kind: 'business', login, name: '基准测试业务账号19', password, institutionId: app.institutionId, businessCode: '19' });
      }
      const response = await fetch(`${base}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
      if (response.status !== 201) throw new Error(`login ${login}: ${response.status} ${await response.text()}`);
      tokens.set(app.institutionId, ((await response.json()) as { token: string }).token);
    }
    let sent = 0;
    const engineRates: number[] = [];
    const httpRates: number[] = [];
    const rssSamples: number[] = [];
    const latencies: { p50: number; p99: number; bytes: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const steps = new Array(connections).fill(0);
      const n = await runFor(connections, seconds, async (c) => {
        const app = engineApps[c]!;
        await engine.workflows.application.send(app.id, { type: steps[c]++ % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' }, unitActor(app.institutionId));
      });
      engineRates.push(n / seconds);
      log(`round ${round}: engine ${Math.round(n / seconds)} /s`);

      const sampler = setInterval(() => void rssOf(server.child).then((r) => rssSamples.push(r)), 250);
      const result = await autocannon({
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            // autocannon resets a connection's context after each pass through `requests` (here: every
            // request), so the rotation is kept here: request i decides application i mod n, and each
            // application alternates REJECT / APPROVE pass by pass; the 8 in flight are 8 different rows.
            setupRequest: (req: Record<string, unknown>) => {
              const i = sent++;
              const app = apps[i % apps.length]!;
              return {
                ...req,
                path: `/api/v1/applications/${app.id}/events`,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(app.institutionId)}` },
                body: JSON.stringify({ type: Math.floor(i / apps.length) % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' }),
              };
            },
          },
        ],
      });
      clearInterval(sampler);
      const failed = result.non2xx + result.errors;
      if (failed > 0) log(`  ${failed} failed requests (non-2xx or errors) of ${result.requests.total}`);
      const ok = result.requests.total - failed;
      httpRates.push(ok / seconds);
      latencies.push({ p50: result.latency.p50, p99: result.latency.p99, bytes: result.throughput.total / Math.max(result.requests.total, 1) });
      log(`round ${round}: http ${Math.round(ok / seconds)} /s (latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms)`);
    }
    const e = median(engineRates);
    const h = median(httpRates);
    const peak = Math.max(...rssSamples);
    console.log(`\n### HTTP decision endpoint (${connections} connections, ${rounds} rounds × ${seconds} s, interleaved; median)\n`);
    console.log(
      table(
        ['loop', 'decisions/s', 'range over rounds', 'ratio'],
        [
          ['engine: workflows.application.send (REJECT/APPROVE, the bare transition)', Math.round(e), `${Math.round(Math.min(...engineRates))}–${Math.round(Math.max(...engineRates))}`, ''],
          [
            `HTTP: POST /api/v1/applications/:id/events (autocannon, p50 ${median(latencies.map((l) => l.p50))} ms, p99 ${median(latencies.map((l) => l.p99))} ms, ${(median(latencies.map((l) => l.bytes)) / 1024).toFixed(1)} KiB per answer)`,
            Math.round(h),
            `${Math.round(Math.min(...httpRates))}–${Math.round(Math.max(...httpRates))}`,
            `${(h / e).toFixed(2)} (target ≥ 0.6 ${h / e >= 0.6 ? 'met' : 'NOT met'})`,
          ],
        ],
      ),
    );
    ratioLine('http/engine', h / e, 0.6);
    console.log(`\n| server RSS (separate process, real PostgreSQL) | |\n|---|---:|\n| listening, before load | ${mb(server.rssAtStart)} |\n| under load, median of ${rssSamples.length} samples | ${mb(median(rssSamples))} |\n| under load, peak | ${mb(peak)} (target ≤ 250 MB ${peak <= 250 * 1024 * 1024 ? 'met' : 'NOT met'}) |`);
  } finally {
    server.child.send('stop');
    await new Promise((r) => server.child.once('exit', r));
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
