import t from 'tap';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  chinaDateOf,
  compareIsoDates,
  dayNumber,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  maxIsoDate,
  minIsoDate,
  parseIsoDate,
} from '../../src/domain/calendar-date.js';

t.test('accepts real calendar dates and rejects impossible ones', async (t) => {
  const valid = ['2020-02-29', '2000-02-29', '2019-12-31', '0001-01-01', '9999-12-31', '2021-04-30'];
  const invalid = ['2019-02-29', '1900-02-29', '2020-02-30', '2021-04-31', '2020-13-01', '2020-00-10', '2020-01-00',
    '2020-1-01', '20200101', '2020/01/01', ' 2020-01-01', '2020-01-01T00:00', '', 'abcd-ef-gh'];
  for (const v of valid) t.ok(isIsoDate(v), `${v} is a date`);
  for (const v of invalid) t.notOk(isIsoDate(v), `${JSON.stringify(v)} is not a date`);
  t.notOk(isIsoDate(20200101), 'a number is not a date');
  t.notOk(isIsoDate(null), 'null is not a date');
  t.same(parseIsoDate('2020-02-29'), { year: 2020, month: 2, day: 29 });
  t.equal(parseIsoDate('2019-02-29'), null);
});

t.test('follows the Gregorian leap-year rule', async (t) => {
  t.ok(isLeapYear(2000));
  t.ok(isLeapYear(2024));
  t.notOk(isLeapYear(1900));
  t.notOk(isLeapYear(2100));
  t.notOk(isLeapYear(2019));
  t.equal(daysInMonth(2020, 2), 29);
  t.equal(daysInMonth(2019, 2), 28);
  t.equal(daysInMonth(2019, 4), 30);
  t.equal(daysInMonth(2019, 12), 31);
});

t.test('adds days across month, year and leap-day boundaries', async (t) => {
  t.equal(addDays('2020-02-28', 1), '2020-02-29');
  t.equal(addDays('2019-02-28', 1), '2019-03-01');
  t.equal(addDays('2019-12-31', 1), '2020-01-01');
  t.equal(addDays('2020-03-01', -1), '2020-02-29');
  t.equal(addDays('2020-01-01', 366), '2021-01-01');
  t.equal(dayNumber('1970-01-01'), 0);
  t.equal(fromDayNumber(-1), '1969-12-31');
  t.equal(dayNumber('0050-01-01') < dayNumber('0100-01-01'), true, 'years below 100 are not read as 19xx');
  t.equal(fromDayNumber(dayNumber('0050-06-15')), '0050-06-15');
});

t.test('adds months keeping the day and clamping to the month end', async (t) => {
  t.equal(addMonths('2019-01-31', 1), '2019-02-28');
  t.equal(addMonths('2020-01-31', 1), '2020-02-29');
  t.equal(addMonths('2019-01-31', 2), '2019-03-31', 'computed from the original day, not step by step');
  t.equal(addMonths('2019-03-31', 1), '2019-04-30');
  t.equal(addMonths('2019-08-08', 5), '2020-01-08');
  t.equal(addMonths('2020-02-29', 12), '2021-02-28');
  t.equal(addMonths('2020-02-29', 48), '2024-02-29');
  t.equal(addMonths('2020-03-31', -1), '2020-02-29');
  t.equal(addMonths('2020-01-15', -13), '2018-12-15');
  t.equal(addMonths('2019-12-15', 0), '2019-12-15');
});

t.test('refuses to compute with malformed dates', async (t) => {
  t.throws(() => addDays('2020-02-30', 1), RangeError);
  t.throws(() => addMonths('x', 1), RangeError);
  t.throws(() => compareIsoDates('2020-01-01', '2020-1-1'), RangeError);
});

