import { Readable } from 'node:stream';
import t from 'tap';
import { isWorkflowError } from '../../src/errors.js';
import { importPhysicians, physicianCsvColumns, type ImportProgress } from '../../src/registry/csv-import.js';
import { csvErrors } from '../../src/registry/csv-reader.js';
import { createPostgresPhysicianRegistry } from '../../src/registry/physician-registry.js';
import { openTestDatabase } from '../helpers/database.js';

const db = await openTestDatabase(t);
const kysely = db.kysely;
const registry = createPostgresPhysicianRegistry(kysely);

const header = physicianCsvColumns.join(',');

/** The bytes of `text` as a stream of Buffer chunks of `size` bytes (cutting through UTF-8 characters). */
async function* bytes(text: string | Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

const csv = (...lines: string[]) => lines.join('\n') + '\n';
const row = (certNo: string, name = '张三', level = '执业医师', category = '临床', unit = '武汉市第一医院', status = '注册') =>
  [certNo, name, level, category, unit, status].join(',');

async function rows() {
  return kysely.selectFrom('pw_physicians').select(['cert_no', 'name', 'level', 'category', 'unit', 'status']).orderBy('cert_no').execute();
}

async function empty() {
  await kysely.deleteFrom('pw_physicians').execute();
}

t.beforeEach(empty);

t.test('imports every valid line and counts them as inserted', async (t) => {
  const result = await importPhysicians(kysely, bytes(csv(header, row('110420100000001'), row('110420100000002', '李四', '执业助理医师', '口腔', '', '注销'))));
  t.same(result, { lines: 3, records: 2, inserted: 2, updated: 0, unchanged: 0, rejected: [], rejectedTotal: 0 });
  t.same(await rows(), [
    { cert_no: '110420100000001', name: '张三', level: '执业医师', category: '临床', unit: '武汉市第一医院', status: '注册' },
    { cert_no: '110420100000002', name: '李四', level: '执业助理医师', category: '口腔', unit: '', status: '注销' },
  ]);
});

t.test('rejects each kind of bad line with its line number and a Chinese reason, and imports the rest', async (t) => {
  const result = await importPhysicians(
    kysely,
    bytes(
      csv(
        header,
        row('110420100000001'),
        row(''),
        row('12-34'),
        row('110420100000004', ' '),
        row('110420100000005', '张三', '医师'),
        row('110420100000006', '张三', '执业医师', '外科'),
        row('110420100000007', '张三', '执业医师', '临床', '单位', ''),
        '110420100000008,张三,执业医师,临床,单位',
        '110420100000009,张三,执业医师,临床,单位,注册,多余',
        '110420100000010,"张"三",执业医师,临床,单位,注册',
        row('110420100000011', '张'.repeat(101)),
        row('', '', '医师', '外科', '', ''),
        row('110420100000013'),
      ),
    ),
  );
  t.same(result.rejected, [
    { line: 3, reason: '证书编码为空' },
    { line: 4, reason: '证书编码“12-34”格式不正确（应为5至30位数字或字母）' },
    { line: 5, reason: '姓名为空' },
    { line: 6, reason: '医师级别“医师”无效（应为 执业医师 或 执业助理医师）' },
    { line: 7, reason: '执业类别“外科”无效（应为 临床、口腔、公共卫生 或 中医）' },
    { line: 8, reason: '状态为空' },
    { line: 9, reason: '字段数为 5，应为 6（与表头一致）' },
    { line: 10, reason: '字段数为 7，应为 6（与表头一致）' },
    { line: 11, reason: csvErrors.textAfterQuote },
    { line: 12, reason: '姓名超过100个字符' },
    {
      line: 13,
      reason:
        '证书编码为空；姓名为空；医师级别“医师”无效（应为 执业医师 或 执业助理医师）；执业类别“外科”无效（应为 临床、口腔、公共卫生 或 中医）；状态为空',
    },
  ]);
  t.equal(result.rejectedTotal, 11);
  t.equal(result.inserted, 2);
  t.equal(result.records, 13);
  t.same(
    (await rows()).map((r) => r.cert_no),
    ['110420100000001', '110420100000013'],
  );
});

t.test('rejects a line that is not valid UTF-8', async (t) => {
  const bad = Buffer.concat([Buffer.from(`${header}\n110420100000001,`), Buffer.from([0xd5, 0xc5]), Buffer.from(',执业医师,临床,单位,注册\n')]);
  const result = await importPhysicians(kysely, bytes(bad));
  t.same(result.rejected, [{ line: 2, reason: '含有无法识别的字符（文件须为 UTF-8 编码）' }]);
});

t.test('folds certificate numbers: full-width digits, spaces and lower case', async (t) => {
  const result = await importPhysicians(kysely, bytes(csv(header, row('１１０４２０ 100000001'), row('abc12345'))));
  t.equal(result.inserted, 2);
  t.same(
    (await rows()).map((r) => r.cert_no),
    ['110420100000001', 'ABC12345'],
  );
});

t.test('trims spaces around values', async (t) => {
  await importPhysicians(kysely, bytes(csv(header, ' 110420100000001 , 张三 , 执业医师 ,临床　, 单位 , 注册 ')));
  t.same(await rows(), [{ cert_no: '110420100000001', name: '张三', level: '执业医师', category: '临床', unit: '单位', status: '注册' }]);
});

t.test('keeps the first line of a repeated certificate number and rejects the later ones, within and across batches', async (t) => {
  const file = csv(
    header,
    row('110420100000001', '张三'),
    row('110420100000002', '李四'),
    row('110420100000001', '王五'),
    row('110420100000003', '赵六'),
    row('１１０４２０１０００００００２', '孙七'),
    row('110420100000001', '周八'),
  );
  for (const batchSize of [1, 2, 1000]) {
    await empty();
    const result = await importPhysicians(kysely, bytes(file), { batchSize });
    t.same(
      result.rejected,
      [
        { line: 4, reason: '证书编码与第2行重复（保留先出现的行）' },
        { line: 6, reason: '证书编码与第3行重复（保留先出现的行）' },
        { line: 7, reason: '证书编码与第2行重复（保留先出现的行）' },
      ],
      `batch size ${batchSize}`,
    );
    t.equal(result.inserted, 3);
    t.same(
      (await rows()).map((r) => r.name),
      ['张三', '李四', '赵六'],
      `the first lines won with batch size ${batchSize}`,
    );
  }
});

t.test('a line rejected for another reason does not block a later valid line with its number', async (t) => {
  const result = await importPhysicians(kysely, bytes(csv(header, row('110420100000001', '张三', '医师'), row('110420100000001', '李四'))), { batchSize: 1 });
  t.same(result.rejected.map((r) => r.line), [2]);
  t.same((await rows()).map((r) => r.name), ['李四']);
});

t.test('reads a file with a BOM, CRLF line ends, and the columns in another order with extra ones', async (t) => {
  const text = '\uFEFF状态,备注,执业单位,姓名,证书编码,执业类别,医师级别\r\n注册,无,单位甲,张三,110420100000001,中医,执业医师\r\n注销,,单位乙,李四,110420100000002,公共卫生,执业助理医师\r\n';
  const result = await importPhysicians(kysely, bytes(text));
  t.same(result, { lines: 3, records: 2, inserted: 2, updated: 0, unchanged: 0, rejected: [], rejectedTotal: 0 });
  t.same(await rows(), [
    { cert_no: '110420100000001', name: '张三', level: '执业医师', category: '中医', unit: '单位甲', status: '注册' },
    { cert_no: '110420100000002', name: '李四', level: '执业助理医师', category: '公共卫生', unit: '单位乙', status: '注销' },
  ]);
});

t.test('reads quoted fields with commas, quotes and line breaks, and numbers later lines by physical line', async (t) => {
  const text = csv(
    header,
    '110420100000001,"张三",执业医师,临床,"武汉市第一医院,内科",注册',
    '110420100000002,李四,执业医师,临床,"协和医院""本部""',
    '门诊楼",注册',
    '110420100000003,王五,执业医师,临床,单位,',
  );
  const result = await importPhysicians(kysely, bytes(text));
  t.same(result.rejected, [{ line: 5, reason: '状态为空' }], 'the record after a two-line record is on line 5');
  t.same(
    (await rows()).map((r) => r.unit),
    ['武汉市第一医院,内科', '协和医院"本部"\n门诊楼'],
  );
});

t.test('reads the same file whatever the chunk size, even one byte at a time', async (t) => {
  const text = '\uFEFF' + csv(header, row('110420100000001', '阿依古丽·买买提'), '110420100000002,"李\n四",执业医师,临床,单位,注册', row('bad'));
  const expected = await importPhysicians(kysely, bytes(text));
  for (const size of [1, 2, 3, 7]) {
    await empty();
    t.same(await importPhysicians(kysely, bytes(text, size)), expected, `chunks of ${size} bytes`);
    t.same((await rows()).map((r) => r.name), ['阿依古丽·买买提', '李\n四']);
  }
});

t.test('accepts a Node stream of strings and skips empty lines and lines of only commas', async (t) => {
  const result = await importPhysicians(kysely, Readable.from([`${header}\n\n`, `${row('110420100000001')}\n,,,,,\n  \n`]));
  t.same(result, { lines: 5, records: 1, inserted: 1, updated: 0, unchanged: 0, rejected: [], rejectedTotal: 0 });
});

t.test('refuses a file whose header lacks a column, and writes nothing', async (t) => {
  const file = csv('证书编码,姓名,医师级别,执业单位', row('110420100000001'));
  const error = await importPhysicians(kysely, bytes(file)).then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(isWorkflowError(error) && error.code === 'VALIDATION_FAILED', 'VALIDATION_FAILED');
  t.match((error as { details: unknown }).details, [
    { field: 'file', code: 'missingColumns', message: '表头缺少列：执业类别、状态。第1行应包含 证书编码,姓名,医师级别,执业类别,执业单位,状态（顺序不限）' },
  ]);
  t.same(await rows(), []);
});

t.test('refuses a GBK file with a hint about the encoding', async (t) => {
  // 证书编码,姓名 in GBK.
  const gbk = Buffer.from([0xd6, 0xa4, 0xca, 0xe9, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0a]);
  await t.rejects(importPhysicians(kysely, bytes(gbk)), { code: 'VALIDATION_FAILED', details: [{ code: 'missingColumns', message: /不是 UTF-8 编码/ }] });
});

t.test('refuses a header naming a column twice, an empty file and a malformed header', async (t) => {
  await t.rejects(importPhysicians(kysely, bytes(csv(`${header},姓名`, row('110420100000001')))), {
    code: 'VALIDATION_FAILED',
    details: [{ code: 'repeatedColumns', message: '表头中的列重复：姓名' }],
  });
  await t.rejects(importPhysicians(kysely, bytes('')), { code: 'VALIDATION_FAILED', details: [{ code: 'emptyFile' }] });
  await t.rejects(importPhysicians(kysely, bytes('\n\n')), { code: 'VALIDATION_FAILED', details: [{ code: 'emptyFile' }] });
  await t.rejects(importPhysicians(kysely, bytes(`"证书编码"x,姓名\n`)), { code: 'VALIDATION_FAILED', details: [{ code: 'malformedHeader' }] });
  t.same(await rows(), []);
});

t.test('importing the same file twice inserts and updates nothing the second time', async (t) => {
  const file = csv(header, row('110420100000001'), row('110420100000002', '李四'), row('110420100000001', '重复'), row('bad'));
  const first = await importPhysicians(kysely, bytes(file), { batchSize: 2 });
  const second = await importPhysicians(kysely, bytes(file), { batchSize: 2 });
  t.match(first, { inserted: 2, updated: 0, unchanged: 0, rejectedTotal: 2 });
  t.same(second, { ...first, inserted: 0, unchanged: 2 });
});

t.test('counts a changed row as updated and moves its updated_at, and only its', async (t) => {
  const before = new Date('2026-01-01T00:00:00Z');
  const after = new Date('2026-02-01T00:00:00Z');
  await importPhysicians(kysely, bytes(csv(header, row('110420100000001'), row('110420100000002'))), { now: before });
  const result = await importPhysicians(kysely, bytes(csv(header, row('110420100000001', '张三', '执业医师', '临床', '单位', '注销'), row('110420100000002'))), {
    now: after,
  });
  t.match(result, { inserted: 0, updated: 1, unchanged: 1 });
  const stamps = await kysely.selectFrom('pw_physicians').select(['cert_no', 'status', 'updated_at']).orderBy('cert_no').execute();
  t.same(stamps, [
    { cert_no: '110420100000001', status: '注销', updated_at: after },
    { cert_no: '110420100000002', status: '注册', updated_at: before },
  ]);
});

t.test('counts as unchanged, not updated, when the same `now` is used twice', async (t) => {
  const now = new Date('2026-01-01T00:00:00Z');
  const file = bytes(csv(header, row('110420100000001')));
  await importPhysicians(kysely, file, { now });
  t.match(await importPhysicians(kysely, bytes(csv(header, row('110420100000001'))), { now }), { inserted: 0, updated: 0, unchanged: 1 });
});

t.test('a read that fails half-way leaves whole batches, and running again completes the import', async (t) => {
  const lines = Array.from({ length: 10 }, (_, i) => row(String(110420100000001 + i)));
  async function* failing() {
    yield Buffer.from(csv(header, ...lines.slice(0, 5)));
    throw new Error('connection reset');
  }
  await t.rejects(importPhysicians(kysely, failing(), { batchSize: 2 }), { message: 'connection reset' });
  const written = (await rows()).length;
  t.ok(written === 4 || written === 5, `whole batches of 2 written before the failure (${written})`);
  const again = await importPhysicians(kysely, bytes(csv(header, ...lines)), { batchSize: 2 });
  t.match(again, { inserted: 10 - written, unchanged: written, updated: 0 });
  t.equal((await rows()).length, 10);
});

t.test('reports progress after every batch', async (t) => {
  const progress: ImportProgress[] = [];
  const lines = Array.from({ length: 5 }, (_, i) => row(String(110420100000001 + i)));
  await importPhysicians(kysely, bytes(csv(header, ...lines, row('bad'))), { batchSize: 2, onProgress: (p) => progress.push(p) });
  t.same(progress.map((p) => p.inserted), [2, 4, 5, 5]);
  t.same(progress.at(-1), { lines: 7, records: 6, inserted: 5, updated: 0, unchanged: 0, rejected: 1 });
});

t.test('keeps at most maxRejected rejected lines but counts them all', async (t) => {
  const bad = Array.from({ length: 30 }, () => row('', 'x'));
  const result = await importPhysicians(kysely, bytes(csv(header, ...bad, row('110420100000001'))), { maxRejected: 10, batchSize: 7 });
  t.equal(result.rejected.length, 10);
  t.equal(result.rejectedTotal, 30);
  t.same(result.rejected.map((r) => r.line), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  t.equal(result.inserted, 1);
});

t.test('lets timers run while it imports', async (t) => {
  const lines = Array.from({ length: 20_000 }, (_, i) => row(String(110420100000001 + i)));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    await importPhysicians(kysely, bytes(csv(header, ...lines)), { batchSize: 500 });
  } finally {
    clearInterval(timer);
  }
  t.ok(ticks >= 5, `a 1 ms interval fired ${ticks} times during the import`);
});

t.test('refuses a batch size that is not a positive integer', async (t) => {
  await t.rejects(importPhysicians(kysely, bytes(csv(header)), { batchSize: 0 }), RangeError);
});
