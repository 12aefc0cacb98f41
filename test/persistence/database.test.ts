import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { openDatabase } from '../../src/persistence/database.js';
import { migrateToLatest } from '../../src/persistence/migrate.js';
import type { Tables } from '../../src/persistence/schema.js';
import { embeddedTemplate, openTestDatabase } from '../helpers/database.js';

const url = process.env.DATABASE_URL || undefined;
const needsServer = url ? false : 'needs DATABASE_URL (a PostgreSQL server)';

const institution = (id: string) => ({
  id,
  state: 'applied',
  context: JSON.stringify({ name: '武汉市第一医院' }),
  machine_version: '1',
  version: 1,
  created_at: new Date(),
  updated_at: new Date(),
});

t.test('data in an on-disk embedded database survives close and reopen', { timeout: 90_000 }, async (t) => {
  // Parents missing on purpose: openDatabase must create them.
  const dataDir = join(t.testdir(), 'missing', 'parents', 'pgdata');
  const id = '00000000-0000-4000-8000-0000000000a1';

  let started = performance.now();
  const first = await openDatabase({ dataDir });
  const initdbMs = performance.now() - started;
  await migrateToLatest(first.kysely);
  await first.kysely.insertInto('pw_institutions').values(institution(id)).execute();
  await first.close();

  started = performance.now();
  const second = await openDatabase({ dataDir });
  const reopenMs = performance.now() - started;
  t.teardown(() => second.close());
  t.comment(`open with initdb ${initdbMs.toFixed(0)} ms, reopen ${reopenMs.toFixed(0)} ms`);
  t.equal(second.kind, 'embedded');
  const rows = await second.kysely.selectFrom('pw_institutions').select(['id', 'context']).execute();
  t.same(rows, [{ id, context: { name: '武汉市第一医院' } }]);
  t.same((await migrateToLatest(second.kysely)).results, [], 'nothing left to migrate after reopening');
});

t.test('migrations are idempotent', async (t) => {
  const db = await openTestDatabase(t);
  t.same((await migrateToLatest(db.kysely)).results, [], 'a second run applies nothing');
  t.same((await migrateToLatest(db.kysely)).results, [], 'nor does a third');
  const count = await db.kysely.selectFrom('pw_institutions').select((eb) => eb.fn.countAll<number>().as('n')).execute();
  t.same(count, [{ n: 0 }], 'the tables are usable');
});

/** One row of every harmonised type, read back through `kysely`. */
async function typedRow(kysely: Kysely<Tables>) {
  const createdAt = new Date('2024-02-29T23:30:00.123Z');
  const payload = { list: [1, '二', null], nested: { ok: true } };
  const inserted = await kysely
    .insertInto('pw_outbox')
    .values({ topic: 'types', payload: JSON.stringify(payload), created_at: createdAt })
    .returning(['id', 'payload', 'created_at', 'dispatched_at'])
    .executeTakeFirstOrThrow();
  const literals = await sql<Record<string, unknown>>`
    select 9007199254740991::int8 as int8_max, count(*) as count, 1.50::numeric as numeric,
      ${'2024-02-29'}::date as date_param, '2024-12-31'::date as date_literal,
      '2024-02-29 07:30:00.123456+08'::timestamptz as timestamptz, '2024-01-02 03:04:05'::timestamp as timestamp,
      '1 day 02:00:00'::interval as interval, ${JSON.stringify([1, 2])}::jsonb as jsonb_array,
      '{"a": 1}'::json as json, array[1, 2]::int8[] as int8_array, array['2024-01-01'::date, null] as date_array,
      array['{"b": "c d"}'::jsonb] as jsonb_array_column, array[1.5]::numeric[] as numeric_array,
      array['2024-01-01 00:00:00+00'::timestamptz] as timestamptz_array, 'infinity'::timestamptz as infinity,
      array[[1, 2], [3, null]]::int8[] as int8_matrix, '[0:1]={2024-01-01,2024-01-02}'::date[] as date_bounds,
      array['"a,b"'::jsonb, '{"k": "c\\"d}"}'::jsonb, 'null'::jsonb, null] as jsonb_tricky
    from pw_outbox where topic = 'types'`.execute(kysely);
  return { inserted, literals: literals.rows[0], payload, createdAt };
}

