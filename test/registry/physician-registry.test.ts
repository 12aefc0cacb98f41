import { sql } from 'kysely';
import t from 'tap';
import type { PhysicianRecord } from '../../src/domain/physician-record.js';
import { intArray, textArray } from '../../src/registry/array-literals.js';
import { createMemoryPhysicianRegistry, createPostgresPhysicianRegistry, type PhysicianRegistry } from '../../src/registry/physician-registry.js';
import { openTestDatabase } from '../helpers/database.js';

const db = await openTestDatabase(t);

const zhang: PhysicianRecord = { certNo: '110420100012345', name: '张三', level: '执业医师', category: '临床', unit: '武汉市第一医院', status: '注册' };
const li: PhysicianRecord = { certNo: 'AB1234567', name: '李四', level: '执业助理医师', category: '中医', unit: '', status: '注销' };

await db.kysely
  .insertInto('pw_physicians')
  .values([zhang, li].map((r) => ({ cert_no: r.certNo, name: r.name, level: r.level, category: r.category, unit: r.unit, status: r.status, updated_at: new Date() })))
  .execute();

const registries: [string, PhysicianRegistry][] = [
  ['the PostgreSQL registry', createPostgresPhysicianRegistry(db.kysely)],
  ['the memory registry', createMemoryPhysicianRegistry([zhang, { ...li, certNo: 'ab 1234567' }])],
];

for (const [label, registry] of registries) {
  t.test(`${label} finds a record by a number typed with full-width digits, spaces or lower case`, async (t) => {
    t.same(await registry.lookup('110420100012345'), zhang);
    t.same(await registry.lookup(' １１０４２０ 100012345 '), zhang);
    t.same(await registry.lookup('ab1234567'), li);
  });

  t.test(`${label} answers null for an unknown or empty number`, async (t) => {
    t.equal(await registry.lookup('110420100099999'), null);
    t.equal(await registry.lookup('  '), null);
  });

  t.test(`${label} looks up many numbers at once, keyed by the normalised number`, async (t) => {
    const found = await registry.lookupMany(['１１０４２０１０００１２３４５', 'ab1234567', '110420100099999', '', '110420100012345']);
    t.same([...found.keys()].sort(), ['110420100012345', 'AB1234567']);
    t.same(found.get('110420100012345'), zhang);
    t.same(found.get('AB1234567'), li);
    t.same(await registry.lookupMany([]), new Map());
  });

  t.test(`${label} looks up a list far longer than any placeholder limit`, async (t) => {
    const many = Array.from({ length: 70_000 }, (_, i) => String(110420100000000 + i * 7));
    many.push(zhang.certNo);
    const found = await registry.lookupMany(many);
    t.same([...found.keys()], [zhang.certNo]);
  });
}

t.test('array literals reach the database unchanged, whatever the characters', async (t) => {
  const tricky = ['a', '', 'NULL', 'null', 'x,y', 'q"uote', 'back\\slash', '{brace}', ' sp ', '阿依古丽·买买提', 'new\nline', "it's", '\\"'];
  const { rows } = await sql<{ value: string; n: number }>`
    select value, n from unnest(${textArray(tricky)}::text[], ${intArray(tricky.map((_, i) => i))}::int4[]) as u(value, n)
  `.execute(db.kysely);
  t.same(rows, tricky.map((value, n) => ({ value, n })));
  const { rows: none } = await sql<{ n: number }>`select cardinality(${textArray([])}::text[]) as n`.execute(db.kysely);
  t.same(none, [{ n: 0 }]);
});

t.test('the table refuses a level or category outside the domain', async (t) => {
  const bad = { cert_no: '110420100077777', name: '王五', unit: '', status: '注册', updated_at: new Date() };
  await t.rejects(db.kysely.insertInto('pw_physicians').values({ ...bad, level: '医师' as never, category: '临床' }).execute());
  await t.rejects(db.kysely.insertInto('pw_physicians').values({ ...bad, level: '执业医师', category: '外科' as never }).execute());
});
