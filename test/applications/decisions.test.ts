import t from 'tap';
import { Readable } from 'node:stream';
import { admin, district } from '../helpers/engine.js';
import type { KyselyPlugin } from 'kysely';
import type { Actor } from '../../src/engine/actor.js';
import { createEngine } from '../../src/create-engine.js';
import { createFileStorage } from '../../src/storage/file-storage.js';
import { openDatabase } from '../../src/persistence/database.js';
import { roundTripProxy } from '../helpers/round-trips.js';
import { allGreenInput, otherCandidateInput, pdfBytes, probationWorld, refusal, residentId, snapshotOf, zhaoLiuInput, type ProbationWorld } from './fixtures.js';

const huangshiDistrict: Actor = Object.freeze({ id: 'district-hs', kind: 'district', departmentId: '420200' });
const pdf = (name = '证明.pdf') => ({ stream: Readable.from([pdfBytes]), fileName: name });
const limit = { maxBytes: 1024 * 1024 };

/** A direct entry by the unit with the given segment edits; returns its id. */
async function entry(world: ProbationWorld, change: (input: { candidate: Record<string, unknown>; segments: Record<string, unknown>[] }) => void = () => {}) {
  const input = allGreenInput() as { candidate: Record<string, unknown>; segments: Record<string, unknown>[] };
  change(input);
  return (await world.engine.declarations.create(world.projectId, input, world.unit)).id;
}

t.test('refuses REJECT and RETURN without an explanation, changing nothing', async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world);
  const before = await snapshotOf(world.engine, id);
  for (const type of ['REJECT', 'RETURN'] as const) {
    for (const explanation of [undefined, '', '   ']) {
      const error = await refusal(world.engine.declarations.send(id, explanation === undefined ? { type } : { type, explanation }, world.unit));
      t.match(error, { code: 'EXPLANATION_REQUIRED', details: { rule: 'explanationGiven' } }, `${type} with ${JSON.stringify(explanation)}`);
    }
  }
  t.same(await snapshotOf(world.engine, id), before);
});

t.test('APPROVE on all green needs no explanation', async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world);
  const detail = await world.engine.declarations.detail(id, world.unit);
  t.match(detail.allowedEvents.find((e) => e.type === 'APPROVE'), { allowed: true, explanationRequired: false, reasons: [] });
  t.equal((await world.engine.declarations.send(id, { type: 'APPROVE' }, world.unit)).decision?.label, '审核通过');
});

t.test('refuses APPROVE without explanation when the current teacher check is red', async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world, (i) => (i.segments[0] = { ...i.segments[0], teacherCertNo: '110420100000000' }));
  const detail = await world.engine.declarations.detail(id, world.unit);
  t.match(detail.allowedEvents.find((e) => e.type === 'APPROVE'), { allowed: true, explanationRequired: true });
  const before = await snapshotOf(world.engine, id);
  const error = await refusal(world.engine.declarations.send(id, { type: 'APPROVE' }, world.unit));
  t.match(error, { code: 'EXPLANATION_REQUIRED', details: { rule: 'explanationGivenWhenRed', indicators: ['teacherCheck:s1'] } });
  t.same(await snapshotOf(world.engine, id), before);
  const approved = await world.engine.declarations.send(id, { type: 'APPROVE', explanation: '带教老师证书已线下核实' }, world.unit);
  t.match(approved.decision, { type: 'APPROVE', explanation: '带教老师证书已线下核实' });
});

t.test('refuses APPROVE without explanation when the total duration is under 12 months', async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world, (i) => (i.segments = [i.segments[0]!]));
  const detail = await world.engine.declarations.detail(id, world.unit);
  t.match(detail.indicators[0], { code: 'totalDuration', level: 'red', detail: '5个月，不足12个月' });
  const error = await refusal(world.engine.declarations.send(id, { type: 'APPROVE', explanation: ' ' }, world.unit));
  t.match(error, { code: 'EXPLANATION_REQUIRED', details: { indicators: ['totalDuration'] } });
  t.equal((await world.engine.declarations.send(id, { type: 'APPROVE', explanation: '另有证明材料' }, world.unit)).state, 'unitReview.approved');
});

