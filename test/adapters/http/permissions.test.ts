import t from 'tap';
import type { Actor } from '../../../src/engine/actor.js';
import { isWorkflowError } from '../../../src/errors.js';
import { activatedInstitution, pendingApplication, testEngine, unitOf } from '../../helpers/engine.js';

// Every account kind × every entity × own or other object, through the
// engine (what the routes call). A read or an event outside the scope is
// NOT_FOUND, as for a missing id; nothing leaks, not even existence.

t.test('permission matrix: account kind × object × own or other', async (t) => {
  const { engine, facts } = await testEngine(t);
  const wuhanInstitution = await activatedInstitution(engine, facts, '420102');
  const huangshiInstitution = await activatedInstitution(engine, facts, '420200');
  const wuhanApplication = await pendingApplication(engine, wuhanInstitution);
  const huangshiApplication = await pendingApplication(engine, huangshiInstitution, { candidate_id: 'candidate-2' });

  const actors: Record<string, Actor> = {
    admin: { id: 'admin', kind: 'admin', departmentId: '420000' },
    'district 武汉': { id: 'wuhan', kind: 'district', departmentId: '420100' },
    'district 江岸': { id: 'jiangan', kind: 'district', departmentId: '420102' },
    'district 武昌': { id: 'wuchang', kind: 'district', departmentId: '420106' },
    'district without node': { id: 'lost', kind: 'district', departmentId: null },
    'institution (Wuhan)': { id: 'inst', kind: 'institution', institutionId: wuhanInstitution },
    'business 19 (Wuhan)': unitOf(wuhanInstitution),
    'business 11 (Wuhan)': { id: 'b11', kind: 'business', institutionId: wuhanInstitution, businessCode: '11' },
    'candidate-1': { id: 'candidate-1', kind: 'candidate' },
    'candidate-3': { id: 'candidate-3', kind: 'candidate' },
  };
  // Who may read what: [institution Wuhan, institution Huangshi, application Wuhan, application Huangshi].
  const expected: Record<string, [boolean, boolean, boolean, boolean]> = {
    admin: [true, true, true, true],
    'district 武汉': [true, false, true, false],
    'district 江岸': [true, false, true, false],
    'district 武昌': [false, false, false, false],
    'district without node': [false, false, false, false],
    'institution (Wuhan)': [true, false, true, false],
    'business 19 (Wuhan)': [true, false, true, false],
    'business 11 (Wuhan)': [true, false, false, false],
    'candidate-1': [false, false, true, false],
    'candidate-3': [false, false, false, false],
  };
  const objects = [
    ['institution', wuhanInstitution],
    ['institution', huangshiInstitution],
    ['application', wuhanApplication],
    ['application', huangshiApplication],
  ] as const;
  for (const [who, actor] of Object.entries(actors)) {
    for (const [i, [workflow, id]] of objects.entries()) {
      const allowed = expected[who]![i]!;
      const runner = engine.workflows[workflow];
      const read = await runner.get(id, actor).then(
        () => 'ok',
        (e) => (isWorkflowError(e) ? e.code : 'ERROR'),
      );
      t.equal(read, allowed ? 'ok' : 'NOT_FOUND', `${who} reads ${workflow} #${i}`);
      const history = await runner.history(id, actor).then(
        () => 'ok',
        (e) => (isWorkflowError(e) ? e.code : 'ERROR'),
      );
      t.equal(history, read, `${who} reads the history of ${workflow} #${i} exactly as the object`);
    }
  }

  // Events: someone outside the scope gets NOT_FOUND before any rule runs; a role
  // that may not send the event to an object it sees gets FORBIDDEN (rule role).
  facts.application = { redOnTotalOrCurrent: false, otherRedSegmentsWithoutPaper: [] };
  const event = (actor: Actor, id: string) =>
    engine.applications.send(id, { type: 'APPROVE' }, actor).then(
      (r) => r.state,
      (e) => (isWorkflowError(e) ? `${e.code}:${(e.details as { rule?: string })?.rule}` : 'ERROR'),
    );
  t.equal(await event(unitOf(huangshiInstitution), wuhanApplication), 'NOT_FOUND:undefined', 'a unit cannot decide another unit’s application');
  t.equal(await event(actors['business 11 (Wuhan)']!, wuhanApplication), 'NOT_FOUND:undefined', 'only business 19 decides applications');
  t.equal(await event(actors['district 武汉']!, wuhanApplication), 'FORBIDDEN:role', 'a district reviewer cannot take the unit’s decision');
  t.equal(await event(actors['candidate-1']!, wuhanApplication), 'FORBIDDEN:role', 'the candidate cannot approve their own application');
  t.equal(await event(unitOf(wuhanInstitution), wuhanApplication), 'unitReview.approved', 'the owning unit can');
  await engine.applications.send(wuhanApplication, { type: 'REPORT' }, unitOf(wuhanInstitution));
  const district = (actor: Actor) =>
    engine.applications.send(wuhanApplication, { type: 'DISTRICT_APPROVE' }, actor).then(
      (r) => r.state,
      (e) => (isWorkflowError(e) ? `${e.code}:${(e.details as { rule?: string })?.rule}` : 'ERROR'),
    );
  t.equal(await district(actors['district 武昌']!), 'NOT_FOUND:undefined', 'a sibling district cannot decide');
  t.equal(await district(actors['district 江岸']!), 'districtReview.approved', 'the supervising district can');
});
