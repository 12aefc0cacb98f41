import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { isAbortedTransactionError, sql } from 'kysely';
import t from 'tap';
import { createPglitePool, openPglitePool, sqlCommand } from '../../src/persistence/pglite-pool.js';
import { embeddedTemplate, openTestDatabase } from '../helpers/database.js';

// Always embedded, whatever DATABASE_URL says: this file tests the adapter.
const db = await openTestDatabase(t, { embedded: true });

const outboxRow = (topic: string, payload: Record<string, unknown> = {}) => ({
  topic,
  payload: JSON.stringify(payload),
  created_at: new Date(),
});

const institution = (id: string) => ({
  id,
  state: 'applied',
  context: JSON.stringify({}),
  machine_version: '1',
  version: 1,
  created_at: new Date(),
  updated_at: new Date(),
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

t.test('20 concurrent transactions where half throw commit exactly the rows of the successful half', { timeout: 60_000 }, async (t) => {
  const seen: Array<Map<string, number>> = [];
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      db.kysely.transaction().execute(async (trx) => {
        for (let k = 0; k < 3; k++) {
          await trx.insertInto('pw_outbox').values(outboxRow(`tx-${i}`, { k })).execute();
          // Give every other caller the chance to interleave its statements.
          await nextTurn();
        }
        const visible = await trx
          .selectFrom('pw_outbox')
          .select(['topic', (eb) => eb.fn.countAll<number>().as('n')])
          .where('topic', 'like', 'tx-%')
          .groupBy('topic')
          .execute();
        seen[i] = new Map(visible.map((r) => [r.topic, r.n]));
        if (i % 2 === 1) throw new Error(`planned failure ${i}`);
      }),
    ),
  );

  t.same(
    outcomes.map((o) => (o.status === 'fulfilled' ? 'committed' : (o.reason as Error).message)),
    outcomes.map((_, i) => (i % 2 === 0 ? 'committed' : `planned failure ${i}`)),
    'the even transactions committed, the odd ones failed with their own error',
  );
  const anomalies: string[] = [];
  seen.forEach((visible, i) => {
    if (visible.get(`tx-${i}`) !== 3) anomalies.push(`tx-${i} saw ${visible.get(`tx-${i}`)} own rows`);
    for (const [topic, n] of visible) {
      const other = Number(topic.slice(3));
      if (other !== i && (other % 2 !== 0 || n !== 3)) anomalies.push(`tx-${i} saw ${n} rows of ${topic}`);
    }
  });
  t.same(anomalies, [], 'each saw its own 3 rows and otherwise only whole committed transactions');
  const committed = await db.kysely
    .selectFrom('pw_outbox')
    .select(['topic', (eb) => eb.fn.countAll<number>().as('n')])
    .where('topic', 'like', 'tx-%')
    .groupBy('topic')
    .orderBy('topic')
    .execute();
  const expected = Array.from({ length: 10 }, (_, k) => ({ topic: `tx-${k * 2}`, n: 3 })).sort((a, b) =>
    a.topic.localeCompare(b.topic),
  );
  t.same(committed, expected);
});

t.test('numAffectedRows reports the rows an UPDATE changed, 0 for a stale version', async (t) => {
  const id = '00000000-0000-4000-8000-000000000001';
  const inserted = await db.kysely.insertInto('pw_institutions').values(institution(id)).executeTakeFirstOrThrow();
  t.equal(inserted.numInsertedOrUpdatedRows, 1n);

  const bump = () =>
    db.kysely
      .updateTable('pw_institutions')
      .set((eb) => ({ version: eb('version', '+', 1), state: 'approved' }))
      .where('id', '=', id)
      .where('version', '=', 1)
      .executeTakeFirstOrThrow();
  t.equal((await bump()).numUpdatedRows, 1n, 'the current version updates one row');
  t.equal((await bump()).numUpdatedRows, 0n, 'the stale version updates none');

  const deleted = await db.kysely.deleteFrom('pw_institutions').where('id', '=', id).executeTakeFirstOrThrow();
  t.equal(deleted.numDeletedRows, 1n);
});

t.test('a transaction that fails mid-way leaves no open transaction for the next caller', async (t) => {
  await t.rejects(
    db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('pw_outbox').values(outboxRow('failed-midway')).execute();
      // Violates the `version >= 1` check.
      await trx.insertInto('pw_institutions').values({ ...institution('00000000-0000-4000-8000-000000000002'), version: 0 }).execute();
    }),
    { code: '23514' },
  );
  const after = await db.kysely.selectFrom('pw_outbox').select('id').where('topic', '=', 'failed-midway').execute();
  t.same(after, [], 'the rows before the error were rolled back');
});

