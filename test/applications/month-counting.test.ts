import t from 'tap';
import { allGreenInput, probationWorld, refusal } from './fixtures.js';

// 2019-01-05 .. 2020-01-04 is 12 months counted inclusively (the default)
// and 11 by the civil-code reading; guards and the detail agree either way.
const oneYear = () => {
  const input = allGreenInput() as { segments: Record<string, unknown>[] };
  input.segments = [{ ...input.segments[0], startsOn: '2019-01-05', endsOn: '2020-01-04' }];
  return input;
};

t.test('inclusive counting (default): one year is 12 months, green, APPROVE needs no explanation', async (t) => {
  const { engine, projectId, unit } = await probationWorld(t);
  const entry = await engine.declarations.create(projectId, oneYear(), unit);
  t.match(entry, { totalMonths: 12, indicators: [{ code: 'totalDuration', level: 'green' }] });
  t.equal((await engine.declarations.send(entry.id, { type: 'APPROVE' }, unit)).state, 'unitReview.approved');
});

t.test('civil counting (engine option): the same year is 11 months, red, and APPROVE needs an explanation', async (t) => {
  const { engine, projectId, unit } = await probationWorld(t, { monthCounting: 'civil' });
  const entry = await engine.declarations.create(projectId, oneYear(), unit);
  t.match(entry, { totalMonths: 11, indicators: [{ code: 'totalDuration', level: 'red' }] });
  t.match(await refusal(engine.declarations.send(entry.id, { type: 'APPROVE' }, unit)), { code: 'EXPLANATION_REQUIRED', details: { indicators: ['totalDuration'] } });
});
