/**
 * One caller deciding applications one after the other, REJECT / APPROVE in
 * turn: `warm` decisions, then `n` more. Run under callgrind by
 * bench/count-instructions.sh, twice with different `n`: the difference of
 * the two instruction counts over the difference of `n` is this process's
 * instructions per decision (our code, pg, Kysely, Fastify, V8's garbage
 * collector), a figure that does not move with the machine's other load the
 * way rates and CPU times do on this VM (±30 %).
 *
 * Modes (third argument):
 * - `send` (default): the runner's send, over four applications;
 * - `declarations`: declarations.send, the decision and the detail it answers;
 * - `http`: POST /api/v1/applications/:id/events through Fastify's inject
 *   (authentication, validation, the decision, the detail, the answer's JSON; no socket).
 * The last two rotate over the applications of up to 8 institutions, so the
 * answers' histories stay a real application's size (a few rows more by the end).
 *
 * Usage: node instructions.js <warm> <n> [send|declarations|http]
 */
import { buildServer } from '../adapters/server/server.js';
import { benchUrl } from './bench-support.js';
import { benchEngine, decidableApplications, decidableOfBusiestInstitutions, injectedLogins, unitActor } from './bench-fixtures.js';

async function main(): Promise<void> {
  const warm = Number(process.argv[2] ?? 300);
  const n = Number(process.argv[3] ?? 100);
  const mode = process.argv[4] ?? 'send';
  if (!['send', 'declarations', 'http'].includes(mode)) throw new Error(`unknown mode ${mode}: send, declarations or http`);
  const { engine, close } = await benchEngine(benchUrl(), 3);
  const app = mode === 'http' ? await buildServer({ engine, logger: false }) : undefined;
  try {
    const apps = mode === 'send' ? await decidableApplications(engine, 4) : await decidableOfBusiestInstitutions(engine, 8);
    const headers = app ? await injectedLogins(app, engine, apps) : new Map<string, { authorization: string }>();
    for (let step = 0; step < warm + n; step++) {
      const target = apps[step % apps.length]!;
      const event = { type: Math.floor(step / apps.length) % 2 === 0 ? 'REJECT' : 'APPROVE', explanation: '基准测试' };
      if (mode === 'send') await engine.workflows.application.send(target.id, event, unitActor(target.institutionId));
      else if (mode === 'declarations') await engine.declarations.send(target.id, event, unitActor(target.institutionId));
      else {
        const response = await app!.inject({ method: 'POST', url: `/api/v1/applications/${target.id}/events`, headers: headers.get(target.institutionId)!, payload: event });
        if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
  } finally {
    await app?.close();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