t.test('refuses APPROVE until the candidate uploads the paper certificate of every other red institution', async (t) => {
  const world = await probationWorld(t);
  const { engine, zhaoLiu, unit, projectId } = world;
  const draft = await engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu);
  await engine.declarations.send(draft.id, { type: 'SUBMIT' }, zhaoLiu);
  const before = await snapshotOf(engine, draft.id);
  const error = await refusal(engine.declarations.send(draft.id, { type: 'APPROVE', explanation: '已核实' }, unit));
  t.match(error, { code: 'PAPER_CERTIFICATE_REQUIRED', details: { segmentIds: ['s2'], rule: 'paperCertificatesForOtherRedInstitutions' } });
  t.same(await snapshotOf(engine, draft.id), before, 'the refusal changed nothing');

  // Only the candidate uploads for their own declaration, only for other institutions, only known segments:
  // the machine's own rules on ATTACH_PAPER, asked before the file is read.
  t.match(await refusal(engine.declarations.uploadPaperCertificate(draft.id, 's2', pdf(), unit, limit)), {
    code: 'FORBIDDEN',
    message: '纸质证明由考生本人上传',
    details: { rule: 'editedByOwner' },
  });
  t.match(await refusal(engine.declarations.uploadPaperCertificate(draft.id, 's1', pdf(), zhaoLiu, limit)), {
    code: 'VALIDATION_FAILED',
    details: [{ field: 'segmentId', code: 'currentSegment' }],
  });
  t.match(await refusal(engine.declarations.uploadPaperCertificate(draft.id, 's9', pdf(), zhaoLiu, limit)), { code: 'NOT_FOUND', details: { rule: 'otherInstitutionSegment', segmentId: 's9' } });
  const text = { stream: Readable.from([Buffer.from('not a pdf, just text that is long enough')]), fileName: 'x.pdf' };
  t.equal((await refusal(engine.declarations.uploadPaperCertificate(draft.id, 's2', text, zhaoLiu, limit))).code, 'UNSUPPORTED_FILE_TYPE');
  const big = { stream: Readable.from([pdfBytes, Buffer.alloc(2048)]), fileName: 'big.pdf' };
  t.equal((await refusal(engine.declarations.uploadPaperCertificate(draft.id, 's2', big, zhaoLiu, { maxBytes: 1024 }))).code, 'FILE_TOO_LARGE');
  t.same(await snapshotOf(engine, draft.id), before, 'refused uploads store nothing');

  const uploaded = await engine.declarations.uploadPaperCertificate(draft.id, 's2', pdf('第二机构证明.pdf'), zhaoLiu, limit);
  t.match(uploaded.segments[1]!.paperCertificate, { segmentId: 's2', fileName: '第二机构证明.pdf', contentType: 'application/pdf' });
  t.equal(uploaded.state, 'unitReview.pending', 'an upload stays in its state');
  t.equal(uploaded.version, before.row!.version + 1, 'an upload is an accepted event: one new version');
  const replaced = await engine.declarations.uploadPaperCertificate(draft.id, 's2', pdf('重新盖章.pdf'), zhaoLiu, limit);
  t.equal(replaced.segments[1]!.paperCertificate?.fileName, '重新盖章.pdf', 'a new upload supersedes the old one');
  const history = await engine.db
    .selectFrom('pw_history')
    .select(['event_type', 'from_state', 'to_state', 'payload'])
    .where('entity_id', '=', draft.id)
    .where('event_type', '=', 'ATTACH_PAPER')
    .orderBy('seq')
    .execute();
  t.equal(history.length, 2, 'one history row per upload');
  t.match(history[1], { from_state: 'unitReview.pending', to_state: 'unitReview.pending', payload: { segmentId: 's2', issued: { attachmentId: replaced.segments[1]!.paperCertificate!.id } } });
  const audit = await engine.db.selectFrom('pw_audit').select('action').where('subject_id', '=', draft.id).where('action', '=', 'event.application.ATTACH_PAPER').execute();
  t.equal(audit.length, 2, 'uploads are audited');
  t.match(
    await refusal(engine.workflows.application.send(draft.id, { type: 'ATTACH_PAPER', segmentId: 's2' }, zhaoLiu)),
    { code: 'VALIDATION_FAILED', details: [{ field: 'file' }] },
    'the bare event without a stored file is refused',
  );
  t.match(
    await refusal(engine.workflows.application.send(draft.id, { type: 'APPROVE', segmentId: 's2' }, unit)),
    { code: 'VALIDATION_FAILED', details: [{ field: 'segmentId', code: 'unrecognized' }] },
    'segmentId belongs to ATTACH_PAPER only',
  );

  const approved = await engine.declarations.send(draft.id, { type: 'APPROVE' }, unit);
  t.equal(approved.state, 'unitReview.approved', 'no explanation needed: the red concerns another institution only');
});

