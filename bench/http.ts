/**
 * The HTTP decision endpoint under load (SPEC §9: ≥ 60 % of the engine's
 * own rate; server RSS ≤ 250 MB on real PostgreSQL).
 *
 * The server runs in its own process (bench/http-server.ts); autocannon
 * drives `POST /api/v1/applications/:id/events` over loopback with 8
 * connections, rotating over the fresh applications of up to 64 institutions
 * of the generated data (about ten decisions each in a run, so the answers
 * carry histories of a real one's length), each with a business-19 account of
 * its institution (created here if missing), alternating REJECT / APPROVE.
 * Beside the rates it prints the CPU per decision of the server, autocannon,
 * the engine loop and PostgreSQL's processes. The baseline is the engine's bare
 * transition in this process — the runner's `send`
 * (`engine.workflows.application.send`), which does not build the detail the
 * route answers — with 8 concurrent callers on the same applications (issue 14:
 * HTTP ≥ 0.6 × that rate). The two alternate round by round; the
 * server's RSS is sampled every 250 ms under load.
 *
 * Options: --seconds S per loop and round (default 10), --rounds R (default 3), --connections N (default 8),
 * --institutions N (default 64).
 * BENCH_PROFILE_DIR=dir writes the server's CPU profile (node --cpu-prof) into dir.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchArgs, benchUrl, log, mb, measureDatabaseCpu, median, ratioLine, reportLoad, table } from './bench-support.js';
import { benchBusinessLogin, benchEngine, benchPassword, decidableApplications, decidableOfBusiestInstitutions, runFor, unitActor } from './bench-fixtures.js';

function startServer(): Promise<{ child: ChildProcess; port: number; rssAtStart: number }> {
  // BENCH_PROFILE_DIR=dir: the server writes a V8 CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = fork(fileURLToPath(new URL('./http-server.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profile });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number; rss: number }) => resolve({ child, port: m.port, rssAtStart: m.rss }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** The server's RSS and its CPU time so far (µs, user and system apart). */
const sample = (child: ChildProcess) =>
  new Promise<{ rss: number; user: number; system: number }>((resolve) => {
    child.once('message', (m: { rss: number; user: number; system: number }) => resolve(m));
    child.send('rss');
  });
const rssOf = async (child: ChildProcess) => (await sample(child)).rss;

