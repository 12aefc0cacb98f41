/**
 * One caller deciding applications one after the other (REJECT / APPROVE in
 * turn over four of them): `warm` decisions, then `n` more. Run under
 * callgrind by bench/count-instructions.sh, twice with different `n`: the
 * difference of the two instruction counts over the difference of `n` is
 * this process's instructions per transition (the engine, pg, Kysely, V8's
 * garbage collector), a figure that does not move with the machine's other
 * load the way rates and CPU times do on this VM (±30 %).
 *
 * Usage: node instructions.js <warm> <n>
 */
import { benchUrl } from './bench-support.js';
import { benchEngine, decidableApplications, unitActor } from './bench-fixtures.js';

async function main(): Promise<void> {
  const warm = Number(process.argv[2] ?? 300);
  const n = Number(process.argv[3] ?? 100);
  const { engine, close } = await benchEngine(benchUrl(), 3);
  try {
    const apps = await decidableApplications(engine, 4);
    for (let step = 0; step < warm + n; step++) {
      const app = apps[step % apps.length]!;
      const type = Math.floor(step / apps.length) % 2 === 0 ? 'REJECT' : 'APPROVE';
      await engine.workflows.application.send(app.id, { type, explanation: '基准测试' }, unitActor(app.institutionId));
    }
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