t.test('decisions stay re-editable until reported, one history row each with the indicators the reviewer saw', async (t) => {
  const world = await probationWorld(t);
  const { engine, unit } = world;
  const id = await entry(world, (i) => (i.segments[0] = { ...i.segments[0], teacherCertNo: '110420100000000' }));
  const steps = [
    { type: 'APPROVE', explanation: '审核通过', state: 'unitReview.approved', note: '审核通过' },
    { type: 'REJECT', explanation: '审核不通过', state: 'unitReview.rejected', note: '审核不通过' },
    { type: 'RETURN', explanation: '请补充材料', state: 'unitReview.returned', note: '请补充材料' },
    { type: 'APPROVE', explanation: '材料齐全', state: 'unitReview.approved', note: '材料齐全' },
  ];
  let version = 1;
  for (const step of steps) {
    const result = await engine.declarations.send(id, { type: step.type, explanation: step.explanation }, unit, { expectedVersion: version });
    version++;
    t.match(result, { state: step.state, version, decision: { type: step.type, explanation: step.explanation } });
    const row = await engine.db.selectFrom('pw_applications').select(['note', 'red_count']).where('id', '=', id).executeTakeFirstOrThrow();
    t.same(row, { note: step.note, red_count: 1 });
  }
  const history = await engine.applications.history(id, unit);
  t.same(history.map((h) => h.event), ['CREATE', 'APPROVE', 'REJECT', 'RETURN', 'APPROVE']);
  for (const h of history.slice(1)) {
    const facts = h.payload.facts as { indicators: { totalMonths: number; redCount: number; indicators: { code: string; level: string }[] } };
    t.match(facts.indicators, { totalMonths: 18, redCount: 1 });
    t.match(facts.indicators.indicators.find((i) => i.code === 'teacherCheck'), { level: 'red' });
  }
  const stale = await refusal(engine.declarations.send(id, { type: 'REJECT', explanation: 'x' }, unit, { expectedVersion: 2 }));
  t.match(stale, { code: 'VERSION_CONFLICT', details: { expectedVersion: 2, version: 5 } });
  t.equal((await engine.applications.history(id, unit)).length, 5, 'a stale decision appends nothing');
});

t.test('a retried decision with the same Idempotency-Key appends one transition', async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world);
  const first = await world.engine.declarations.send(id, { type: 'APPROVE' }, world.unit, { idempotencyKey: 'decide-1' });
  const again = await world.engine.declarations.send(id, { type: 'APPROVE' }, world.unit, { idempotencyKey: 'decide-1' });
  t.equal(again.version, first.version);
  t.equal((await world.engine.applications.history(id, world.unit)).length, 2);
  t.equal((await refusal(world.engine.declarations.send(id, { type: 'REJECT', explanation: 'x' }, world.unit, { idempotencyKey: 'decide-1' }))).code, 'IDEMPOTENCY_KEY_REUSED');
});

