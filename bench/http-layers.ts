/**
 * Where an HTTP decision's CPU goes, layer by layer (issue 14: the HTTP
 * decision endpoint against the engine's bare transition). One caller, one
 * call at a time, all in this process: the server is driven with Fastify's
 * `inject` (no socket), so each line is this process's CPU (user + system)
 * per call, and the difference between two lines is what the outer layer
 * adds. PostgreSQL's own work is not in these figures (it is another
 * process); the round trips are, as the driver's share.
 *
 * Loops, interleaved round by round:
 * - the runner's `send` (the engine's bare transition, as bench/http.ts's baseline);
 * - `declarations.send`: the same decision and the detail it answers;
 * - `declarations.detail` alone;
 * - `GET /api/v1/me` (authentication, Fastify and a small answer);
 * - `GET /api/v1/applications/:id` and `POST /api/v1/applications/:id/events`.
 *
 * Decisions rotate over the applications of up to 8 institutions (a
 * business-19 account each), alternating REJECT / APPROVE, so every loop's
 * answers carry histories of about the same, real size.
 *
 * Options: --iterations N calls per loop and round (default 300), --rounds R (default 3).
 */
import { buildServer } from '../adapters/server/server.js';
import { benchArgs, benchUrl, log, median, reportLoad, table } from './bench-support.js';
import { benchEngine, decidableOfBusiestInstitutions, injectedLogins, unitActor } from './bench-fixtures.js';

async function main(): Promise<void> {
  await reportLoad();
  const args = benchArgs();
  const iterations = Number(args.get('iterations') ?? 300);
  const rounds = Number(args.get('rounds') ?? 3);
  const { engine, close } = await benchEngine(benchUrl(), 4);
  const app = await buildServer({ engine, logger: false });
  await app.ready();
  try {
    log('http-layers: finding decidable applications …');
    const apps = await decidableOfBusiestInstitutions(engine, 8);
    const headersOf = await injectedLogins(app, engine, apps);
    log(`  ${apps.length} applications of ${headersOf.size} institutions`);

    // Each application alternates REJECT / APPROVE, whichever loop decides it.
    const decided = new Map<string, number>();
    let next = 0;
    const decision = () => {
      const target = apps[next++ % apps.length]!;
      const n = decided.get(target.id) ?? 0;
      decided.set(target.id, n + 1);
      return { target, event: { type: n % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' } };
    };
    const visit = () => apps[next++ % apps.length]!;
    const ok = async (response: Promise<{ statusCode: number; body: string }>) => {
      const r = await response;
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body.slice(0, 200)}`);
    };
    const loops: [string, () => Promise<unknown>][] = [
      ["engine: the runner's send (the bare transition)", () => {
        const { target, event } = decision();
        return engine.workflows.application.send(target.id, event, unitActor(target.institutionId));
      }],
      ['engine: declarations.send (the decision and the detail it answers)', () => {
        const { target, event } = decision();
        return engine.declarations.send(target.id, event, unitActor(target.institutionId));
      }],
      ['engine: declarations.detail (the detail alone)', () => {
        const target = visit();
        return engine.declarations.detail(target.id, unitActor(target.institutionId));
      }],
      ['HTTP: GET /api/v1/me (authentication, Fastify, a small answer)', () => ok(app.inject({ method: 'GET', url: '/api/v1/me', headers: headersOf.get(visit().institutionId)! }))],
      ['HTTP: GET /api/v1/applications/:id', () => {
        const target = visit();
        return ok(app.inject({ method: 'GET', url: `/api/v1/applications/${target.id}`, headers: headersOf.get(target.institutionId)! }));
      }],
      ['HTTP: POST /api/v1/applications/:id/events', () => {
        const { target, event } = decision();
        return ok(app.inject({ method: 'POST', url: `/api/v1/applications/${target.id}/events`, headers: headersOf.get(target.institutionId)!, payload: event }));
      }],
    ];
    const cpu = new Map<string, number[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const [label, call] of loops) {
        // A few calls first, so the JIT has compiled this loop's code before it is measured.
        for (let i = 0; i < Math.min(50, iterations); i++) await call();
        const start = process.cpuUsage();
        for (let i = 0; i < iterations; i++) await call();
        const used = process.cpuUsage(start);
        const ms = (used.user + used.system) / 1000 / iterations;
        cpu.set(label, [...(cpu.get(label) ?? []), ms]);
        log(`round ${round}: ${label}: ${ms.toFixed(3)} ms CPU per call`);
      }
    }
    const of = (i: number) => median(cpu.get(loops[i]![0])!);
    const adds = (outer: number, inner: number, what: string) => `+${(of(outer) - of(inner)).toFixed(2)} ms over ${what}`;
    console.log(`\n### Where an HTTP decision's CPU goes (one caller, ${rounds} rounds × ${iterations} calls, Fastify inject, median)\n`);
    console.log(
      table(
        ['layer', 'ms CPU per call', 'what the layer adds'],
        [
          [loops[0]![0], of(0).toFixed(2), ''],
          [loops[1]![0], of(1).toFixed(2), adds(1, 0, 'the bare transition')],
          [loops[2]![0], of(2).toFixed(2), ''],
          [loops[3]![0], of(3).toFixed(2), ''],
          [loops[4]![0], of(4).toFixed(2), adds(4, 2, 'the detail')],
          [loops[5]![0], of(5).toFixed(2), `${adds(5, 1, 'declarations.send')}; ×${(of(5) / of(0)).toFixed(1)} the bare transition`],
        ],
      ),
    );
  } finally {
    await app.close();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
