/**
 * Benchmark data generator (issue 8): fills a database with valid data at a
 * chosen scale — a provincial department tree, INSTITUTIONS activated
 * institutions, APPLICATIONS applications over three projects in every state
 * of the machine (with their segments), and PHYSICIANS registry rows.
 *
 * How the data stays valid: the demo seed (src/demo/seed.ts) is run first,
 * through the engine, so every state of every machine exists once as the
 * engine itself wrote it. Those rows are the templates: each generated
 * entity is a copy of one template with new identity (UUID, name, a 身份证号
 * with its MOD 11-2 check digit, a 统一社会信用代码 with its MOD 31 check
 * character, its own institution and department), and its history is the
 * template's history with the new entity id. So state = last history row's
 * to_state and version = number of history rows hold by construction, and
 * `bench/generate-data.ts --verify` checks them with SQL afterwards.
 *
 * Rows are streamed with COPY FROM STDIN (pg-copy-streams), generated as the
 * stream drains, so memory stays flat at any scale; progress goes to stderr.
 *
 * Usage (after `npm run bench:build`):
 *   node node_modules/.cache/probation-workflow-bench/bench/generate-data.js [--quick] [--reset]
 *     [--institutions N] [--applications N] [--physicians N] [--verify]
 *   node …/generate-data.js --verify-only    (checks data generated earlier)
 * DATABASE_URL defaults to postgres://root@127.0.0.1:5432/pw_bench (created when missing).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { sql } from 'kysely';
import { openDatabase } from '../src/persistence/database.js';
import { createEngine } from '../src/create-engine.js';
import { createFileStorage } from '../src/storage/file-storage.js';
import { seedDemo } from '../src/demo/seed.js';
import { creditCodeCheckCharacter } from '../src/domain/credit-code.js';
import { residentIdCheckCharacter } from '../src/domain/id-card.js';
import { benchArgs, benchUrl, ensureDatabase, log } from './bench-support.js';

const { from: copyFrom } = copyStreams;

/** Hubei's cities (the 17 prefecture-level units) with their district counts. */
const cities: [string, string, number][] = [
  ['4201', '武汉市', 13], ['4202', '黄石市', 6], ['4203', '十堰市', 8], ['4205', '宜昌市', 13], ['4206', '襄阳市', 9],
  ['4207', '鄂州市', 3], ['4208', '荆门市', 5], ['4209', '孝感市', 7], ['4210', '荆州市', 8], ['4211', '黄冈市', 10],
  ['4212', '咸宁市', 6], ['4213', '随州市', 3], ['4228', '恩施州', 8], ['4290', '仙桃市', 1], ['4291', '潜江市', 1],
  ['4292', '天门市', 1], ['4293', '神农架林区', 1],
];
const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '欧阳', '司马'];
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '刚', '桂英'];
const kinds = ['第一人民医院', '中心医院', '中医医院', '妇幼保健院', '口腔医院', '社区卫生服务中心', '卫生院', '人民医院', '骨科医院', '眼科医院'];
const categories = ['临床', '口腔', '公共卫生', '中医'];

/**
 * How applications spread over states (weights per template state). Open
 * states go to the current project, closed ones to the two past projects.
 */
const currentWeights: Record<string, number> = {
  draft: 8, 'unitReview.pending': 30, 'unitReview.approved': 12, 'unitReview.rejected': 3, 'unitReview.returned': 5,
  'districtReview.pending': 20, 'districtReview.approved': 15, 'districtReview.rejected': 2, 'closed.withdrawn': 2, 'closed.rejectedByUnit': 3,
};
const pastWeights: Record<string, number> = {
  'closed.certified': 80, 'closed.rejectedByDistrict': 5, 'closed.expired': 8, 'closed.withdrawn': 2, 'closed.rejectedByUnit': 5,
};

type Row = Record<string, unknown>;