t.test('REPORT moves approved applications to the district and rejected ones to closed.rejectedByUnit, locking the decision', async (t) => {
  const world = await probationWorld(t);
  const { engine, unit, projectId } = world;
  const pending = await entry(world);
  t.match(await refusal(engine.declarations.send(pending, { type: 'REPORT' }, unit)), { code: 'INVALID_TRANSITION', details: { state: 'unitReview.pending' } });
  await engine.declarations.send(pending, { type: 'APPROVE' }, unit);
  const reported = await engine.declarations.send(pending, { type: 'REPORT' }, unit);
  t.match(reported, { state: 'districtReview.pending', reportedAt: '2026-03-01T08:00:00.000Z' });
  const before = await snapshotOf(engine, pending);
  for (const type of ['APPROVE', 'REJECT', 'RETURN'] as const) {
    t.equal((await refusal(engine.declarations.send(pending, { type, explanation: '改主意' }, unit))).code, 'INVALID_TRANSITION', `${type} after the report`);
  }
  t.same(await snapshotOf(engine, pending), before);

  const qianId = residentId('420102', '19950101', '011');
  const qian = await engine.accounts.create({ kind: 'candidate', login: qianId, name: '钱七', password: 'Demo@2026', phone: '13912345678' });
  const candidate: Actor = { id: qian.id, kind: 'candidate' };
  const own = await engine.declarations.create(projectId, otherCandidateInput('钱七', qianId), candidate).then((d) => d.id);
  await engine.declarations.send(own, { type: 'SUBMIT' }, candidate);
  await engine.declarations.send(own, { type: 'REJECT', explanation: '试用期证明不符' }, unit);
  const closed = await engine.declarations.send(own, { type: 'REPORT' }, unit);
  t.match(closed, { state: 'closed.rejectedByUnit', open: false });
  const topics = await engine.db.selectFrom('pw_outbox').select('topic').where('entity_id', '=', own).execute();
  t.same(topics.map((r) => r.topic), ['application.rejectedByUnit'], 'the candidate is notified');
});

t.test('the batch report reports each application in its own command and counts the outcome', async (t) => {
  const world = await probationWorld(t);
  const { engine, unit, otherUnit, projectId } = world;
  const ids: string[] = [];
  for (const [i, name] of ['钱七', '孙八', '周九', '吴十'].entries()) {
    ids.push((await engine.declarations.create(projectId, otherCandidateInput(name, residentId('420102', `1995010${i + 1}`, '011')), unit)).id);
  }
  const [approved, rejected, pending, late] = ids as [string, string, string, string];
  await engine.declarations.send(approved, { type: 'APPROVE' }, unit);
  await engine.declarations.send(rejected, { type: 'REJECT', explanation: '不符合' }, unit);
  await engine.declarations.send(late, { type: 'APPROVE' }, unit);
  // One application whose own deadline has passed: it is refused, the others go through.
  await engine.db.updateTable('pw_applications').set({ due_at: new Date('2026-02-01T00:00:00Z') }).where('id', '=', late).execute();

  t.equal((await refusal(engine.declarations.reportAll(projectId, district))).code, 'FORBIDDEN');
  t.same(await engine.declarations.reportAll(projectId, otherUnit), { total: 0, reported: 0, rejectedByUnit: 0, failed: [] }, 'another unit reports nothing of ours');
  const outcome = await engine.declarations.reportAll(projectId, unit);
  t.match(outcome, { total: 3, reported: 1, rejectedByUnit: 1, failed: [{ id: late, code: 'DEADLINE_PASSED' }] });
  const state = async (id: string) => (await engine.declarations.detail(id, admin)).state;
  t.equal(await state(approved), 'districtReview.pending');
  t.equal(await state(rejected), 'closed.rejectedByUnit');
  t.equal(await state(pending), 'unitReview.pending');
  t.equal(await state(late), 'unitReview.approved');
  t.same(await engine.declarations.reportAll(projectId, unit), { total: 1, reported: 0, rejectedByUnit: 0, failed: [{ id: late, code: 'DEADLINE_PASSED', message: '已超过省级审批截止日期' }] }, 'a second run reports only what is still reportable');
  const summary = await engine.projects.get(projectId, unit);
  t.match(summary, { applicantCount: 4, decidedCount: 3, reportedCount: 2, reportState: 'partlyReported', reportStateLabel: '部分上报' });
});

