import t from 'tap';
import fc from 'fast-check';
import { addDays, addMonths, compareIsoDates } from '../../src/domain/calendar-date.js';
import {
  REQUIRED_PROBATION_MONTHS,
  defaultProbationCutoff,
  monthCountings,
  monthsBetween,
  totalProbation,
  type MonthCounting,
} from '../../src/domain/probation-months.js';

t.test('reproduces the seed examples', async (t) => {
  t.same(monthsBetween('2019-08-08', '2020-02-01'), { months: 5, days: 25 });
  t.same(monthsBetween('2018-01-05', '2019-03-01'), { months: 13, days: 25 });
  t.same(monthsBetween('2019-01-05', '2020-01-04'), { months: 12, days: 0 });
  const total = totalProbation(
    [
      { id: 's1', startsOn: '2019-08-08', endsOn: '2020-02-01' },
      { id: 's2', startsOn: '2018-01-05', endsOn: '2019-03-01' },
    ],
    { cutoff: '2020-08-31' },
  );
  t.equal(total.totalMonths, 18);
  t.same(total.segments, [
    { segmentId: 's1', months: 5, days: 25, countedMonths: 5 },
    { segmentId: 's2', months: 13, days: 25, countedMonths: 13 },
  ]);
  t.same(total.overlaps, []);
  t.same(total.beyondCutoff, []);
  t.equal(REQUIRED_PROBATION_MONTHS, 12);
});

t.test('counts the seed examples the same in both modes', async (t) => {
  t.equal(monthsBetween('2019-08-08', '2020-02-01', { counting: 'civil' }).months, 5);
  t.equal(monthsBetween('2018-01-05', '2019-03-01', { counting: 'civil' }).months, 13);
});

t.test('inclusive counts the end day, civil does not count the start day', async (t) => {
  const table: [string, string, MonthCounting, number, number][] = [
    ['2019-01-05', '2020-01-04', 'inclusive', 12, 0],
    ['2019-01-05', '2020-01-04', 'civil', 11, 30],
    ['2019-01-05', '2020-01-05', 'civil', 12, 0],
    ['2019-01-05', '2020-01-05', 'inclusive', 12, 1],
    ['2023-07-01', '2024-06-30', 'inclusive', 12, 0],
    ['2023-07-01', '2024-06-30', 'civil', 11, 29],
    ['2023-07-01', '2024-07-01', 'civil', 12, 0],
    ['2019-01-05', '2019-02-04', 'inclusive', 1, 0],
    ['2019-01-05', '2019-02-03', 'inclusive', 0, 30],
    ['2019-01-05', '2019-02-04', 'civil', 0, 30],
    ['2020-05-05', '2020-05-05', 'inclusive', 0, 1],
    ['2020-05-05', '2020-05-05', 'civil', 0, 0],
    ['2020-05-05', '2020-05-06', 'civil', 0, 1],
  ];
  for (const [from, to, counting, months, days] of table) {
    t.same(monthsBetween(from, to, { counting }), { months, days }, `${from}..${to} ${counting}`);
  }
});

t.test('clamps at month ends and handles leap years', async (t) => {
  const table: [string, string, MonthCounting, number][] = [
    // From 31 January one month reaches 28 February (29 in a leap year).
    ['2019-01-31', '2019-02-27', 'inclusive', 1],
    ['2019-01-31', '2019-02-26', 'inclusive', 0],
    ['2019-01-31', '2019-02-27', 'civil', 0],
    ['2019-01-31', '2019-02-28', 'civil', 1],
    ['2020-01-31', '2020-02-28', 'inclusive', 1],
    ['2020-01-31', '2020-02-27', 'inclusive', 0],
    ['2020-01-31', '2020-02-28', 'civil', 0],
    ['2020-01-31', '2020-02-29', 'civil', 1],
    // Two months from 31 January is 31 March, not 28 March.
    ['2019-01-31', '2019-03-27', 'inclusive', 1],
    ['2019-01-31', '2019-03-30', 'inclusive', 2],
    ['2019-01-31', '2019-03-30', 'civil', 1],
    ['2019-01-31', '2019-03-31', 'civil', 2],
    // 29 February plus twelve months is 28 February.
    ['2020-02-29', '2021-02-27', 'inclusive', 12],
    ['2020-02-29', '2021-02-26', 'inclusive', 11],
    ['2020-02-29', '2021-02-28', 'civil', 12],
    ['2020-02-29', '2024-02-28', 'inclusive', 48],
    ['2020-02-29', '2024-02-27', 'inclusive', 47],
    // 30 April → 30 May, month-end to month-end is not special.
    ['2019-04-30', '2019-05-29', 'inclusive', 1],
    ['2019-04-30', '2019-05-30', 'civil', 1],
    ['2019-12-31', '2020-12-30', 'inclusive', 12],
  ];
  for (const [from, to, counting, months] of table) {
    t.equal(monthsBetween(from, to, { counting }).months, months, `${from}..${to} ${counting}`);
  }
});