t.test('a connection released inside an aborted transaction is rolled back before the next caller', async (t) => {
  await db.kysely.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    await conn.insertInto('pw_outbox').values(outboxRow('leaked')).execute();
    await t.rejects(sql`select no_such_column`.execute(conn));
    // Released here without commit or rollback.
  });
  const rows = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
  t.same(rows.rows, [{ one: 1 }], 'the next statement runs (no "current transaction is aborted")');
  const leaked = await db.kysely.selectFrom('pw_outbox').select('id').where('topic', '=', 'leaked').execute();
  t.same(leaked, [], 'the left-open transaction was rolled back');
});

t.test('a connection released inside an open transaction does not commit it', async (t) => {
  await db.kysely.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    await conn.insertInto('pw_outbox').values(outboxRow('left-open')).execute();
  });
  await db.kysely.insertInto('pw_outbox').values(outboxRow('next-caller')).execute();
  const topics = await db.kysely
    .selectFrom('pw_outbox')
    .select('topic')
    .where('topic', 'in', ['left-open', 'next-caller'])
    .execute();
  t.same(topics, [{ topic: 'next-caller' }]);
});

t.test('COMMIT of a transaction with a swallowed error throws AbortedTransactionError', async (t) => {
  const error = await db.kysely
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('pw_outbox').values(outboxRow('aborted')).execute();
      await sql`select no_such_column`.execute(trx).catch(() => undefined);
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  t.ok(isAbortedTransactionError(error), `rejected with AbortedTransactionError, got ${String(error)}`);
  const rows = await db.kysely.selectFrom('pw_outbox').select('id').where('topic', '=', 'aborted').execute();
  t.same(rows, []);
});

t.test('savepoints roll back part of a controlled transaction', async (t) => {
  const trx = await db.kysely.startTransaction().execute();
  await trx.insertInto('pw_outbox').values(outboxRow('sp-kept')).execute();
  const sp = await trx.savepoint('sp').execute();
  await sp.insertInto('pw_outbox').values(outboxRow('sp-dropped')).execute();
  await t.rejects(sql`select no_such_column`.execute(sp));
  const back = await sp.rollbackToSavepoint('sp').execute();
  await back.commit().execute();
  const rows = await db.kysely.selectFrom('pw_outbox').select('topic').where('topic', 'like', 'sp-%').execute();
  t.same(rows, [{ topic: 'sp-kept' }], 'the statement error was undone with the savepoint, the rest committed');
});

t.test('a timer scheduled during a long loop of queries fires before the loop ends', async (t) => {
  // No wall-clock bound: the loop stops as soon as the timer has fired, or after
  // far more queries than a 10 ms timer needs; a pool that never yields to the
  // event loop runs them all with the timer still waiting.
  const maxQueries = 5000;
  const loop = async (label: string, run: () => Promise<unknown>) => {
    let fired = false;
    setTimeout(() => (fired = true), 10);
    let queries = 0;
    while (!fired && queries < maxQueries) {
      await run();
      queries++;
    }
    t.ok(fired, `${label}: the 10 ms timer fired after ${queries} of at most ${maxQueries} queries`);
    t.ok(queries < maxQueries, `${label}: the loop was still running when it fired`);
  };
  await loop('separate queries', () => db.kysely.selectFrom('pw_outbox').select('id').limit(1).execute());
  await db.kysely.transaction().execute((trx) =>
    loop('inside one transaction', () => trx.selectFrom('pw_outbox').select('id').limit(1).execute()),
  );
});

t.test('the pool lends its session first come, first served', async (t) => {
  const pool = await openPglitePool({ loadDataDir: await embeddedTemplate() });
  t.teardown(() => pool.end());
  const order: number[] = [];
  const first = await pool.connect();
  const waiting = [1, 2, 3].map(async (n) => {
    const client = await pool.connect();
    order.push(n);
    await client.query('select $1::int as n', [n]);
    client.release();
  });
  await nextTurn();
  t.same(order, [], 'nobody gets the session while it is lent');
  first.release();
  await Promise.all(waiting);
  t.same(order, [1, 2, 3]);
});

t.test('a released client refuses queries and a second release', async (t) => {
  const pool = await openPglitePool({ loadDataDir: await embeddedTemplate() });
  t.teardown(() => pool.end());
  const client = await pool.connect();
  client.release();
  await t.rejects(client.query('select 1', []), /already released/);
  t.throws(() => client.release(), /already released/);
  t.same((await pool.query<{ one: number }>('select 1 as one')).rows, [{ one: 1 }], 'the pool still works');
});