t.test('the district approves, rejects (with explanation) and returns to the unit, within its node only', async (t) => {
  const world = await probationWorld(t);
  const { engine, unit } = world;
  const id = await entry(world);
  await engine.declarations.send(id, { type: 'APPROVE' }, unit);
  await engine.declarations.send(id, { type: 'REPORT' }, unit);

  const before = await snapshotOf(engine, id);
  t.match(await refusal(engine.declarations.send(id, { type: 'DISTRICT_APPROVE' }, unit)), { code: 'FORBIDDEN', details: { rule: 'role' } });
  t.match(await refusal(engine.declarations.send(id, { type: 'DISTRICT_APPROVE' }, huangshiDistrict)), { code: 'NOT_FOUND' });
  t.equal((await refusal(engine.declarations.detail(id, huangshiDistrict))).code, 'NOT_FOUND');
  t.match(await refusal(engine.declarations.send(id, { type: 'DISTRICT_REJECT' }, district)), { code: 'EXPLANATION_REQUIRED' });
  t.match(await refusal(engine.declarations.send(id, { type: 'DISTRICT_RETURN' }, district)), { code: 'EXPLANATION_REQUIRED' });
  t.same(await snapshotOf(engine, id), before);

  t.equal((await engine.declarations.send(id, { type: 'DISTRICT_APPROVE' }, district)).state, 'districtReview.approved');
  t.equal((await engine.declarations.send(id, { type: 'DISTRICT_REJECT', explanation: '证明材料不符' }, district)).state, 'districtReview.rejected');
  const back = await engine.declarations.send(id, { type: 'DISTRICT_RETURN', explanation: '请单位重新核对带教老师' }, admin);
  t.match(back, { state: 'unitReview.pending', districtDecision: { type: 'DISTRICT_RETURN', explanation: '请单位重新核对带教老师' } });
  const row = (await engine.declarations.list(world.projectId, unit)).items[0];
  t.equal(row?.note, '考区退回：请单位重新核对带教老师', '审核备注 shows the district return while the unit decides again');
  await engine.declarations.send(id, { type: 'APPROVE', explanation: '已重新核对' }, unit);
  t.equal((await engine.declarations.send(id, { type: 'REPORT' }, unit)).state, 'districtReview.pending', 'and reports again');
});

t.test('a teacher number stored in an unusual form (spaces, full-width digits) is still found at a decision', async (t) => {
  const world = await probationWorld(t);
  const { engine, unit } = world;
  const id = await entry(world);
  // Rows a host wrote without our input checks may keep the number as typed: the lock's read misses
  // it, the facts look it up again once normalised.
  const row = await engine.db.selectFrom('pw_applications').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  const data = row.data as { segments: { teacherCertNo: string; current: boolean }[] };
  const unusual = (certNo: string) => ` ${certNo.slice(0, 3)} ${[...certNo.slice(3)].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')} `;
  for (const segment of data.segments) segment.teacherCertNo = unusual(segment.teacherCertNo);
  const typed = data.segments.find((s) => s.current)!.teacherCertNo;
  await engine.db.updateTable('pw_applications').set({ data: JSON.stringify(data) }).where('id', '=', id).execute();
  await engine.declarations.send(id, { type: 'APPROVE' }, unit);
  const history = await engine.applications.history(id, unit);
  const facts = history.at(-1)!.payload.facts as { indicators: { indicators: { code: string; level: string; segmentId?: string }[] } };
  t.match(
    facts.indicators.indicators.find((i) => i.code === 'teacherCheck'),
    { level: 'green' },
    `the registry's teacher is found for ${JSON.stringify(typed)}`,
  );
});

