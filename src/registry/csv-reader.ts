/**
 * A streaming RFC 4180 record reader, written for the physician import
 * rather than taken from npm: the import must name the physical line on
 * which every rejected record starts and must keep going after a malformed
 * one. csv-parse 6 (the standard package) reports the line where a record
 * *ends*, and after a bad quote with `skip_records_with_error` it dropped the
 * next, valid record without reporting it (checked on 6.2.1), so every line
 * of the file would no longer be either imported or reported.
 *
 * Rules (RFC 4180 plus what real files need):
 * - fields are separated by `,`, records by LF or CRLF (both may occur in
 *   one file); a CR elsewhere is data;
 * - a field that starts with `"` is quoted: it may hold commas, line breaks
 *   and `""` (one quote); after its closing quote only `,` or the end of the
 *   record may follow;
 * - a `"` inside an unquoted field is kept as a character (lenient, like
 *   most readers and spreadsheet programs);
 * - empty lines are skipped (they still count as lines);
 * - a leading BOM is dropped.
 *
 * Malformed input never stops the reader: it returns an error record for
 * the line where the bad record starts and carries on at a line boundary
 * (after a bad character following a closing quote: with the next line; for
 * a quote that is never closed: with the line after the one the quote opened
 * on, so the lines it swallowed are read again as records of their own).
 * No record may be longer than `maxRecordLength` characters, which bounds
 * the memory held for a file whose quote is never closed.
 */

/** One record: its fields, or why its line could not be split into fields. */
export type CsvRecord =
  | { line: number; fields: string[]; error?: undefined }
  | { line: number; fields?: undefined; error: string };

/** Pull-style reader: push decoded text in, take records out, synchronously. */
export interface CsvReader {
  /** Appends the next piece of decoded text (any size; records may span pieces). */
  push(text: string): void;
  /** No more text: a last line without a line break is a record too. */
  end(): void;
  /**
   * The next record, or undefined when the text pushed so far holds no
   * further complete record (after `end()`: when the input is exhausted).
   */
  next(): CsvRecord | undefined;
  /** Physical lines read so far; after `end()` and the last record, the number of lines in the input. */
  readonly lines: number;
}

export interface CsvReaderOptions {
  /** Longest record accepted, in characters (default 65,536); longer ones are error records. */
  maxRecordLength?: number;
}

/** Error texts of the reader (Chinese, shown to the person who supplied the file). */
export const csvErrors = {
  unclosedQuote: '引号未闭合（以引号开头的字段缺少闭合引号）',
  textAfterQuote: '引号使用不正确：字段的闭合引号后只能是逗号或换行（字段内的引号应写作两个引号 ""）',
  tooLong: (max: number) => `该行超过 ${max} 个字符`,
  unclosedOrTooLong: (max: number) => `引号未闭合，或该记录超过 ${max} 个字符`,
} as const;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Creates a reader. Feed it text with `push`, call `next` until it returns
 * undefined, push more; after `end`, drain it once more.
 *
 * @example
 * const reader = createCsvReader();
 * reader.push('a,b\r\n"x,\n""y""",2\n');
 * reader.end();
 * reader.next(); // { line: 1, fields: ['a', 'b'] }
 * reader.next(); // { line: 2, fields: ['x,\n"y"', '2'] }
 * reader.next(); // undefined
 * reader.lines;  // 3
 */
export function createCsvReader(options: CsvReaderOptions = {}): CsvReader {
  return new Reader(options.maxRecordLength ?? 65_536);
}

/** What parsing a record that contains a quote came to. */
type SlowResult =
  | { kind: 'record'; fields: string[]; next: number; newlines: number }
  | { kind: 'more' }
  | { kind: 'unclosed' }
  | { kind: 'error'; at: number; newlines: number };

const MORE: SlowResult = { kind: 'more' };
const UNCLOSED: SlowResult = { kind: 'unclosed' };
/** `#quoteAt` before it is searched for. */
const UNKNOWN = -2;

class Reader implements CsvReader {
  readonly #max: number;
  #text = '';
  #pos = 0;
  /** Line number of the character at #pos. */
  #line = 1;
  #ended = false;
  #started = false;
  /** Discarding the rest of an over-long line. */
  #skipping = false;
  #lastWasLineBreak = true;
  /**
   * Index of the first `"` at or after #pos, -1 for none in #text, UNKNOWN
   * until searched. Cached because searching from every line start to the
   * next quote would rescan the whole buffer per line when quotes are rare.
   */
  #quoteAt = UNKNOWN;

  constructor(max: number) {
    this.#max = max;
  }

  get lines(): number {
    const trailing = this.#ended && this.#pos >= this.#text.length && !this.#lastWasLineBreak ? 1 : 0;
    return this.#line - 1 + trailing;
  }

  push(text: string): void {
    if (this.#ended) throw new Error('push() after end()');
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length === 0) return;
    this.#lastWasLineBreak = text.charCodeAt(text.length - 1) === LF;
    this.#text = this.#pos < this.#text.length ? this.#text.slice(this.#pos) + text : text;
    this.#pos = 0;
    this.#quoteAt = UNKNOWN;
  }

