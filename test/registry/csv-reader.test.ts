import fc from 'fast-check';
import t from 'tap';
import { createCsvReader, csvErrors, type CsvRecord } from '../../src/registry/csv-reader.js';

/** Every record of `pieces` pushed one after another, plus the final line count. */
function readAll(pieces: string | readonly string[], maxRecordLength?: number): { records: CsvRecord[]; lines: number } {
  const reader = createCsvReader(maxRecordLength === undefined ? {} : { maxRecordLength });
  const records: CsvRecord[] = [];
  const drain = () => {
    for (let r = reader.next(); r !== undefined; r = reader.next()) records.push(r);
  };
  for (const piece of typeof pieces === 'string' ? [pieces] : pieces) {
    reader.push(piece);
    drain();
  }
  reader.end();
  drain();
  return { records, lines: reader.lines };
}

const fieldsOf = (records: CsvRecord[]) => records.map((r) => (r.fields ? [r.line, ...r.fields] : [r.line, `ERROR ${r.error}`]));

t.test('splits LF and CRLF records, even mixed in one file, and numbers them by physical line', async (t) => {
  const { records, lines } = readAll('a,b,c\r\n1,2,3\n4,5,6\r\n');
  t.same(fieldsOf(records), [
    [1, 'a', 'b', 'c'],
    [2, '1', '2', '3'],
    [3, '4', '5', '6'],
  ]);
  t.equal(lines, 3);
});

t.test('reads a last line without a line break and counts it', async (t) => {
  const { records, lines } = readAll('a,b\n1,2');
  t.same(fieldsOf(records), [
    [1, 'a', 'b'],
    [2, '1', '2'],
  ]);
  t.equal(lines, 2);
});

t.test('drops a leading BOM', async (t) => {
  t.same(fieldsOf(readAll('\uFEFF证书编码,姓名\n').records), [[1, '证书编码', '姓名']]);
});

t.test('skips empty lines but still counts them', async (t) => {
  const { records, lines } = readAll('a\n\n\r\nb\n\n');
  t.same(fieldsOf(records), [
    [1, 'a'],
    [4, 'b'],
  ]);
  t.equal(lines, 5);
});

t.test('reads quoted fields holding commas, doubled quotes and line breaks', async (t) => {
  const { records, lines } = readAll('1,"a,b","say ""hi""","two\nlines"\r\n2,"","x"\n"three\r\n\nlines",y\n4,z\n');
  t.same(fieldsOf(records), [
    [1, '1', 'a,b', 'say "hi"', 'two\nlines'],
    [3, '2', '', 'x'],
    [4, 'three\r\n\nlines', 'y'],
    [7, '4', 'z'],
  ]);
  t.equal(lines, 7, 'the line breaks inside quotes are physical lines too');
});

t.test('keeps a quote inside an unquoted field as a character', async (t) => {
  t.same(fieldsOf(readAll('a,12"3,"b"\n').records), [[1, 'a', '12"3', 'b']]);
});

t.test('reads empty fields at the start, middle and end of a record', async (t) => {
  t.same(fieldsOf(readAll(',a,,\n"",,""\n').records), [
    [1, '', 'a', '', ''],
    [2, '', '', ''],
  ]);
});

t.test('rejects text after a closing quote and carries on with the next line', async (t) => {
  const { records } = readAll('1,"ab"c,3\n2,ok\n3,"x\ny"z\n4,ok\n');
  t.same(fieldsOf(records), [
    [1, `ERROR ${csvErrors.textAfterQuote}`],
    [2, '2', 'ok'],
    [3, `ERROR ${csvErrors.textAfterQuote}`],
    [5, '4', 'ok'],
  ]);
});

t.test('rejects an unclosed quote on its own line and reads the lines it swallowed as records', async (t) => {
  const { records, lines } = readAll('1,"abc\n2,ok\n3,ok\n');
  t.same(fieldsOf(records), [
    [1, `ERROR ${csvErrors.unclosedQuote}`],
    [2, '2', 'ok'],
    [3, '3', 'ok'],
  ]);
  t.equal(lines, 3);
});

t.test('rejects an over-long line without holding it, then goes on', async (t) => {
  const long = 'x'.repeat(50);
  const { records, lines } = readAll(['a,b\n', long.slice(0, 25), long.slice(25), ',y\nc,d\n'], 20);
  t.same(fieldsOf(records), [
    [1, 'a', 'b'],
    [2, `ERROR ${csvErrors.tooLong(20)}`],
    [3, 'c', 'd'],
  ]);
  t.equal(lines, 3);
});

t.test('gives up on a quoted record longer than the limit and reads on from its next line', async (t) => {
  const { records } = readAll(['1,"', 'x\n'.repeat(30), 'end\n'], 20);
  t.equal(records[0]?.line, 1);
  t.equal(records[0]?.error, csvErrors.unclosedOrTooLong(20));
  t.same(fieldsOf(records.slice(1, 3)), [
    [2, 'x'],
    [3, 'x'],
  ]);
  t.same(fieldsOf(records.slice(-1)), [[31, 'end']]);
});

t.test('a CR that is not followed by LF is data', async (t) => {
  t.same(fieldsOf(readAll('a\rb,c\n').records), [[1, 'a\rb', 'c']]);
});

/** Arbitrary CSV text built from fields that need every kind of quoting. */
const csvText = fc
  .array(
    fc.array(fc.oneof(fc.constantFrom('', 'a', '张三', ' x ', 'a,b', 'say "hi"', 'l1\nl2', 'r\r\nn', '"', '""'), fc.string({ maxLength: 4 })), {
      minLength: 1,
      maxLength: 5,
    }),
    { maxLength: 8 },
  )
  .chain((rows) =>
    fc.tuple(
      fc.constant(rows),
      fc.array(fc.boolean(), { minLength: rows.length, maxLength: rows.length }),
      fc.array(fc.boolean(), { minLength: rows.length * 5, maxLength: rows.length * 5 }),
    ),
  )
  .map(([rows, crlf, quoteAll]) =>
    rows
      .map((row, r) => {
        const text = row
          .map((f, i) => (quoteAll[r * 5 + i] || /[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f))
          .join(',');
        return text + (crlf[r] ? '\r\n' : '\n');
      })
      .join(''),
  );

t.test('reads back exactly what a writer quoted, whatever the fields', async (t) => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.oneof(fc.constantFrom('a', '张三', 'a,b', 'say "hi"', 'l1\nl2', 'r\r\nn', '"'), fc.string({ minLength: 1, maxLength: 4 })), {
          minLength: 2,
          maxLength: 5,
        }),
        { maxLength: 8 },
      ),
      (rows) => {
        const text = rows.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',') + '\n').join('');
        const { records } = readAll(text);
        return JSON.stringify(records.map((r) => r.fields)) === JSON.stringify(rows);
      },
    ),
  );
  t.pass('held for every generated file');
});

t.test('gives the same records however the text is cut into pieces', async (t) => {
  fc.assert(
    fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const pieces: string[] = [];
      let from = 0;
      for (const p of points) {
        pieces.push(text.slice(from, p));
        from = p;
      }
      pieces.push(text.slice(from));
      const whole = readAll(text);
      const split = readAll(pieces);
      return JSON.stringify(whole) === JSON.stringify(split);
    }),
    { numRuns: 500 },
  );
  t.pass('held for every generated file and cut');
});

t.test('gives the same records when fed one character at a time, errors included', async (t) => {
  const text = '\uFEFFh1,h2\r\n"a\nb",1\n2,"x"y\n"unclosed,3\n4,"q""q"\r\n,\n5';
  t.same(readAll([...text]), readAll(text));
});