t.test('an accepted decision costs two statements between BEGIN and COMMIT, a refused one one, and the detail one; a decision that answers the detail still two', async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world);
  // Every statement run through the engine's Kysely reaches its plugins' transformResult (BEGIN and
  // COMMIT go to the driver directly and are not counted).
  let statements = 0;
  const counting: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => {
      statements++;
      return result;
    },
  };
  const engine = await createEngine({ db: world.engine.db.withPlugin(counting), clock: world.clock, storage: createFileStorage(world.filesDir) });
  t.teardown(() => engine.close());
  const counted = async (work: () => Promise<unknown>) => {
    statements = 0;
    await work();
    return statements;
  };
  t.equal(await counted(() => engine.applications.send(id, { type: 'APPROVE', explanation: '已核实' }, world.unit)), 2, 'the lock with the facts, and the write');
  t.equal(await counted(() => refusal(engine.applications.send(id, { type: 'REJECT' }, world.unit))), 1, 'a refusal: the lock with the facts, then ROLLBACK');
  t.equal(await counted(() => engine.declarations.detail(id, world.unit)), 1, 'the row, its history and the detail reads');
  t.equal(await counted(() => engine.declarations.send(id, { type: 'REJECT', explanation: '材料不全' }, world.unit)), 2, 'the HTTP decision: the lock with the facts, and the write that answers the detail');
});

t.test('a decision answers the application exactly as a read right after it shows it, its own history row included', async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world);
  const before = await world.engine.declarations.detail(id, world.unit);
  const answered = await world.engine.declarations.send(id, { type: 'REJECT', explanation: '材料不全' }, world.unit, { expectedVersion: before.version });
  t.same(answered, await world.engine.declarations.detail(id, world.unit), 'the same object as GET answers');
  t.equal(answered.version, before.version + 1);
  t.equal(answered.history.length, before.history.length + 1, 'the new history row is in the answer');
  t.match(answered.history.at(-1), { seq: answered.version, event: 'REJECT', to: 'unitReview.rejected', payload: { explanation: '材料不全' } });
  t.match(answered.decision, { type: 'REJECT', explanation: '材料不全' });
  // A retry with the key wrote nothing the first time's statement could answer: it reads the object.
  const key = 'decision-answer-replay';
  const first = await world.engine.declarations.send(id, { type: 'APPROVE', explanation: '已核实' }, world.unit, { idempotencyKey: key });
  const again = await world.engine.declarations.send(id, { type: 'APPROVE', explanation: '已核实' }, world.unit, { idempotencyKey: key });
  t.same(again, first, 'a replay answers the same object');
  t.equal(again.history.length, before.history.length + 2, 'and appended nothing');
});

t.test('on PostgreSQL an accepted decision is two round trips, a refusal two, the detail one, and a decision answering the detail two', { skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL (a PostgreSQL server)' }, async (t) => {
  const world = await probationWorld(t);
  const id = await entry(world);
  const proxy = await roundTripProxy(world.database.url!);
  const database = await openDatabase({ url: proxy.url, schema: world.database.schema!, maxConnections: 1 });
  const engine = await createEngine({ db: database, migrate: false, clock: world.clock, storage: createFileStorage(world.filesDir) });
  t.teardown(async () => {
    await engine.close();
    await database.close();
    await proxy.close();
  });
  await engine.applications.get(id, world.unit);
  proxy.take();
  await engine.applications.send(id, { type: 'APPROVE', explanation: '已核实' }, world.unit);
  t.equal(proxy.take(), 2, 'BEGIN with the lock and its reads; the write with COMMIT');
  await refusal(engine.applications.send(id, { type: 'REJECT' }, world.unit));
  t.equal(proxy.take(), 2, 'BEGIN with the lock and its reads; ROLLBACK');
  await engine.declarations.detail(id, world.unit);
  t.equal(proxy.take(), 1, 'the row, its history and the detail reads');
  t.equal((await world.engine.applications.get(id, world.unit)).state, 'unitReview.approved', 'the decision was committed');
  proxy.take();
  const answered = await engine.declarations.send(id, { type: 'REJECT', explanation: '材料不全' }, world.unit);
  t.equal(proxy.take(), 2, 'the HTTP decision: BEGIN with the lock and its reads; the write answering the detail, with COMMIT');
  t.same(answered, await world.engine.declarations.detail(id, world.unit), 'and its answer is the committed object');
});
