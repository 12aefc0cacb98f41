import t from 'tap';
import { Readable } from 'node:stream';
import { admin, district } from '../helpers/engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { allGreenInput, otherCandidateInput, pdfBytes, probationWorld, refusal, residentId, snapshotOf, zhaoLiuInput } from './fixtures.js';

t.test('the deadline sweep closes every open application of the project at the approval deadline, once, and nothing else is accepted after it', async (t) => {
  const world = await probationWorld(t);
  const { engine, clock, unit, zhaoLiu, projectId } = world;
  const candidateFor = async (name: string, idNumber: string): Promise<Actor> => {
    const account = await engine.accounts.create({ kind: 'candidate', login: idNumber, name, password: 'Demo@2026', phone: '13912345678' });
    return { id: account.id, kind: 'candidate' };
  };
  const unitEntry = async (name: string, birth: string) =>
    (await engine.declarations.create(projectId, otherCandidateInput(name, residentId('420102', birth, '011')), unit)).id;

  // One application in each open state.
  const draft = (await engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu)).id;
  const qianId = residentId('420102', '19960101', '021');
  const qian = await candidateFor('钱七', qianId);
  const returned = (await engine.declarations.create(projectId, otherCandidateInput('钱七', qianId), qian)).id;
  await engine.declarations.send(returned, { type: 'SUBMIT' }, qian);
  await engine.declarations.send(returned, { type: 'RETURN', explanation: '请补充' }, unit);
  const pending = await unitEntry('孙八', '19950102');
  const approved = await unitEntry('周九', '19950103');
  await engine.declarations.send(approved, { type: 'APPROVE' }, unit);
  const reported = await unitEntry('吴十', '19950104');
  const certified = await unitEntry('郑一', '19950105');
  const districtRejected = await unitEntry('王二', '19950106');
  for (const id of [reported, certified, districtRejected]) {
    await engine.declarations.send(id, { type: 'APPROVE' }, unit);
    await engine.declarations.send(id, { type: 'REPORT' }, unit);
  }
  await engine.declarations.send(certified, { type: 'DISTRICT_APPROVE' }, district);
  await engine.declarations.send(districtRejected, { type: 'DISTRICT_REJECT', explanation: '证明不符' }, district);

  t.same(await engine.sweepDeadlines(), { closed: 0 }, 'nothing is due before the deadline');
  // The deadline day (2026-03-31, China) is the last day anything may be done.
  clock.set('2026-03-31T15:59:59.000Z');
  t.same(await engine.sweepDeadlines(), { closed: 0 });
  t.equal((await engine.declarations.send(certified, { type: 'DISTRICT_APPROVE' }, district)).state, 'districtReview.approved', 're-editable until the end of the deadline day');

  clock.set('2026-03-31T16:00:00.000Z');
  t.match(await engine.projects.get(projectId, unit), { status: 'closed', statusLabel: '已截止', daysLeft: 0 });
  const before = await snapshotOf(engine);
  const refusals: [string, string, { type: string; explanation?: string }, Actor][] = [
    ['draft', draft, { type: 'SUBMIT' }, zhaoLiu],
    ['draft', draft, { type: 'WITHDRAW' }, zhaoLiu],
    ['returned', returned, { type: 'RESUBMIT' }, qian],
    ['pending', pending, { type: 'APPROVE', explanation: '晚了' }, unit],
    ['pending', pending, { type: 'REJECT', explanation: '晚了' }, unit],
    ['pending', pending, { type: 'RETURN', explanation: '晚了' }, unit],
    ['approved', approved, { type: 'REPORT' }, unit],
    ['reported', reported, { type: 'DISTRICT_APPROVE' }, district],
    ['reported', reported, { type: 'DISTRICT_RETURN', explanation: '晚了' }, district],
    ['certified', certified, { type: 'DISTRICT_REJECT', explanation: '晚了' }, admin],
  ];
  for (const [name, id, event, actor] of refusals) {
    t.match(await refusal(engine.declarations.send(id, event, actor)), { code: 'DEADLINE_PASSED', details: { rule: 'beforeDeadline' } }, `${event.type} on ${name}`);
  }
  t.equal((await refusal(engine.declarations.edit(draft, allGreenInput(), zhaoLiu))).code, 'DEADLINE_PASSED', 'EDIT');
  const upload = { stream: Readable.from([pdfBytes]), fileName: 'late.pdf' };
  t.equal((await refusal(engine.declarations.uploadPaperCertificate(draft, 's2', upload, zhaoLiu, { maxBytes: 1 << 20 }))).code, 'DEADLINE_PASSED', 'paper certificate');
  t.equal((await refusal(engine.declarations.create(projectId, otherCandidateInput('冯三', residentId('420102', '19950107', '011')), unit))).code, 'DEADLINE_PASSED', 'CREATE');
  t.match(await engine.declarations.reportAll(projectId, unit), { total: 1, reported: 0, failed: [{ id: approved, code: 'DEADLINE_PASSED' }] }, 'batch report');
  t.same(await snapshotOf(engine), before, 'every refusal changed nothing');

  t.same(await engine.sweepDeadlines(), { closed: 7 });
  const state = async (id: string) => (await engine.declarations.detail(id, admin)).state;
  t.equal(await state(certified), 'closed.certified');
  t.equal(await state(districtRejected), 'closed.rejectedByDistrict');
  for (const id of [draft, returned, pending, approved, reported]) t.equal(await state(id), 'closed.expired');
  t.same(await engine.sweepDeadlines(), { closed: 0 }, 'a second sweep changes nothing');
  clock.advance(86_400_000);
  t.same(await engine.sweepDeadlines(), { closed: 0 }, 'nor does a later one');

  const history = await engine.applications.history(certified, admin);
  t.match(history.at(-1), { event: 'CLOSE', actorRole: 'system', to: 'closed.certified' });
  const topics = await engine.db.selectFrom('pw_outbox').select(['topic', 'entity_id']).where('topic', 'in', ['application.certified', 'application.rejectedByDistrict']).execute();
  t.same(topics.map((r) => [r.topic, r.entity_id]).sort(), [
    ['application.certified', certified],
    ['application.rejectedByDistrict', districtRejected],
  ], 'the candidates are notified of the final decisions');
  t.match(await engine.declarations.list(projectId, unit, { state: 'closed' }), { total: 6 }, "the unit's list shows them closed");
});