t.test('end() lets admitted callers finish, refuses later ones and is idempotent', async (t) => {
  const pool = await openPglitePool({ loadDataDir: await embeddedTemplate() });
  const holder = await pool.connect();
  const admitted = pool.connect();
  const ended = pool.end();
  t.equal(pool.ended, true);
  await t.rejects(pool.connect(), /has ended/);
  holder.release();
  const client = await admitted;
  t.same((await client.query('select 2 as two', [])).rows, [{ two: 2 }]);
  client.release();
  await ended;
  await pool.end();
  await t.rejects(pool.query('select 1'), /has ended/);
});

t.test('the pool creates a schema and keeps its session on it', async (t) => {
  const pool = await openPglitePool({ loadDataDir: await embeddedTemplate(), schema: 'engine' });
  t.teardown(() => pool.end());
  t.same((await pool.query('select current_schema() as s')).rows, [{ s: 'engine' }]);
});

t.test('command tags come from the SQL text when PGlite does not report one', async (t) => {
  t.equal(sqlCommand('select 1'), 'SELECT');
  t.equal(sqlCommand('  \n\tUpdate t set a = 1'), 'UPDATE');
  t.equal(sqlCommand('-- a comment\n/* block /* nested */ still */ insert into t values (1) returning id'), 'INSERT');
  t.equal(sqlCommand('with a as (update t set v = 1 returning *) select * from a'), 'SELECT');
  t.equal(sqlCommand('with recursive a(n) as (select 1 union all select n + 1 from a) delete from t using a'), 'DELETE');
  t.equal(sqlCommand(`with "select" as (select ')') , b as materialized (select $$ ( $$) update t set x = 1`), 'UPDATE');
  t.equal(sqlCommand('values (1)'), 'SELECT');
  t.equal(sqlCommand('end'), 'COMMIT');
  t.equal(sqlCommand('rollback to savepoint a'), 'ROLLBACK');
  t.equal(sqlCommand('merge into t using s on true when matched then do nothing'), 'MERGE');
  t.equal(sqlCommand(' -- only a comment'), undefined);
});

t.test('without a reported tag, COMMIT after a failed statement maps to ROLLBACK and release rolls back', async (t) => {
  // A stand-in for a PGlite version that reports neither command nor rowCount.
  let inTransaction = false;
  const statements: string[] = [];
  const fake = {
    isInTransaction: () => inTransaction,
    async query(text: string) {
      statements.push(text);
      if (text === 'begin') inTransaction = true;
      if (text === 'commit' || text === 'rollback') inTransaction = false;
      if (text.startsWith('select nope')) throw Object.assign(new Error('column "nope" does not exist'), { code: '42703' });
      return { rows: [], fields: [], affectedRows: text.startsWith('update') ? 2 : 0 };
    },
    async close() {},
  };
  const pool = createPglitePool(fake as unknown as PGlite);
  t.match(await pool.query('update t set a = 1'), { command: 'UPDATE', rowCount: 2 });
  const client = await pool.connect();
  await client.query('begin', []);
  await t.rejects(client.query('select nope', []));
  t.match(await client.query('commit', []), { command: 'ROLLBACK' }, 'Kysely will throw AbortedTransactionError');
  await client.query('begin', []);
  client.release();
  await pool.query('select 1');
  t.same(statements.slice(-3), ['begin', 'rollback', 'select 1'], 'the left-open transaction was rolled back first');
  await pool.end();
});

t.test('close() lets the process exit', { timeout: 60_000 }, async (t) => {
  const dir = t.testdir();
  const templatePath = join(dir, 'template.tar');
  await writeFile(templatePath, new Uint8Array(await (await embeddedTemplate()).arrayBuffer()));
  const script = join(dir, 'child.ts');
  const databaseModule = new URL('../../src/persistence/database.ts', import.meta.url).href;
  await writeFile(
    script,
    `import { readFile } from 'node:fs/promises';
import { openDatabase } from ${JSON.stringify(databaseModule)};
const db = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([await readFile(${JSON.stringify(templatePath)})]) });
await db.kysely.selectFrom('pw_outbox').select('id').execute();
await db.close();
await db.close();
console.log('closed');
`,
  );
  const loader = process.execArgv.filter((arg) => arg.includes('@tapjs/typescript'));
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, [...loader, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  t.equal(code, 0, `the child exited by itself (${((performance.now() - started) / 1000).toFixed(1)} s): ${output}`);
  t.match(output, /closed/);
});