t.test('compares, and picks the earlier and later date', async (t) => {
  t.ok(compareIsoDates('2019-12-31', '2020-01-01') < 0);
  t.equal(compareIsoDates('2020-01-01', '2020-01-01'), 0);
  t.equal(maxIsoDate('2020-01-01', '2019-06-30'), '2020-01-01');
  t.equal(minIsoDate('2020-01-01', '2019-06-30'), '2019-06-30');
  t.same(['2020-01-02', '2019-12-31', '2020-01-01'].sort(compareIsoDates), ['2019-12-31', '2020-01-01', '2020-01-02']);
  t.equal(formatIsoDate({ year: 5, month: 3, day: 7 }), '0005-03-07');
});

t.test('takes the calendar date in China (UTC+8)', async (t) => {
  t.equal(chinaDateOf(new Date('2020-02-23T15:59:59Z')), '2020-02-23');
  t.equal(chinaDateOf(new Date('2020-02-23T16:00:00Z')), '2020-02-24');
  t.equal(chinaDateOf(new Date('2019-12-31T16:00:00Z')), '2020-01-01');
});

const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

t.test('day arithmetic is consistent with day numbers (property)', async (t) => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
      const moved = addDays(d, n);
      return isIsoDate(moved) && dayNumber(moved) - dayNumber(d) === n && addDays(moved, -n) === d;
    }),
  );
  t.pass('addDays round-trips');
});

t.test('adding months never overshoots the target month (property)', async (t) => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: -600, max: 600 }), (d, n) => {
      const p = parseIsoDate(d)!;
      const q = parseIsoDate(addMonths(d, n))!;
      const monthsApart = (q.year - p.year) * 12 + (q.month - p.month);
      return monthsApart === n && q.day === Math.min(p.day, daysInMonth(q.year, q.month));
    }),
  );
  t.pass('addMonths lands in the right month with a clamped day');
});

// The calendar is computed in integer arithmetic; JavaScript's Date is the reference it must match.
const viaDate = (days: number) => {
  const d = new Date(days * 86_400_000);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
};

t.test('day numbers agree with Date on every day of the years 0000 to 9999', async (t) => {
  const first = Date.UTC(2000, 0, 1) / 86_400_000 - 730_485; // 0000-01-01: 2000 years of 365.2425 days earlier
  t.equal(viaDate(first), '0000-01-01');
  let mismatches = 0;
  let days = first;
  for (; viaDate(days) !== '10000-01-01'; days++) {
    const date = viaDate(days);
    if (fromDayNumber(days) !== date || dayNumber(date) !== days) mismatches++;
  }
  t.equal(days - first, 3_652_425, 'every day of 10,000 years visited');
  t.equal(mismatches, 0, 'fromDayNumber and dayNumber give Date\'s answer for each');
});

t.test('fromDayNumber reads fractions and out-of-range numbers as Date does', async (t) => {
  for (const days of [1.5, -0.5, -1e-12, 0.9999999999, 100_000_000, -100_000_000, 100_000_001, Number.NaN, Infinity, -Infinity]) {
    t.equal(fromDayNumber(days), viaDate(days), String(days));
  }
});

t.test('parses exactly the strings of the YYYY-MM-DD pattern that name a real date (property)', async (t) => {
  const reference = (value: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return null;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? { year, month, day } : null;
  };
  // Mostly date-shaped strings, with the characters that a careless parser lets through.
  const character = fc.constantFrom('0', '1', '2', '3', '9', '-', '/', ':', ' ', '\n', '٣', 'x', '+', '.');
  const dateShaped = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const strings = fc.oneof(
    fc.array(character, { minLength: 8, maxLength: 12 }).map((cs) => cs.join('')),
    dateShaped,
    // One character of a date-shaped string replaced.
    fc.tuple(dateShaped, fc.integer({ min: 0, max: 9 }), character).map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
  );
  fc.assert(fc.property(strings, (value) => JSON.stringify(parseIsoDate(value)) === JSON.stringify(reference(value))), { numRuns: 20_000 });
  for (const value of ['2020-02-29\n', ' 2020-02-29', '2020-2-29', '٢٠٢٠-02-29', '+020-02-29', '2019-02-29', '2020-00-10', '2020-13-01', '2020-01-00']) {
    t.equal(parseIsoDate(value), null, JSON.stringify(value));
  }
  t.pass('the same answer as the pattern for 20,000 strings');
});
