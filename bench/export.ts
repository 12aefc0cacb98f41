/**
 * The Excel export of the applicant list (issue 19): rows per second and
 * peak RSS of `engine.declarations.exportList` at 100,000 rows (--rows N),
 * against bare `pg` reading the same rows in the same keyset batches (the
 * database's share of the work), in one run, alternating.
 *
 * The rows are copies of one generated application (with its data, so the
 * indicators are computed as for a real one) in a project of their own,
 * inserted before and deleted after; each copy gets its own name and number
 * so the list looks real. A smaller unit-sized export (1,000 rows of the
 * same project) runs first: when the peak RSS of the 100,000-row export is
 * near the 1,000-row one, the memory is flat.
 *
 * Options: --rows N (default 100000), --rounds N (default 2).
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import { benchArgs, benchUrl, log, mb, median, reportLoad, table } from './bench-support.js';
import { benchEngine } from './bench-fixtures.js';
import type { Actor } from '../src/engine/actor.js';
import { pgTypeOverrides } from '../src/persistence/type-parsers.js';

const admin: Actor = { id: null, kind: 'admin', departmentId: null };

/** Counts the bytes of a stream and throws them away. */
function sink(): Writable & { bytes: number } {
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  out.bytes = 0;
  return out;
}

/** Peak RSS while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const args = benchArgs();
  const rows = Number(args.get('rows') ?? 100_000);
  const rounds = Number(args.get('rounds') ?? 2);
  const url = benchUrl();
  await reportLoad();
  const { engine, close } = await benchEngine(url, 4);
  const pool = new pg.Pool({ connectionString: url, max: 2, types: pgTypeOverrides });
  const projectId = crypto.randomUUID();
  try {
    const template = await engine.db
      .selectFrom('pw_applications')
      .select(['id', 'institution_id'])
      .where('data', 'is not', null)
      .where('submitted_at', 'is not', null)
      .where('state', 'like', 'unitReview.%')
      .limit(1)
      .executeTakeFirstOrThrow();
    await pool.query(
      `insert into pw_projects (id, name, business_code, starts_on, approval_deadline, probation_cutoff, created_at)
       select $1, '导出基准项目', business_code, starts_on, approval_deadline, probation_cutoff, now() from pw_projects p
       join pw_applications a on a.project_id = p.id where a.id = $2`,
      [projectId, template.id],
    );
    log(`copying ${rows} applications into a project of their own …`);
    const started = Date.now();
    await pool.query(
      `insert into pw_applications (id, state, context, machine_version, version, created_at, updated_at, project_id, institution_id,
         department_id, candidate_id, due_at, open, data, candidate_name, id_number, entry_mode, red_count, note, submitted_at)
       select gen_random_uuid(), state, context, machine_version, version, created_at, updated_at, $1,
         case when g <= 1000 then institution_id else null end,
         department_id, candidate_id, due_at, open, data, '考生' || g, 'EXPORT' || g, entry_mode, red_count, note, submitted_at
       from pw_applications, generate_series(1, $3::int) g where id = $2`,
      [projectId, template.id, rows],
    );
    await pool.query('analyze pw_applications');
    log(`copied in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const unit: Actor = { id: null, kind: 'business', institutionId: template.institution_id!, businessCode: '19' };

    const engineExport = async (actor: Actor) => {
      const t0 = performance.now();
      const { result, peak } = await withPeakRss(async () => {
        const file = await engine.declarations.exportList(projectId, actor);
        const out = sink();
        await new Promise<void>((resolve, reject) => file.stream.pipe(out).on('finish', resolve).on('error', reject));
        return { rows: file.rows, bytes: out.bytes };
      });
      return { ...result, seconds: (performance.now() - t0) / 1000, peak };
    };
    // The database's share: the same keyset batches, the same columns, nothing built.
    const bareRead = async () => {
      const t0 = performance.now();
      let after = 0;
      let n = 0;
      for (;;) {
        const { rows: batch } = await pool.query(
          `select a.id, a.arrival_no, a.candidate_name, a.id_number, a.entry_mode, a.state, a.note, a.institution_id, a.data, a.context, a.submitted_at
           from pw_applications a where a.project_id = $1 and a.arrival_no > $2 order by a.arrival_no limit 1000`,
          [projectId, after],
        );
        if (batch.length === 0) break;
        n += batch.length;
        after = batch[batch.length - 1].arrival_no;
      }
      return { rows: n, seconds: (performance.now() - t0) / 1000 };
    };

    const baseline = process.memoryUsage().rss;
    const small = await engineExport(unit);
    log(`unit export: ${small.rows} rows in ${small.seconds.toFixed(2)} s, peak RSS ${mb(small.peak)}`);
    const engineRates: number[] = [];
    const bareRates: number[] = [];
    const peaks: number[] = [];
    let bytes = 0;
    for (let round = 1; round <= rounds; round++) {
      const bare = await bareRead();
      bareRates.push(bare.rows / bare.seconds);
      const full = await engineExport(admin);
      engineRates.push(full.rows / full.seconds);
      peaks.push(full.peak);
      bytes = full.bytes;
      log(`round ${round}: bare read ${Math.round(bare.rows / bare.seconds)} rows/s; export ${full.rows} rows in ${full.seconds.toFixed(1)} s = ${Math.round(full.rows / full.seconds)} rows/s, peak RSS ${mb(full.peak)}`);
    }
    console.log(`\nExcel export of the applicant list (${rows.toLocaleString('en')} rows, ${mb(bytes)} file, median of ${rounds} rounds)`);
    console.log(
      table(
        ['measure', 'value'],
        [
          ['bare pg: the same keyset batches, rows/s', Math.round(median(bareRates))],
          ['engine export (read, indicators, xlsx), rows/s', Math.round(median(engineRates))],
          ['export / bare read', (median(engineRates) / median(bareRates)).toFixed(2)],
          ['RSS before', mb(baseline)],
          [`peak RSS, unit export of ${small.rows.toLocaleString('en')} rows`, mb(small.peak)],
          [`peak RSS, export of ${rows.toLocaleString('en')} rows`, mb(Math.max(...peaks))],
        ],
      ),
    );
  } finally {
    await pool.query('delete from pw_applications where project_id = $1', [projectId]).catch(() => undefined);
    await pool.query('delete from pw_projects where id = $1', [projectId]).catch(() => undefined);
    await pool.end();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
