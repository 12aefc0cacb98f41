/**
 * Calendar dates as `YYYY-MM-DD` strings. The domain never needs a time of
 * day, and plain strings compare correctly with `<`, survive JSON and a
 * database round trip unchanged, and cannot drift by a time-zone offset the
 * way `Date` objects do.
 */

/** A calendar date written `YYYY-MM-DD` (Gregorian, four-digit year). */
export type IsoDate = string;

/** Parts of a calendar date; `month` is 1-based. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/**
 * Number of days in a month of the Gregorian calendar (`month` 1–12).
 *
 * @example
 * daysInMonth(2020, 2); // 29
 * daysInMonth(1900, 2); // 28 — century years are leap only when divisible by 400
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Gregorian leap-year rule.
 *
 * @example
 * isLeapYear(2000); // true
 * isLeapYear(2100); // false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Splits a `YYYY-MM-DD` string into numbers, or returns `null` when it is not
 * a real calendar date (wrong shape, month 13, 30 February …).
 *
 * @example
 * parseIsoDate('2020-02-29'); // { year: 2020, month: 2, day: 29 }
 * parseIsoDate('2019-02-29'); // null
 */
export function parseIsoDate(value: string): DateParts | null {
  // By character codes rather than a regular expression: every probation month counted and every
  // date compared parses its dates, several times per command.
  if (typeof value !== 'string') return parseIsoDate(String(value));
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null; // 45: '-'
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** The number written by `length` ASCII digits at `start`, or -1 when one of them is not a digit. */
function digitsAt(value: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const digit = value.charCodeAt(i) - 48; // 48: '0'
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * True when `value` is a string holding a real calendar date `YYYY-MM-DD`.
 *
 * @example
 * isIsoDate('2020-02-30'); // false
 * isIsoDate('2020-2-3');   // false — always two-digit month and day
 */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

/**
 * Formats date parts as `YYYY-MM-DD`.
 *
 * @example
 * formatIsoDate({ year: 2020, month: 2, day: 1 }); // '2020-02-01'
 */
export function formatIsoDate(parts: DateParts): IsoDate {
  const { year, month, day } = parts;
  // The usual date without three padStart calls (the month counting formats a date per step).
  if (year >= 1000 && year <= 9999 && (year | 0) === year && (month | 0) === month && (day | 0) === day && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
    return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function mustParse(value: string): DateParts {
  const parts = parseIsoDate(value);
  if (!parts) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return parts;
}

/**
 * Days since 1970-01-01 (negative before). Throws RangeError on a non-date.
 *
 * @example
 * dayNumber('1970-01-02'); // 1
 */
export function dayNumber(value: IsoDate): number {
  const { year, month, day } = mustParse(value);
  return daysFromCivil(year, month, day);
}

// The proleptic Gregorian calendar in integer arithmetic (H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms"): the same days as Date.UTC/setUTCFullYear, without a Date object per call.
// Years are counted from 1 March, so the leap day is the last day of its year; an era is 400 years.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): DateParts {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1 };
}

/**
 * Inverse of {@link dayNumber}.
 *
 * @example
 * fromDayNumber(0); // '1970-01-01'
 */
export function fromDayNumber(days: number): IsoDate {
  // As `new Date(days * 86_400_000)` reads it: a fraction is a time of that day (whole
  // milliseconds, toward zero), and beyond a Date's range (±100,000,000 days) or for NaN there is no date.
  const ms = Math.trunc(days * 86_400_000);
  if (!(Math.abs(ms) <= 8.64e15)) return formatIsoDate({ year: Number.NaN, month: Number.NaN, day: Number.NaN });
  return formatIsoDate(civilFromDays(Math.floor(ms / 86_400_000)));
}

/**
 * Adds (or with a negative count subtracts) whole days.
 *
 * @example
 * addDays('2020-02-28', 1); // '2020-02-29'
 * addDays('2020-03-01', -1); // '2020-02-29'
 */
export function addDays(value: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(value) + days);
}

/**
 * Adds whole calendar months, keeping the day of month and clamping it to the
 * last day of a shorter month (the rule of 民法典 art. 202: "没有对应日的，月末日为
 * 期间的最后一日"). Always computed from the original date, so 31 January + 2
 * months is 31 March, not 28 March.
 *
 * @example
 * addMonths('2019-01-31', 1); // '2019-02-28'
 * addMonths('2020-01-31', 1); // '2020-02-29'
 * addMonths('2019-01-31', 2); // '2019-03-31'
 */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const { year, month, day } = mustParse(value);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/**
 * Orders two dates: negative, zero or positive. Throws on a non-date so a
 * malformed value cannot silently sort anywhere.
 *
 * @example
 * ['2020-01-02', '2019-12-31'].sort(compareIsoDates); // ['2019-12-31', '2020-01-02']
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return dayNumber(a) - dayNumber(b);
}

/**
 * The later of two dates.
 *
 * @example
 * maxIsoDate('2020-01-01', '2019-06-30'); // '2020-01-01'
 */
export function maxIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) >= 0 ? a : b;
}

/**
 * The earlier of two dates.
 *
 * @example
 * minIsoDate('2020-01-01', '2019-06-30'); // '2019-06-30'
 */
export function minIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) <= 0 ? a : b;
}

/**
 * The calendar date of an instant in China (UTC+8, no daylight saving since
 * 1991), which is the date every deadline and birth-date rule refers to. Pure:
 * the caller passes the instant from its clock.
 *
 * @example
 * chinaDateOf(new Date('2020-02-23T16:30:00Z')); // '2020-02-24'
 */
export function chinaDateOf(instant: Date): IsoDate {
  const shifted = new Date(instant.getTime() + 8 * 3_600_000);
  return formatIsoDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}
