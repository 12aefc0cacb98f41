import pg from 'pg';

/**
 * One result-value parser: PostgreSQL's text output of a value → JS value.
 * The same functions are installed on the pg pool (its per-pool `types`
 * option) and on PGlite (its `parsers` option), so a row read through either
 * mode has the same JS types.
 */
export type TypeParser = (value: string) => unknown;

/** The type OIDs whose parsing is harmonised between pg and PGlite. */
export const typeOids = {
  int8: 20,
  int8Array: 1016,
  numeric: 1700,
  numericArray: 1231,
  date: 1082,
  dateArray: 1182,
  timestamp: 1114,
  timestampArray: 1115,
  timestamptz: 1184,
  timestamptzArray: 1185,
  interval: 1186,
  intervalArray: 1187,
  json: 114,
  jsonArray: 199,
  jsonb: 3802,
  jsonbArray: 3807,
} as const;

/**
 * Parses an `int8` (bigint, bigserial, `count(*)`) to a JS number.
 *
 * Beyond ±Number.MAX_SAFE_INTEGER it throws a RangeError instead of returning
 * a string or a rounded number: the ids of our bigserial columns will never
 * get there, and a query that silently switched a column's JS type (or rounded
 * an id to a neighbour's) would be a worse failure than a loud one. Cast such a
 * value to text or numeric in SQL if it can legitimately be that large.
 *
 * @example
 * parseInt8('42'); // 42
 * parseInt8('9007199254740993'); // throws RangeError
 */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`int8 value ${value} is outside the safe JS integer range; cast it to text or numeric in SQL`);
  }
  return n;
}

const isoTimestamp =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;

/**
 * Parses a `timestamptz` in PostgreSQL's ISO output style to a Date.
 * `infinity` / `-infinity` become ±Infinity, as node-postgres has always done.
 * Fractions below a millisecond are truncated (a Date has no finer unit).
 * Offsets with seconds (historic local mean times) and BC years are honoured.
 *
 * @example
 * parseTimestamptz('2024-03-01 08:00:00.123+08'); // Date 2024-03-01T00:00:00.123Z
 */
export function parseTimestamptz(value: string): Date | number {
  const m = isoTimestamp.exec(value);
  if (!m) {
    if (value === 'infinity') return Infinity;
    if (value === '-infinity') return -Infinity;
    // A server with a non-ISO DateStyle: better a best effort than a failed query.
    return new Date(value);
  }
  let year = Number(m[1]);
  if (m[13]) year = 1 - year;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  // Date.UTC maps years 0–99 to 1900–1999, setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (m[9]) {
    const offsetSeconds = Number(m[10]) * 3600 + Number(m[11] ?? 0) * 60 + Number(m[12] ?? 0);
    const sign = m[9] === '-' ? -1 : 1;
    date.setTime(date.getTime() - sign * offsetSeconds * 1000);
  }
  return date;
}

/**
 * Parses a PostgreSQL array literal (`{1,NULL,"a b"}`, nested `{{1,2},{3,4}}`,
 * with or without a `[1:2]=` bounds prefix), applying `parseElement` to each
 * non-null element.
 *
 * @example
 * parseArray('{1,2,NULL}', Number); // [1, 2, null]
 * parseArray('{"a \\"b\\"",c}', (s) => s); // ['a "b"', 'c']
 */
export function parseArray(value: string, parseElement: TypeParser): unknown[] {
  let i = 0;
  if (value[0] === '[') {
    i = value.indexOf('=') + 1;
  }
  const parseLevel = (): unknown[] => {
    if (value[i] !== '{') throw new SyntaxError(`Malformed array literal: ${value}`);
    i++;
    const out: unknown[] = [];
    if (value[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      const c = value[i];
      if (c === '{') {
        out.push(parseLevel());
      } else if (c === '"') {
        i++;
        let s = '';
        while (i < value.length && value[i] !== '"') {
          if (value[i] === '\\') i++;
          s += value[i];
          i++;
        }
        i++;
        out.push(parseElement(s));
      } else {
        const start = i;
        while (i < value.length && value[i] !== ',' && value[i] !== '}') i++;
        const raw = value.slice(start, i);
        out.push(raw.toUpperCase() === 'NULL' ? null : parseElement(raw));
      }
      const sep = value[i++];
      if (sep === '}') return out;
      if (sep !== ',') throw new SyntaxError(`Malformed array literal: ${value}`);
    }
  };
  return parseLevel();
}

const identity: TypeParser = (value) => value;
const json: TypeParser = (value) => JSON.parse(value);
const arrayOf =
  (element: TypeParser): TypeParser =>
  (value) =>
    parseArray(value, element);

/**
 * The harmonised parsers, by type OID:
 * - `int8` → number (see {@link parseInt8}: throws beyond the safe range);
 * - `numeric` → string (no float rounding of money-like values);
 * - `date` → `'YYYY-MM-DD'` and `timestamp` (without time zone) → PostgreSQL's
 *   text: neither names an instant, so turning them into a Date would invent
 *   a time zone and shift the value by the host's offset;
 * - `timestamptz` → Date (see {@link parseTimestamptz});
 * - `interval` → PostgreSQL's text (`'1 day 02:00:00'`);
 * - `json` / `jsonb` → parsed value;
 * - arrays of all of these → arrays of the same.
 *
 * Types not listed keep each driver's default and may differ between modes
 * (e.g. bytea is a Buffer from pg and a plain Uint8Array from PGlite).
 *
 * @example
 * const parse = typeParsers[typeOids.int8]!;
 * parse('7'); // 7
 */
export const typeParsers: Readonly<Record<number, TypeParser>> = Object.freeze({
  [typeOids.int8]: parseInt8,
  [typeOids.int8Array]: arrayOf(parseInt8),
  [typeOids.numeric]: identity,
  [typeOids.numericArray]: arrayOf(identity),
  [typeOids.date]: identity,
  [typeOids.dateArray]: arrayOf(identity),
  [typeOids.timestamp]: identity,
  [typeOids.timestampArray]: arrayOf(identity),
  [typeOids.timestamptz]: parseTimestamptz,
  [typeOids.timestamptzArray]: arrayOf(parseTimestamptz),
  [typeOids.interval]: identity,
  [typeOids.intervalArray]: arrayOf(identity),
  [typeOids.json]: json,
  [typeOids.jsonArray]: arrayOf(json),
  [typeOids.jsonb]: json,
  [typeOids.jsonbArray]: arrayOf(json),
});

/**
 * The `types` option for a `pg.Pool` / `pg.Client`: our parsers first, pg's
 * defaults for everything else. Per pool, so pg's global registry (which a
 * host application may rely on) is never touched.
 *
 * @example
 * const pool = new pg.Pool({ connectionString, types: pgTypeOverrides });
 */
export const pgTypeOverrides: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const own = format === 'binary' ? undefined : typeParsers[oid];
    return own ?? pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};
