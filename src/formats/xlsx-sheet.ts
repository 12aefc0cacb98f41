import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';

/** One column of an exported sheet. */
export interface SheetColumn<Row> {
  /** The Chinese header of the column. */
  header: string;
  /** Width in characters (a Chinese character counts two). */
  width: number;
  /** The cell of a row: text, a number, or a Date shown as YYYY-MM-DD (a real Excel date). */
  value: (row: Row) => string | number | Date | null;
  /** `date`: the cells are Excel dates with the format YYYY-MM-DD. */
  kind?: 'date';
}

/** What a streamed workbook is made of: one sheet, its columns, and its rows in batches. */
export interface SheetSource<Row> {
  sheetName: string;
  columns: readonly SheetColumn<Row>[];
  /** Rows arrive in batches (a page of a keyset read each), so memory holds one batch at a time. */
  batches: AsyncIterable<readonly Row[]>;
}

/** An exported workbook: its name, how many data rows it holds, and the bytes as they are written. */
export interface SheetDownload {
  fileName: string;
  rows: number;
  stream: Readable;
}

/**
 * Streams a one-sheet workbook (.xlsx) with exceljs's streaming writer: a
 * bold, frozen header row, column widths, dates as Excel dates. Each row is
 * committed as soon as it is written and the next batch is only read when
 * the consumer has taken what was written, so the memory stays flat however
 * many rows there are. A failure while reading destroys the stream with the
 * error (the client sees a broken download, never a truncated file that
 * looks whole).
 *
 * @example
 * const stream = xlsxStream({ sheetName: '申报人员', columns: [{ header: '姓名', width: 12, value: (r: { name: string }) => r.name }], batches: pages() });
 * stream.pipe(createWriteStream('申报人员.xlsx'));
 */
export function xlsxStream<Row>(source: SheetSource<Row>): Readable {
  const out = new PassThrough();
  const write = async () => {
    // Loaded on the first export, not at start-up: exceljs alone costs a server start ~0.3 s.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(source.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = source.columns.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width,
      ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of source.batches) {
      for (const row of batch) sheet.addRow(source.columns.map((c) => c.value(row) ?? null)).commit();
      // Back-pressure: wait for the consumer before reading the next batch.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/**
 * A calendar date (`YYYY-MM-DD`) or an instant as the Date Excel shows as
 * that day: midnight UTC of the day in China (UTC+8), so the cell reads the
 * same date as the detail screen whatever the viewer's time zone.
 *
 * @example
 * excelDate('2019-08-08'); // 2019-08-08T00:00:00.000Z
 * excelDate(new Date('2026-03-01T20:00:00Z')); // 2026-03-02T00:00:00.000Z (already 2 March in China)
 */
export function excelDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const china = new Date(instant.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()));
}