t.test('refuses malformed ranges', async (t) => {
  t.throws(() => monthsBetween('2020-02-01', '2020-01-31'), RangeError, 'start after end');
  t.throws(() => monthsBetween('2020-02-30', '2020-03-31'), RangeError);
  t.throws(() => monthsBetween('2020-01-01', '2020-13-01'), RangeError);
  t.throws(() => monthsBetween('2020-01-01', '2020-02-01', { counting: 'exclusive' as MonthCounting }), RangeError);
  t.throws(() => totalProbation([{ id: 's1', startsOn: '2020-02-01', endsOn: '2020-01-01' }]), RangeError);
  t.throws(() => totalProbation([], { cutoff: '2020-02-30' }), RangeError);
  t.same(monthCountings, ['inclusive', 'civil']);
});

t.test('defaults the cut-off to 31 August of the exam year', async (t) => {
  t.equal(defaultProbationCutoff(2020), '2020-08-31');
  t.equal(defaultProbationCutoff(2026), '2026-08-31');
  t.throws(() => defaultProbationCutoff(20.5), RangeError);
  t.throws(() => defaultProbationCutoff(99), RangeError);
});

t.test('counts overlapping time once and reports the overlap', async (t) => {
  const r = totalProbation([
    { id: 's1', startsOn: '2019-01-05', endsOn: '2019-09-04' },
    { id: 's2', startsOn: '2019-07-05', endsOn: '2020-01-04' },
  ]);
  // Separately 8 + 6 = 14 months; the union 2019-01-05..2020-01-04 is 12.
  t.same(r.segments.map((s) => s.months), [8, 6]);
  t.equal(r.totalMonths, 12);
  t.same(r.overlaps, [{ segmentIds: ['s1', 's2'], startsOn: '2019-07-05', endsOn: '2019-09-04' }]);
  t.same(r.blocks, [{ startsOn: '2019-01-05', endsOn: '2020-01-04', segmentIds: ['s1', 's2'], months: 12, days: 0 }]);
});

t.test('reports a contained segment and a shared single day as overlaps', async (t) => {
  const r = totalProbation([
    { id: 's1', startsOn: '2019-01-01', endsOn: '2019-12-31' },
    { id: 's2', startsOn: '2019-03-01', endsOn: '2019-04-30' },
    { id: 's3', startsOn: '2019-12-31', endsOn: '2020-03-31' },
  ]);
  t.same(r.overlaps, [
    { segmentIds: ['s1', 's2'], startsOn: '2019-03-01', endsOn: '2019-04-30' },
    { segmentIds: ['s1', 's3'], startsOn: '2019-12-31', endsOn: '2019-12-31' },
  ]);
  t.equal(r.totalMonths, 15, '2019-01-01..2020-03-31');
  t.equal(r.blocks.length, 1);
});

t.test('merges touching segments into one continuous period', async (t) => {
  const r = totalProbation([
    { id: 's1', startsOn: '2019-07-01', endsOn: '2020-01-04' },
    { id: 's2', startsOn: '2019-01-05', endsOn: '2019-06-30' },
  ]);
  t.same(r.segments.map((s) => s.months), [6, 5]);
  t.same(r.overlaps, [], 'touching is not overlapping');
  t.same(r.blocks, [{ startsOn: '2019-01-05', endsOn: '2020-01-04', segmentIds: ['s1', 's2'], months: 12, days: 0 }]);
  t.equal(r.totalMonths, 12);
});

t.test('keeps segments with a gap apart and drops their leftover days', async (t) => {
  const r = totalProbation([
    { id: 's1', startsOn: '2019-01-05', endsOn: '2019-06-29' },
    { id: 's2', startsOn: '2019-07-01', endsOn: '2020-01-04' },
  ]);
  t.equal(r.blocks.length, 2);
  t.equal(r.totalMonths, 11, '5 months 25 days + 6 months 4 days = 11 whole months');
});

t.test('does not count time after the cut-off and reports it per segment', async (t) => {
  const r = totalProbation(
    [
      { id: 's1', startsOn: '2019-09-01', endsOn: '2020-10-31' },
      { id: 's2', startsOn: '2020-09-15', endsOn: '2020-12-31' },
      { id: 's3', startsOn: '2019-01-01', endsOn: '2019-06-30' },
    ],
    { cutoff: '2020-08-31' },
  );
  t.same(r.beyondCutoff, [
    { segmentId: 's1', startsOn: '2020-09-01', endsOn: '2020-10-31', months: 2, days: 0 },
    { segmentId: 's2', startsOn: '2020-09-15', endsOn: '2020-12-31', months: 3, days: 17 },
  ]);
  t.same(r.segments, [
    { segmentId: 's1', months: 14, days: 0, countedMonths: 12 },
    { segmentId: 's2', months: 3, days: 17, countedMonths: 0 },
    { segmentId: 's3', months: 6, days: 0, countedMonths: 6 },
  ]);
  t.equal(r.totalMonths, 18, '2019-09-01..2020-08-31 (12) + 2019-01-01..2019-06-30 (6)');
  t.same(r.overlaps, [{ segmentIds: ['s1', 's2'], startsOn: '2020-09-15', endsOn: '2020-10-31' }], 'overlaps use the full dates');
  t.equal(r.cutoff, '2020-08-31');
});