t.test('rows have the same JS types in both modes', async (t) => {
  const db = await openTestDatabase(t);
  const { inserted, literals, payload, createdAt } = await typedRow(db.kysely);
  t.equal(typeof inserted.id, 'number', 'a bigserial id is a number');
  t.same(inserted.payload, payload, 'jsonb comes back as the object written');
  t.ok(inserted.created_at instanceof Date && inserted.created_at.getTime() === createdAt.getTime(), 'timestamptz is the same instant as a Date');
  t.equal(inserted.dispatched_at, null);
  t.strictSame(literals, {
    int8_max: Number.MAX_SAFE_INTEGER,
    count: 1,
    numeric: '1.50',
    date_param: '2024-02-29',
    date_literal: '2024-12-31',
    timestamptz: new Date('2024-02-28T23:30:00.123Z'),
    timestamp: '2024-01-02 03:04:05',
    interval: '1 day 02:00:00',
    jsonb_array: [1, 2],
    json: { a: 1 },
    int8_array: [1, 2],
    date_array: ['2024-01-01', null],
    jsonb_array_column: [{ b: 'c d' }],
    numeric_array: ['1.5'],
    timestamptz_array: [new Date('2024-01-01T00:00:00Z')],
    infinity: Infinity,
    int8_matrix: [
      [1, 2],
      [3, null],
    ],
    date_bounds: ['2024-01-01', '2024-01-02'],
    jsonb_tricky: ['a,b', { k: 'c"d}' }, null, null],
  });
  await t.rejects(sql`select 9007199254740992::int8 as too_big`.execute(db.kysely), RangeError, 'an int8 beyond the safe range fails loudly');
  t.same((await sql`select 1 as still_usable`.execute(db.kysely)).rows, [{ still_usable: 1 }]);

  if (db.kind === 'postgres') {
    const embedded = await openTestDatabase(t, { embedded: true });
    const other = await typedRow(embedded.kysely);
    t.strictSame({ ...other.inserted, id: 0 }, { ...inserted, id: 0 }, 'the embedded database returns the same inserted row');
    t.strictSame(other.literals, literals, 'and the same values for every type');
  }
});

t.test('a timestamptz read in any session time zone is the instant PostgreSQL means', async (t) => {
  const db = await openTestDatabase(t);
  const cases: Array<[zone: string, literal: string]> = [
    ['Asia/Shanghai', '2024-06-01 12:00:00.123456+00'],
    ['Asia/Kolkata', '2024-06-01 12:00:00+00'],
    ['America/St_Johns', '2024-01-01 00:00:00.5+00'],
    // Local mean time before 1892: an offset with seconds (+00:19:32).
    ['Europe/Amsterdam', '1890-06-01 12:00:00+00'],
    ['UTC', '0099-12-31 23:59:59+00'],
    ['UTC', '0044-03-15 12:00:00+00 BC'],
    ['UTC', '12345-01-01 00:00:00+00'],
  ];
  await db.kysely.transaction().execute(async (trx) => {
    for (const [zone, literal] of cases) {
      await sql`select set_config('TimeZone', ${zone}, true)`.execute(trx);
      const { rows } = await sql<{ value: Date; text: string; ms: string }>`
        select ${literal}::timestamptz as value, ${literal}::timestamptz::text as text,
          floor(extract(epoch from ${literal}::timestamptz) * 1000)::text as ms`.execute(trx);
      const row = rows[0]!;
      t.equal(row.value.getTime(), Number(row.ms), `${row.text} (${zone})`);
    }
  });
});

t.test('migrating one schema succeeds while other schemas of the database are being dropped', { skip: needsServer }, async (t) => {
  // Kysely's own introspector read every schema by name and failed with
  // 'schema "…" does not exist' when another tenant (or test file) dropped one meanwhile.
  const churn = await openDatabase({ url: url!, maxConnections: 4 });
  t.teardown(() => churn.close());
  let churning = true;
  let dropped = 0;
  const churner = async (w: number) => {
    for (let n = 0; churning; n++) {
      const name = `churn_${process.pid}_${w}_${n}`;
      await sql`create schema ${sql.id(name)}`.execute(churn.kysely);
      await sql`create table ${sql.id(name, 'x')} (id serial primary key)`.execute(churn.kysely);
      await sql`drop schema ${sql.id(name)} cascade`.execute(churn.kysely);
      dropped++;
    }
  };
  const churners = Promise.all([0, 1, 2].map(churner));
  try {
    for (let i = 0; i < 6; i++) {
      const db = await openDatabase({ url: url!, schema: `mig_${process.pid}_${i}`, maxConnections: 2 });
      try {
        await migrateToLatest(db.kysely);
        await migrateToLatest(db.kysely);
      } finally {
        await sql`drop schema if exists ${sql.id(`mig_${process.pid}_${i}`)} cascade`.execute(db.kysely);
        await db.close();
      }
    }
    t.pass(`six schemas migrated twice each while ${dropped} other schemas were dropped`);
  } finally {
    churning = false;
    await churners;
  }
});