async function main(): Promise<void> {
  await reportLoad();
  const args = benchArgs();
  const seconds = Number(args.get('seconds') ?? 10);
  const rounds = Number(args.get('rounds') ?? 3);
  const connections = Number(args.get('connections') ?? 8);
  const institutions = Number(args.get('institutions') ?? 64);
  const { engine, close } = await benchEngine(benchUrl(), connections + 2);
  const server = await startServer();
  try {
    // The institutions with the most fresh applications in unit review: one account (and login)
    // each, up to 40 applications each (decidableOfBusiestInstitutions). Enough of them that each
    // application is decided about ten times in a whole run: the answer carries the history, as GET
    // does, and a real application's history has about a dozen rows, not the hundred that 8
    // institutions' few applications would pile up. The engine loop decides applications of its own
    // (its send reads no history).
    log('http: finding decidable applications and their units …');
    const apps = await decidableOfBusiestInstitutions(engine, institutions);
    const engineApps = await decidableApplications(engine, connections, { exclude: new Set(apps.map((a) => a.id)) });
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    const tokens = new Map<string, string>();
    for (const app of apps) {
      if (tokens.has(app.institutionId)) continue;
      const login = await benchBusinessLogin(engine, app.institutionId);
      const response = await fetch(`${base}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: benchPassword }) });
      if (response.status !== 201) throw new Error(`login ${login}: ${response.status} ${await response.text()}`);
      tokens.set(app.institutionId, ((await response.json()) as { token: string }).token);
    }
    log(`  ${apps.length} applications of ${tokens.size} institutions`);
    if (apps.length < connections) throw new Error(`only ${apps.length} decidable applications: regenerate the data (npm run bench:generate -- --reset)`);
    let sent = 0;
    const engineRates: number[] = [];
    const httpRates: number[] = [];
    const rssSamples: number[] = [];
    const latencies: { p50: number; p99: number; bytes: number }[] = [];
    // CPU per decision (ms, user + system): the engine loop's process, the server's process, and
    // autocannon's (this process) during the HTTP loop. On 2 cores shared with PostgreSQL, every
    // millisecond of it is one the database does not get.
    // PostgreSQL's processes are counted beside them (where /proc shows them): the whole budget.
    // Each process's user and system time apart: a process's system time is mostly the socket
    // (loopback TCP does the receiver's share of the work in the sender's write).
    type Split = { user: number[]; system: number[] };
    const split = (): Split => ({ user: [], system: [] });
    const cpuPer = { engine: split(), engineDatabase: [] as number[], server: split(), load: split(), httpDatabase: [] as number[] };
    const record = (into: Split, used: { user: number; system: number }, n: number) => {
      into.user.push(used.user / 1000 / Math.max(n, 1));
      into.system.push(used.system / 1000 / Math.max(n, 1));
    };
    const decideOverHttp = (duration: number) =>
      autocannon({
        url: base,
        connections,
        duration,
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
    // The engine loop's code is warm from finding the applications; the server's is not: a short
    // unmeasured load first, so round 1 does not time the server's JIT compiling the route.
    log('http: warming the server up (2 s, not measured) …');
    await decideOverHttp(2);
    for (let round = 1; round <= rounds; round++) {
      const steps = new Array(connections).fill(0);
      const engineCpu = process.cpuUsage();
      const engineDatabaseCpu = measureDatabaseCpu();
      const n = await runFor(connections, seconds, async (c) => {
        const app = engineApps[c]!;
        await engine.workflows.application.send(app.id, { type: steps[c]++ % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' }, unitActor(app.institutionId));
      });
      engineRates.push(n / seconds);
      record(cpuPer.engine, process.cpuUsage(engineCpu), n);
      cpuPer.engineDatabase.push((engineDatabaseCpu() ?? Number.NaN) / Math.max(n, 1));
      log(`round ${round}: engine ${Math.round(n / seconds)} /s`);

      const serverBefore = await sample(server.child);
      const loadCpu = process.cpuUsage();
      const httpDatabaseCpu = measureDatabaseCpu();
      const sampler = setInterval(() => void rssOf(server.child).then((r) => rssSamples.push(r)), 250);
      const result = await decideOverHttp(seconds);
      clearInterval(sampler);
      const loadUsed = process.cpuUsage(loadCpu);
      const httpDatabaseUsed = httpDatabaseCpu() ?? Number.NaN;
      const serverAfter = await sample(server.child);
      record(cpuPer.server, { user: serverAfter.user - serverBefore.user, system: serverAfter.system - serverBefore.system }, result.requests.total);
      record(cpuPer.load, loadUsed, result.requests.total);
      cpuPer.httpDatabase.push(httpDatabaseUsed / Math.max(result.requests.total, 1));
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
    const ms = (values: number[]) => (Number.isNaN(median(values)) ? 'n/a' : median(values).toFixed(2));
    const both = ({ user, system }: Split) => `${(median(user) + median(system)).toFixed(2)} (${median(user).toFixed(2)} + ${median(system).toFixed(2)})`;
    console.log(
      `\n| CPU per decision (median over rounds) | ms: user + system (user + system) |\n|---|---:|\n| engine loop (this process: engine, pg, the callers) | ${both(cpuPer.engine)} |\n| engine loop: PostgreSQL's processes | ${ms(cpuPer.engineDatabase)} |\n| HTTP: the server process (Fastify, auth, the engine, the answer) | ${both(cpuPer.server)} |\n| HTTP: autocannon (this process, the load generator) | ${both(cpuPer.load)} |\n| HTTP: PostgreSQL's processes | ${ms(cpuPer.httpDatabase)} |`,
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
