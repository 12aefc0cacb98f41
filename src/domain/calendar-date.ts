/**
 * Calendar dates as `YYYY-MM-DD` strings. The domain never needs a time of
 * day, and plain strings compare correctly with `<`, survive JSON and a
 * database round trip unchanged, and cannot drift by a time-zone offset the
 * way `Date` objects do.
 */

/** A calendar date written `YYYY-MM-DD` (Gregorian, four-digit year). */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

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
  const match = isoDatePattern.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
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
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
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
  // Date.UTC would read years 0–99 as 1900–1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / 86_400_000);
}

/**
 * Inverse of {@link dayNumber}.
 *
 * @example
 * fromDayNumber(0); // '1970-01-01'
 */
export function fromDayNumber(days: number): IsoDate {
  const d = new Date(days * 86_400_000);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
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