/** A value in COPY text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Streams rows from a generator into `table` with COPY, reporting progress every 100,000 rows. */
async function copyRows(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<unknown[]>, total: number): Promise<void> {
  const started = performance.now();
  let n = 0;
  const iterator = rows[Symbol.iterator]();
  const source = new Readable({
    read() {
      let chunk = '';
      while (chunk.length < 256 * 1024) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) this.push(chunk);
          this.push(null);
          return;
        }
        chunk += next.value.map(copyValue).join('\t') + '\n';
        n++;
        if (n % 100_000 === 0) log(`  ${table}: ${n.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${Math.round(n / ((performance.now() - started) / 1000)).toLocaleString('en-US')} rows/s)`);
      }
      this.push(chunk);
    },
  });
  await pipeline(source, client.query(copyFrom(`copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`)));
  log(`  ${table}: ${n.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A deterministic pseudo-random sequence (mulberry32), so two runs generate the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid 18-character resident ID, unique per (region, i) for i < 3,650,000. */
export function residentIdFor(region: string, i: number): string {
  const birth = new Date(Date.UTC(1990, 0, 1) + (i % 3650) * 86_400_000);
  const body = `${region}${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${pad(Math.floor(i / 3650) % 1000, 3)}`;
  return body + residentIdCheckCharacter(body);
}

/** A valid 统一社会信用代码 of a public institution (事业单位, 12) in `region`, unique per i. */
export function creditCodeFor(region: string, i: number): string {
  const first17 = `12${region}MB${pad(i, 7)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

function pick<T>(weights: Record<string, number>, templates: Map<string, T>, rand: () => number): [string, T] {
  const entries = Object.entries(weights).filter(([state]) => templates.has(state));
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [state, w] of entries) {
    r -= w;
    if (r <= 0) return [state, templates.get(state)!];
  }
  const [state] = entries[entries.length - 1]!;
  return [state, templates.get(state)!];
}

interface Scale {
  institutions: number;
  applications: number;
  physicians: number;
}

async function main(): Promise<void> {
  const args = benchArgs();
  const quick = args.has('quick');
  const scale: Scale = {
    institutions: Number(args.get('institutions') ?? (quick ? 1_000 : 10_000)),
    applications: Number(args.get('applications') ?? (quick ? 100_000 : 1_000_000)),
    physicians: Number(args.get('physicians') ?? (quick ? 500_000 : 5_000_000)),
  };
  const url = benchUrl();
  if (args.has('verify-only')) {
    await verify(url);
    return;
  }
  await ensureDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const started = performance.now();
  try {
    if (args.has('reset')) {
      log('dropping the pw_ tables …');
      await pool.query(`do $$ declare t text; begin
        for t in select tablename from pg_tables where schemaname = current_schema() and tablename like 'pw\\_%' loop
          execute format('drop table if exists %I cascade', t); end loop; end $$`);
    }
    const { rows: existing } = await pool.query(`select to_regclass('pw_applications') is not null as present`);
    const filled = existing[0]?.present && (await pool.query('select exists (select 1 from pw_applications) as filled')).rows[0]?.filled;
    if (filled) throw new Error('the database already holds applications: pass --reset to regenerate');

    log(`seeding the demo (the templates) into ${url} …`);
    const database = await openDatabase({ url, maxConnections: 4 });
    const engine = await createEngine({ db: database, storage: createFileStorage(await mkdtemp(join(tmpdir(), 'pw-gen-files-'))) });
    await seedDemo(engine);
    await engine.close();
    await database.close();

    const client = await pool.connect();
    try {
      await generate(client, scale);
    } finally {
      client.release();
    }
    // VACUUM sets the visibility map, so the lists' index-only scans need no heap visits (autovacuum does it in production).
    log('vacuum analyze …');
    await pool.query('vacuum analyze');
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await pool.end();
  }
  if (args.has('verify')) await verify(url);
}

async function generate(client: pg.PoolClient, scale: Scale): Promise<void> {
  const rand = random(20260301);

  // Departments: the province (seeded), each city and its districts; the demo's 420100/420102/420106 stay as they are.
  const { rows: seededDepartments } = await client.query<{ id: string }>('select id from pw_departments');
  const known = new Set(seededDepartments.map((d) => d.id));
  const departments: unknown[][] = [];
  const districts: { id: string; city: string }[] = [];
  cities.forEach(([code, name, count], c) => {
    const cityId = `${code}00`;
    if (!known.has(cityId)) departments.push([cityId, '420000', `${name}卫生健康委员会`, 'city', pad(10 * (c + 1), 3)]);
    for (let d = 1; d <= count; d++) {
      const id = `${code}${pad(d + 1, 2)}`;
      districts.push({ id, city: name });
      if (!known.has(id)) departments.push([id, cityId, `${name}第${d}区卫生健康局`, 'district', pad(100 + c * 20 + d, 3)]);
    }
  });
  await copyRows(client, 'pw_departments', ['id', 'parent_id', 'name', 'level', 'code'], departments, departments.length);

  // Institutions: copies of the demo's activated institution (and its history).
  const { rows: instTemplates } = await client.query(`select * from pw_institutions where state = 'activated' order by created_at limit 1`);
  const instTemplate = instTemplates[0] as Row;
  const { rows: instHistory } = await client.query('select * from pw_history where entity_id = $1 order by seq', [instTemplate.id]);
  const { rows: maxSerial } = await client.query<{ n: number }>('select coalesce(max(serial), 0) as n from pw_institutions');
  const institutions: { id: string; name: string; licenseNo: string; checkCode: string; departmentId: string }[] = [];
  for (let i = 0; i < scale.institutions; i++) {
    const district = districts[i % districts.length]!;
    institutions.push({
      id: uuid(rand),
      name: `${district.city}${district.id.slice(4)}区${kinds[i % kinds.length]}${i >= kinds.length * districts.length ? `（${Math.floor(i / (kinds.length * districts.length))}分院）` : ''}`,
      licenseNo: `PDY${district.id}${pad(i, 6)}`,
      checkCode: pad(Math.floor(rand() * 1_000_000), 6),
      departmentId: district.id,
    });
  }
  const instColumns = Object.keys(instTemplate);
  const firstSerial = Number(maxSerial[0]!.n) + 1;
  await copyRows(
    client,
    'pw_institutions',
    instColumns,
    (function* () {
      for (const [i, inst] of institutions.entries()) {
        const serial = firstSerial + i;
        const row: Row = {
          ...instTemplate,
          id: inst.id,
          name: inst.name,
          address: `湖北省${inst.name.slice(0, 3)}健康路${i + 1}号`,
          credit_code: creditCodeFor(inst.departmentId, i),
          credit_code_check_ok: true,
          license_no: inst.licenseNo,
          admin_name: surnames[i % surnames.length]! + given[(i * 7) % given.length]!,
          admin_phone: `139${pad(i, 8)}`,
          serial,
          account_no: `JG${pad(serial, 5)}`,
          check_code: inst.checkCode,
          department_id: inst.departmentId,
        };
        yield instColumns.map((c) => row[c]);
      }
    })(),
    institutions.length,
  );
  const historyColumns = Object.keys(instHistory[0] as Row);
  const cloneHistory = (history: Row[], id: string) =>
    history.map((h) => {
      const row: Row = { ...h, entity_id: id, idempotency_key: null, result: h.result === null ? null : { ...(h.result as Row), id } };
      return historyColumns.map((c) => row[c]);
    });
  await copyRows(
    client,
    'pw_history',
    historyColumns,
    (function* () {
      for (const inst of institutions) yield* cloneHistory(instHistory, inst.id);
    })(),
    institutions.length * instHistory.length,
  );

  // Projects: the demo's current and past projects, plus the year before.
  const { rows: projects } = await client.query<{ id: string; approval_deadline: string }>('select id, approval_deadline::text from pw_projects order by approval_deadline');
  const past = projects[0]!;
  const current = projects[projects.length - 1]!;
  const older = uuid(rand);
  await client.query(
    `insert into pw_projects (id, name, business_code, starts_on, approval_deadline, probation_cutoff, created_at, created_by)
     select $1, name, business_code, starts_on - 365, approval_deadline - 365, probation_cutoff - 365, created_at - interval '365 days', created_by
     from pw_projects where id = $2`,
    [older, past.id],
  );

  // Application templates: one per state, from the demo (the demo's current project for open states, the past one for closed).
  const { rows: appRows } = await client.query('select * from pw_applications order by arrival_no');
  const templates = { current: new Map<string, { row: Row; history: Row[] }>(), past: new Map<string, { row: Row; history: Row[] }>() };
  for (const row of appRows as Row[]) {
    const which = row.project_id === current.id ? templates.current : templates.past;
    if (which.has(row.state as string)) continue;
    const { rows: history } = await client.query('select * from pw_history where entity_id = $1 order by seq', [row.id]);
    which.set(row.state as string, { row, history: history as Row[] });
  }
  log(`  templates: current ${[...templates.current.keys()].join(', ')}; past ${[...templates.past.keys()].join(', ')}`);
  const appColumns = Object.keys(appRows[0] as Row).filter((c) => c !== 'arrival_no');

  // The demo's candidates keep their numbers: generated ones skip them.
  const { rows: taken } = await client.query<{ id_number: string }>('select id_number from pw_applications where id_number is not null');
  const takenNumbers = new Set(taken.map((r) => r.id_number));
  const nextIdNumber = (region: string) => {
    for (;;) {
      const candidate = residentIdFor(region, seq++);
      if (!takenNumbers.has(candidate)) return candidate;
    }
  };
  // A bulk load builds secondary indexes faster once at the end than row by row:
  // drop the plain ones (not those behind constraints) and recreate them from their definitions.
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as definition from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = 'pw_applications'::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`,
  );
  for (const index of indexes) await client.query(`drop index ${index.name}`);

  // Applications and their history in one pass: the history rows are buffered per batch and copied after it.
  const batch = 100_000;
  let done = 0;
  let seq = 0;
  while (done < scale.applications) {
    const size = Math.min(batch, scale.applications - done);
    const histories: unknown[][][] = [];
    await copyRows(
      client,
      'pw_applications',
      appColumns,
      (function* () {
        for (let k = 0; k < size; k++) {
          const i = done + k;
          // A third of the applications are this year's; the rest split over the two past years.
          const which = i % 3 === 0 ? 'current' : 'past';
          const [, template] = pick(which === 'current' ? currentWeights : pastWeights, templates[which], rand);
          const projectId = which === 'current' ? current.id : i % 3 === 1 ? past.id : older;
          const inst = institutions[Math.floor(rand() * institutions.length)]!;
          const name = surnames[i % surnames.length]! + given[(i * 7 + Math.floor(i / 97)) % given.length]! + (i % 2 ? given[(i * 13) % given.length]! : '');
          // Unique across the run (and apart from the demo's numbers): one counter for every project.
          const idNumber = nextIdNumber(inst.departmentId);
          const id = uuid(rand);
          const data = template.row.data as Row & { candidate: Row; segments: Row[] };
          const row: Row = {
            ...template.row,
            id,
            project_id: projectId,
            institution_id: inst.id,
            department_id: inst.departmentId,
            candidate_id: template.row.candidate_id === null ? null : uuid(rand),
            candidate_name: name,
            id_number: idNumber,
            data: {
              ...data,
              candidate: { ...data.candidate, name, idNumber },
              segments: data.segments.map((s) =>
                s.current ? { ...s, institutionName: inst.name, registrationNo: inst.licenseNo, checkCode: inst.checkCode } : s,
              ),
            },
          };
          histories.push(cloneHistory(template.history, id));
          yield appColumns.map((c) => row[c]);
        }
      })(),
      size,
    );
    const historyRows = histories.flat();
    await copyRows(client, 'pw_history', historyColumns, historyRows, historyRows.length);
    done += size;
    log(`applications: ${done.toLocaleString('en-US')} / ${scale.applications.toLocaleString('en-US')}`);
  }

  for (const index of indexes) {
    log(`  recreating ${index.name} …`);
    await client.query(index.definition);
  }

  // Physicians: the registry, certificate numbers 1104201 + 8 digits.
  await copyRows(
    client,
    'pw_physicians',
    ['cert_no', 'name', 'level', 'category', 'unit', 'status', 'updated_at'],
    (function* () {
      const now = new Date();
      for (let i = 0; i < scale.physicians; i++) {
        const name = surnames[i % surnames.length]! + given[(i * 7) % given.length]! + (i % 3 === 0 ? given[(i * 13) % given.length]! : '');
        const inst = institutions[i % institutions.length]!;
        yield [`2104201${pad(i, 8)}`, name, i % 4 === 0 ? '执业助理医师' : '执业医师', categories[i % 4], inst.name, i % 20 === 0 ? '注销' : '注册', now];
      }
    })(),
    scale.physicians,
  );
}

/** Checks the invariants of the generated data with SQL and prints the counts. */
async function verify(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      with last as (
        select distinct on (entity_id) entity_id, seq, to_state from pw_history order by entity_id, seq desc
      ), counts as (select entity_id, count(*) as n from pw_history group by entity_id)
      select
        (select count(*) from pw_departments) as departments,
        (select count(*) from pw_institutions) as institutions,
        (select count(*) from pw_applications) as applications,
        (select count(*) from pw_history) as history,
        (select count(*) from pw_physicians) as physicians,
        (select count(*) from pw_applications a join last l on l.entity_id = a.id join counts c on c.entity_id = a.id
          where a.state <> l.to_state or a.version <> c.n or a.version <> l.seq) as inconsistent_applications,
        (select count(*) from pw_institutions a join last l on l.entity_id = a.id join counts c on c.entity_id = a.id
          where a.state <> l.to_state or a.version <> c.n) as inconsistent_institutions,
        (select count(*) from pw_applications a where not exists (select 1 from pw_history h where h.entity_id = a.id)) as applications_without_history`);
    console.log(rows[0]);
    const r = rows[0] as Record<string, string>;
    if (Number(r.inconsistent_applications) + Number(r.inconsistent_institutions) + Number(r.applications_without_history) > 0) {
      throw new Error('generated data is inconsistent');
    }
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
