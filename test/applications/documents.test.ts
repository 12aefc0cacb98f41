import t from 'tap';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createEngine } from '../../src/create-engine.js';
import { isWorkflowError } from '../../src/errors.js';
import { excelDate } from '../../src/formats/xlsx-sheet.js';
import { admin, district } from '../helpers/engine.js';
import { pdfText } from '../helpers/pdf-text.js';
import { otherCandidateInput, probationWorld, refusal, residentId } from './fixtures.js';

async function sheetRows(stream: NodeJS.ReadableStream): Promise<unknown[][]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

t.test('an export larger than the row limit is refused before anything is written or audited', async (t) => {
  const w = await probationWorld(t, { exportRowLimit: 1 });
  for (const [name, birth] of [['钱七', '19950101'], ['孙八', '19950102'], ['周九', '19950103']] as const) {
    await w.engine.declarations.create(w.projectId, otherCandidateInput(name, residentId('420102', birth, '011')), w.unit);
  }
  const error = await refusal(w.engine.declarations.exportList(w.projectId, w.unit));
  t.ok(isWorkflowError(error));
  t.match(error, { code: 'EXPORT_TOO_LARGE', details: { rows: 3, limit: 1 } });
  t.match(error.message, /3 条.*上限 1 条/);
  const narrowed = await w.engine.declarations.exportList(w.projectId, w.unit, { q: '孙' });
  t.equal(narrowed.rows, 1, 'a filtered export within the limit is served');
  t.equal((await sheetRows(narrowed.stream)).length, 2);
  const audits = await w.engine.db.selectFrom('pw_audit').select('action').where('action', '=', 'applications.export').execute();
  t.equal(audits.length, 1, 'only the export that was served is audited');

  t.match(await refusal(w.engine.onboarding.exportInstitutions(admin)), { code: 'EXPORT_TOO_LARGE', details: { rows: 2, limit: 1 } }, 'the registrations export has the same limit');
});

t.test('the engine refuses a row limit one Excel sheet cannot hold', async (t) => {
  const w = await probationWorld(t);
  for (const exportRowLimit of [0, 1.5, 1_048_576]) {
    await t.rejects(createEngine({ db: w.engine.db, migrate: false, exportRowLimit }), RangeError, `exportRowLimit ${exportRowLimit}`);
  }
});

t.test('the export reads in keyset batches: 2,345 rows arrive once each, in arrival order, numbered without a gap', async (t) => {
  const w = await probationWorld(t);
  const first = await w.engine.declarations.create(w.projectId, otherCandidateInput('钱七', residentId('420102', '19950101', '011')), w.unit);
  // Copies of one application, straight into the table: the export, not the declaration, is under test.
  await sql`
    insert into pw_applications (id, state, context, machine_version, version, created_at, updated_at, project_id, institution_id,
      department_id, candidate_id, due_at, open, data, candidate_name, id_number, entry_mode, red_count, note, submitted_at)
    select gen_random_uuid(), state, context, machine_version, version, created_at, updated_at, project_id, institution_id,
      department_id, candidate_id, due_at, open, data, '考生' || g, 'X' || g, entry_mode, red_count, note, submitted_at
    from pw_applications, generate_series(1, 2344) g where id = ${first.id}`.execute(w.engine.db);
  const file = await w.engine.declarations.exportList(w.projectId, district);
  t.equal(file.rows, 2345);
  const rows = await sheetRows(file.stream);
  t.equal(rows.length, 2346, 'the header and every application');
  t.same(rows.slice(1).map((r) => r[0]), Array.from({ length: 2345 }, (_, i) => i + 1), '序号 runs 1..2345');
  t.equal(new Set(rows.slice(1).map((r) => r[1])).size, 2345, 'no row twice');
  t.same([rows[1]![1], rows[2]![1], rows[2345]![1]], ['钱七', '考生1', '考生2344'], 'arrival order across batch boundaries');
  t.equal(rows[1]![7], 14, 'the total of 2025-01-01 .. 2026-02-28 (after the district’s institution column)');
});

t.test('a declaration with many long segments prints on several pages, each with the table header and the foot', async (t) => {
  const w = await probationWorld(t);
  const input = otherCandidateInput('欧阳娜娜', residentId('420102', '19960101', '021')) as { segments: Record<string, unknown>[] };
  const current = input.segments[0]!;
  const others = Array.from({ length: 19 }, (_, i) => {
    const year = 2005 + i;
    return {
      ...current,
      current: false,
      checkCode: undefined,
      institutionName: `湖北省第${i + 1}人民医院（华中科技大学同济医学院附属第${i + 1}临床学院）住院医师规范化培训基地`,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-06-30`,
    };
  });
  input.segments = [current, ...others];
  const created = await w.engine.declarations.create(w.projectId, input, w.unit);
  const { body, code } = await w.engine.declarations.certificate(created.id, w.unit);
  if (process.env.CERTIFICATE_PDF_OUT) (await import('node:fs')).writeFileSync(process.env.CERTIFICATE_PDF_OUT, body);
  const pages = await pdfText(body);
  t.ok(pages.length >= 2, `${pages.length} pages`);
  for (const [i, page] of pages.entries()) {
    if (page.includes('湖北省第')) t.ok(page.includes('带教老师执业证书号'), `page ${i + 1} holds segments under the table header`);
    t.ok(page.includes(`验证码：${code}`) && page.includes(`第${i + 1}页 共${pages.length}页`), `page ${i + 1} carries the foot`);
  }
  t.ok(pages.at(-1)!.includes('盖章处'), 'the signatures and the stamp follow the table');
  t.ok(pages.join('').includes('湖北省第19人民医院'), 'the last segment is printed');
});

t.test('characters the reader font cannot print (beyond the BMP) print as □ instead of failing the certificate', async (t) => {
  const w = await probationWorld(t);
  const input = otherCandidateInput('钱七', residentId('420102', '19950101', '011')) as { segments: Record<string, unknown>[] };
  input.segments[0]!.department = '心内科😀';
  input.segments[0]!.teacherUnit = '𠀀诊所';
  const created = await w.engine.declarations.create(w.projectId, input, w.unit);
  const { body } = await w.engine.declarations.certificate(created.id, w.unit);
  const [page] = await pdfText(body);
  t.ok(page!.includes('心内科□'), 'the emoji is replaced, the rest prints');
  const rows = await sheetRows((await w.engine.declarations.exportList(w.projectId, w.unit)).stream);
  t.equal(rows.length, 2, 'the export takes the same data');
});

t.test('excelDate shows the China date of an instant and a calendar date as itself', async (t) => {
  t.equal(excelDate('2019-08-08')!.toISOString(), '2019-08-08T00:00:00.000Z');
  t.equal(excelDate(new Date('2026-03-01T20:00:00Z'))!.toISOString(), '2026-03-02T00:00:00.000Z', 'already 2 March in China');
  t.equal(excelDate('2026-03-01T15:59:59.000Z')!.toISOString(), '2026-03-01T00:00:00.000Z');
  t.equal(excelDate(null), null);
  t.equal(excelDate('garbage'), null);
});