  end(): void {
    this.#ended = true;
  }

  next(): CsvRecord | undefined {
    const text = this.#text;
    for (;;) {
      if (this.#skipping) {
        const lineBreak = text.indexOf('\n', this.#pos);
        if (lineBreak === -1) {
          this.#pos = text.length;
          return undefined;
        }
        this.#consume(lineBreak + 1, 1);
        this.#skipping = false;
      }
      const start = this.#pos;
      if (start >= text.length) return undefined;
      const line = this.#line;
      const lineBreak = text.indexOf('\n', start);
      if (lineBreak === -1 && !this.#ended) {
        if (text.length - start <= this.#max) return undefined;
        // Nothing of this line is kept: the rest is dropped as it arrives.
        this.#pos = text.length;
        this.#skipping = true;
        return { line, error: csvErrors.tooLong(this.#max) };
      }
      const lineEnd = lineBreak === -1 ? text.length : lineBreak;
      const next = lineBreak === -1 ? text.length : lineBreak + 1;
      const quote = this.#nextQuote();
      if (quote === -1 || quote > lineEnd) {
        let end = lineEnd;
        if (end > start && text.charCodeAt(end - 1) === CR) end--;
        this.#consume(next, lineBreak === -1 ? 0 : 1);
        if (end === start) continue;
        if (end - start > this.#max) return { line, error: csvErrors.tooLong(this.#max) };
        return { line, fields: text.slice(start, end).split(',') };
      }
      const result = this.#parseQuoted(start);
      switch (result.kind) {
        case 'record':
          this.#consume(result.next, result.newlines);
          if (result.next - start > this.#max) return { line, error: csvErrors.tooLong(this.#max) };
          return { line, fields: result.fields };
        case 'more':
          if (text.length - start <= this.#max) return undefined;
          // Too long to be a real record: take the quote as stray.
          this.#consume(next, lineBreak === -1 ? 0 : 1);
          return { line, error: csvErrors.unclosedOrTooLong(this.#max) };
        case 'unclosed':
          this.#consume(next, lineBreak === -1 ? 0 : 1);
          return { line, error: csvErrors.unclosedQuote };
        case 'error': {
          const errorLineBreak = text.indexOf('\n', result.at);
          if (errorLineBreak === -1 && !this.#ended) {
            if (text.length - start <= this.#max) return undefined;
            this.#pos = text.length;
            this.#line += result.newlines;
            this.#skipping = true;
            return { line, error: csvErrors.textAfterQuote };
          }
          if (errorLineBreak === -1) this.#consume(text.length, result.newlines);
          else this.#consume(errorLineBreak + 1, result.newlines + 1);
          return { line, error: csvErrors.textAfterQuote };
        }
      }
    }
  }

  #consume(next: number, newlines: number): void {
    this.#pos = next;
    this.#line += newlines;
  }

  #nextQuote(): number {
    if (this.#quoteAt === UNKNOWN || (this.#quoteAt !== -1 && this.#quoteAt < this.#pos)) {
      this.#quoteAt = this.#text.indexOf('"', this.#pos);
    }
    return this.#quoteAt;
  }

  /** Parses the record at `start`, which has a `"` somewhere on its first line. */
  #parseQuoted(start: number): SlowResult {
    const text = this.#text;
    const n = text.length;
    const ended = this.#ended;
    const fields: string[] = [];
    let newlines = 0;
    let i = start;
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const quote = text.indexOf('"', j);
          if (quote === -1) return ended ? UNCLOSED : MORE;
          value += text.slice(j, quote);
          // A quote at the very end of the text so far may be the first half of "".
          if (quote + 1 >= n && !ended) return MORE;
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            j = quote + 2;
            continue;
          }
          j = quote + 1;
          break;
        }
        newlines += countLineBreaks(value);
        fields.push(value);
        i = j;
        if (i >= n) return ended ? { kind: 'record', fields, next: n, newlines } : MORE;
        const c = text.charCodeAt(i);
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === LF) return { kind: 'record', fields, next: i + 1, newlines: newlines + 1 };
        if (c === CR) {
          if (i + 1 >= n && !ended) return MORE;
          if (i + 1 >= n) return { kind: 'record', fields, next: n, newlines };
          if (text.charCodeAt(i + 1) === LF) return { kind: 'record', fields, next: i + 2, newlines: newlines + 1 };
        }
        return { kind: 'error', at: i, newlines };
      }
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF) break;
        j++;
      }
      if (j >= n && !ended) return MORE;
      if (j < n && text.charCodeAt(j) === COMMA) {
        fields.push(text.slice(i, j));
        i = j + 1;
        continue;
      }
      let end = j;
      if (end > i && text.charCodeAt(end - 1) === CR) end--;
      fields.push(text.slice(i, end));
      return j >= n ? { kind: 'record', fields, next: n, newlines } : { kind: 'record', fields, next: j + 1, newlines: newlines + 1 };
    }
  }
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) count++;
  return count;
}