t.test('counts a segment ending on the cut-off in full', async (t) => {
  const r = totalProbation([{ id: 's1', startsOn: '2019-09-01', endsOn: '2020-08-31' }], { cutoff: '2020-08-31' });
  t.equal(r.totalMonths, 12);
  t.same(r.beyondCutoff, []);
});

t.test('counts nothing for no segments', async (t) => {
  const r = totalProbation([]);
  t.equal(r.totalMonths, 0);
  t.equal(r.cutoff, null);
  t.equal(r.counting, 'inclusive');
});

t.test('applies the counting mode to the merged blocks', async (t) => {
  const segments = [
    { id: 's1', startsOn: '2019-01-05', endsOn: '2019-06-30' },
    { id: 's2', startsOn: '2019-07-01', endsOn: '2020-01-04' },
  ];
  t.equal(totalProbation(segments, { counting: 'inclusive' }).totalMonths, 12);
  t.equal(totalProbation(segments, { counting: 'civil' }).totalMonths, 11);
  t.equal(totalProbation(segments, { counting: 'civil' }).counting, 'civil');
});

const dateArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const rangeArb = fc.tuple(dateArb, fc.integer({ min: 0, max: 2000 })).map(([start, len]) => ({ startsOn: start, endsOn: addDays(start, len) }));
const countingArb = fc.constantFrom<MonthCounting>('inclusive', 'civil');

t.test('inclusive counting equals civil counting one day later (property)', async (t) => {
  fc.assert(
    fc.property(rangeArb, ({ startsOn, endsOn }) => {
      const a = monthsBetween(startsOn, endsOn, { counting: 'inclusive' });
      const b = monthsBetween(startsOn, addDays(endsOn, 1), { counting: 'civil' });
      return a.months === b.months && a.days === b.days;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('n months end the day before the corresponding day, inclusively (property)', async (t) => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
      const inclusive = monthsBetween(start, addDays(addMonths(start, n), -1));
      const civil = monthsBetween(start, addMonths(start, n), { counting: 'civil' });
      return inclusive.months === n && inclusive.days === 0 && civil.months === n && civil.days === 0;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('months never decrease as the end moves later and days stay under a month (property)', async (t) => {
  fc.assert(
    fc.property(rangeArb, fc.integer({ min: 0, max: 400 }), countingArb, ({ startsOn, endsOn }, more, counting) => {
      const a = monthsBetween(startsOn, endsOn, { counting });
      const b = monthsBetween(startsOn, addDays(endsOn, more), { counting });
      return b.months >= a.months && a.days >= 0 && a.days < 31;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('the total does not depend on the order of segments or on duplicates (property)', async (t) => {
  fc.assert(
    fc.property(fc.array(rangeArb, { minLength: 1, maxLength: 5 }), countingArb, (ranges, counting) => {
      const segments = ranges.map((r, i) => ({ id: `s${i + 1}`, ...r }));
      const total = totalProbation(segments, { counting }).totalMonths;
      const reversed = totalProbation([...segments].reverse(), { counting }).totalMonths;
      const doubled = totalProbation([...segments, ...segments.map((s) => ({ ...s, id: `${s.id}x` }))], { counting });
      return total === reversed && doubled.totalMonths === total && doubled.overlaps.length >= segments.length;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('disjoint segments with gaps total the sum of their months; never more than the whole span (property)', async (t) => {
  fc.assert(
    fc.property(fc.array(rangeArb, { minLength: 1, maxLength: 5 }), countingArb, (ranges, counting) => {
      const segments = ranges.map((r, i) => ({ id: `s${i + 1}`, ...r }));
      const result = totalProbation(segments, { counting });
      const sorted = [...segments].sort((a, b) => compareIsoDates(a.startsOn, b.startsOn));
      const separated = sorted.every((s, i) => i === 0 || compareIsoDates(addDays(sorted[i - 1]!.endsOn, 1), s.startsOn) < 0);
      const sum = result.segments.reduce((acc, s) => acc + s.months, 0);
      const first = sorted[0]!.startsOn;
      const last = sorted.map((s) => s.endsOn).sort(compareIsoDates).at(-1)!;
      const span = monthsBetween(first, last, { counting }).months;
      return (!separated || result.totalMonths === sum) && result.totalMonths <= span + segments.length;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('a cut-off never increases the total (property)', async (t) => {
  fc.assert(
    fc.property(fc.array(rangeArb, { minLength: 1, maxLength: 4 }), dateArb, (ranges, cutoff) => {
      const segments = ranges.map((r, i) => ({ id: `s${i + 1}`, ...r }));
      const cut = totalProbation(segments, { cutoff });
      return cut.totalMonths <= totalProbation(segments).totalMonths && cut.beyondCutoff.every((b) => compareIsoDates(b.startsOn, cutoff) > 0);
    }),
  );
  t.pass('holds for every generated case');
});
