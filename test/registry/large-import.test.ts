import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { importPhysicians, physicianCsvColumns } from '../../src/registry/csv-import.js';
import { createPostgresPhysicianRegistry } from '../../src/registry/physician-registry.js';
import { openTestDatabase } from '../helpers/database.js';

const total = 200_000;
const certNo = (i: number) => String(110420100000000 + i);
const categories = ['临床', '口腔', '公共卫生', '中医'];

/** Writes the file line by line, as an export would: the test never holds it whole either. */
async function writeFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`\uFEFF${physicianCsvColumns.join(',')}\r\n`);
  for (let i = 0; i < total; i++) {
    // Every 10,000th line is bad (no name); every 1,000th has a quoted unit holding a comma.
    const name = i % 10_000 === 5 ? '' : `医师${i}`;
    const unit = i % 1000 === 0 ? `"湖北省第${i % 97}人民医院,门诊部"` : `湖北省第${i % 97}人民医院`;
    await write(`${certNo(i)},${name},${i % 3 === 0 ? '执业助理医师' : '执业医师'},${categories[i % 4]},${unit},注册\r\n`);
  }
  out.end();
  await once(out, 'finish');
}

t.test('imports a file of 200,000 generated rows and answers lookups for its first and last rows', { timeout: 120_000 }, async (t) => {
  const db = await openTestDatabase(t);
  const file = join(t.testdir(), 'physicians.csv');
  await writeFile(file);

  const started = performance.now();
  const result = await importPhysicians(db.kysely, createReadStream(file));
  const seconds = (performance.now() - started) / 1000;
  t.comment(`${db.kind}: ${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s)`);

  const bad = total / 10_000;
  t.equal(result.lines, total + 1);
  t.equal(result.records, total);
  t.equal(result.inserted, total - bad);
  t.equal(result.rejectedTotal, bad);
  t.same(result.rejected[0], { line: 7, reason: '姓名为空' });

  const registry = createPostgresPhysicianRegistry(db.kysely);
  t.match(await registry.lookup(certNo(0)), { name: '医师0', level: '执业助理医师', category: '临床', unit: '湖北省第0人民医院,门诊部' });
  t.match(await registry.lookup(certNo(total - 1)), { name: `医师${total - 1}`, category: categories[(total - 1) % 4] });
  t.equal(await registry.lookup(certNo(5)), null, 'the rejected line was not imported');
  const found = await registry.lookupMany([certNo(0), certNo(total / 2), certNo(total - 1), certNo(total)]);
  t.same([...found.keys()].sort(), [certNo(0), certNo(total / 2), certNo(total - 1)]);
});