t.test('the schema option isolates two databases on the same server', { skip: needsServer }, async (t) => {
  const a = await openTestDatabase(t);
  const b = await openTestDatabase(t);
  t.not(a.schema, b.schema);
  await a.kysely.insertInto('pw_institutions').values(institution('00000000-0000-4000-8000-0000000000b1')).execute();
  const count = async (db: typeof a) =>
    (await db.kysely.selectFrom('pw_institutions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  t.equal(await count(a), 1);
  t.equal(await count(b), 0, 'the other schema does not see the row');
  for (const db of [a, b]) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely);
    t.same(rows, [{ schema: db.schema }], 'every connection is on its own schema');
  }
  const { rows } = await sql<{ table_schema: string }>`
    select table_schema from information_schema.tables
    where table_name = 'pw_migration' and table_schema in (${a.schema!}, ${b.schema!}) order by table_schema`.execute(a.kysely);
  t.same(
    rows.map((r) => r.table_schema),
    [a.schema, b.schema].sort(),
    'each schema has its own migration table',
  );
});

t.test('the schema option isolates the engine inside one embedded database', async (t) => {
  const db = await openDatabase({ dataDir: 'memory://', loadDataDir: await embeddedTemplate(), schema: 'engine' });
  t.teardown(() => db.close());
  const results = (await migrateToLatest(db.kysely)).results ?? [];
  t.ok(results.length > 0 && results.every((r) => r.status === 'Success'), 'migrated afresh in the new schema');
  await db.kysely.insertInto('pw_institutions').values(institution('00000000-0000-4000-8000-0000000000c1')).execute();
  const { rows } = await sql<{ n: number }>`select count(*) as n from public.pw_institutions`.execute(db.kysely);
  t.same(rows, [{ n: 0 }], 'the public schema tables are untouched');
});

t.test('an invalid schema name is refused before anything opens', async (t) => {
  await t.rejects(openDatabase({ dataDir: 'memory://', schema: 'x"; drop schema public; --' }), TypeError);
  await t.rejects(openDatabase({ url: 'postgres://127.0.0.1:1/none', schema: 'a b' }), TypeError);
});

t.test('closing twice is harmless', async (t) => {
  const db = await openTestDatabase();
  t.equal(typeof db.dumpDataDir, db.kind === 'embedded' ? 'function' : 'undefined', 'dumpDataDir exists in embedded mode only');
  await db.close();
  await db.close();
  await t.rejects(sql`select 1`.execute(db.kysely), 'queries after close fail');
});

t.test('pg connections carry the application name and the statement timeout', { skip: needsServer }, async (t) => {
  const db = await openDatabase({ url: url!, statementTimeoutMs: 200, maxConnections: 2 });
  t.teardown(() => db.close());
  t.equal(db.kind, 'postgres');
  const { rows } = await sql<{ name: string }>`select current_setting('application_name') as name`.execute(db.kysely);
  t.same(rows, [{ name: 'probation-workflow' }]);
  await t.rejects(sql`select pg_sleep(2)`.execute(db.kysely), { code: '57014' }, 'a stuck query is cancelled');
});

t.test('a pg connection killed while idle is reported to onError, and the pool recovers', { skip: needsServer }, async (t) => {
  const errors: Error[] = [];
  const db = await openDatabase({ url: url!, maxConnections: 3, onError: (e) => errors.push(e) });
  t.teardown(() => db.close());
  // Three concurrent statements open three connections, idle afterwards.
  const pids = await Promise.all(
    [0, 1, 2].map(async () => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(db.kysely);
      return rows[0]!.pid;
    }),
  );
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Only our own connections: other test files share the server.
    await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [[...new Set(pids)]]);
  } finally {
    await admin.end();
  }
  // Waits for the reports, up to a generous cap for a loaded machine.
  for (let i = 0; i < 1500 && errors.length < new Set(pids).size; i++) await new Promise((r) => setTimeout(r, 20));
  t.ok(errors.length >= 1, `onError received ${errors.length} error(s): ${errors.map((e) => e.message).join('; ')}`);
  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
  t.same(rows, [{ one: 1 }], 'the next query gets a fresh connection');
});
