import { CompiledQuery, sql } from 'kysely';
import t, { type Test } from 'tap';
import { openDatabase } from '../../src/persistence/database.js';
import { prepared } from '../../src/persistence/prepared-statements.js';
import { openTestDatabase } from '../helpers/database.js';
import { roundTripProxy } from '../helpers/round-trips.js';

// What pipelining saves is round trips to a server: PGlite runs in the process and has none.
const needsServer = process.env.DATABASE_URL ? false : 'needs DATABASE_URL (a PostgreSQL server)';

const lastInsert = prepared('insert into pipelined (id, note) values ($1, $2)', { lastOfTransaction: true });
// The same, writing nothing when the id exists: as a write on a stale version does.
const lastInsertOrNothing = prepared('insert into pipelined (id, note) values ($1, $2) on conflict do nothing', { lastOfTransaction: true });
// A registered read, as the runner's lock is.
const lockRead = prepared('select id from pipelined where id = $1 for update');

/** The test's schema, a table in it, and one connection to it through a round-trip counter. */
async function throughProxy(t: Test, pipeline = true) {
  const direct = await openTestDatabase(t);
  await sql`create table pipelined (id int primary key, note text not null)`.execute(direct.kysely);
  const proxy = await roundTripProxy(direct.url!);
  const db = await openDatabase({ url: proxy.url, schema: direct.schema!, maxConnections: 1, pipeline });
  t.teardown(async () => {
    await db.close();
    await proxy.close();
  });
  const rows = async () => (await sql<{ id: number; note: string }>`select id, note from pipelined order by id`.execute(direct.kysely)).rows;
  // Opens the pool's one connection, so that counting starts on a connection that is ready.
  await sql`select 1`.execute(db.kysely);
  proxy.take();
  return { db: db.kysely, proxy, rows };
}

t.test('a transaction sends BEGIN with its first statement and COMMIT behind its last: two round trips, and it commits', { skip: needsServer }, async (t) => {
  const { db, proxy, rows } = await throughProxy(t);
  const answer = await db.transaction().execute(async (trx) => {
    await trx.executeQuery(CompiledQuery.raw(lockRead, [1]));
    return trx.executeQuery(CompiledQuery.raw(lastInsert, [1, '审核通过']));
  });
  t.equal(proxy.take(), 2, 'BEGIN + the registered read, then the write + COMMIT');
  t.equal(answer.numAffectedRows, 1n, 'the write answered as usual');
  t.same(await rows(), [{ id: 1, note: '审核通过' }], 'committed');
  await db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    await sql`insert into pipelined (id, note) values (2, '未登记为最后一句')`.execute(trx);
  });
  t.equal(proxy.take(), 3, 'without a registered last statement: BEGIN + first, the second, then COMMIT');
});

t.test('after a statement that may have written (an effect), the COMMIT waits for the command to decide', { skip: needsServer }, async (t) => {
  const { db, proxy, rows } = await throughProxy(t);
  await db.executeQuery(CompiledQuery.raw(lastInsert, [1, '已有']));
  proxy.take();
  // The last statement writes nothing (as a write on a stale version would), and the command refuses:
  // the effect before it must go with the ROLLBACK, not be committed behind the last statement.
  await t.rejects(
    db.transaction().execute(async (trx) => {
      await sql`insert into pipelined (id, note) values (2, '效果')`.execute(trx);
      const written = await trx.executeQuery(CompiledQuery.raw(lastInsertOrNothing, [1, '未写入']));
      if (written.numAffectedRows !== 0n) throw new Error('the statement should have written nothing');
      throw new Error('VERSION_CONFLICT');
    }),
    /VERSION_CONFLICT/,
  );
  t.same(await rows(), [{ id: 1, note: '已有' }], 'the effect was rolled back with the command');
  t.equal(proxy.take(), 3, 'BEGIN + the effect, the last statement alone, ROLLBACK');
  await db.transaction().execute(async (trx) => {
    await sql`insert into pipelined (id, note) values (2, '效果')`.execute(trx);
    await trx.executeQuery(CompiledQuery.raw(lastInsert, [3, '写入']));
  });
  t.equal(proxy.take(), 3, 'accepted: BEGIN + the effect, the write, COMMIT');
  t.same((await rows()).map((r) => r.id), [1, 2, 3], 'both committed');
});

t.test('a failed last statement takes the whole transaction with it, and the connection goes on working', { skip: needsServer }, async (t) => {
  const { db, proxy, rows } = await throughProxy(t);
  await db.executeQuery(CompiledQuery.raw(lastInsert, [1, '已有']));
  t.equal(proxy.take(), 1, 'outside a transaction the statement is sent alone: no COMMIT follows it');
  await t.rejects(
    db.transaction().execute(async (trx) => {
      await sql`insert into pipelined (id, note) values (2, '同一事务')`.execute(trx);
      await trx.executeQuery(CompiledQuery.raw(lastInsert, [1, '重复']));
    }),
    { code: '23505' },
    'the duplicate key reaches the caller',
  );
  t.same(await rows(), [{ id: 1, note: '已有' }], 'the earlier insert of the transaction was rolled back');
  await db.transaction().execute((trx) => trx.executeQuery(CompiledQuery.raw(lastInsert, [3, '之后'])));
  t.same((await rows()).map((r) => r.id), [1, 3], 'the next transaction on the same connection commits');
});

t.test('nothing may follow a transaction’s last statement, and a transaction that sends nothing costs nothing', { skip: needsServer }, async (t) => {
  const { db, proxy, rows } = await throughProxy(t);
  await t.rejects(
    db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw(lastInsert, [1, '最后一句']));
      await sql`insert into pipelined (id, note) values (2, '不该有')`.execute(trx);
    }),
    /after its transaction's last one/,
    'a statement behind the last one is refused rather than run outside the transaction',
  );
  t.same((await rows()).map((r) => r.id), [1], 'the last statement was committed, the refused one never ran');
  proxy.take();
  await db.transaction().execute(async () => {});
  await t.rejects(
    db.transaction().execute(async () => {
      throw new Error('refused before any statement');
    }),
  );
  t.equal(proxy.take(), 0, 'no statement, no BEGIN, no COMMIT or ROLLBACK on the wire');
  await sql`select 1`.execute(db);
  t.equal(proxy.take(), 1, 'and the connection is idle and usable');
});

t.test('with pipeline: false every statement waits for the previous answer, and the same transaction commits', { skip: needsServer }, async (t) => {
  const { db, proxy, rows } = await throughProxy(t, false);
  await db.transaction().execute(async (trx) => {
    await sql`select id from pipelined where id = 1 for update`.execute(trx);
    await trx.executeQuery(CompiledQuery.raw(lastInsert, [1, '审核通过']));
  });
  t.equal(proxy.take(), 4, 'BEGIN, the read, the write, COMMIT');
  t.same(await rows(), [{ id: 1, note: '审核通过' }], 'committed');
});
