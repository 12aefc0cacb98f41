import t from 'tap';
import { admin, district, unitOf } from '../helpers/engine.js';
import { allGreenInput, otherCandidateInput, probationWorld, refusal, residentId, snapshotOf, zhaoLiuInput } from './fixtures.js';

t.test('a candidate declares a draft, edits it and submits it to the current institution', async (t) => {
  const { engine, projectId, zhaoLiu, unit, institutionId } = await probationWorld(t);
  const draft = await engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu);
  t.match(draft, { state: 'draft', version: 1, entryMode: 'candidate', entryModeLabel: '考生申报', candidateId: zhaoLiu.id, institution: { id: institutionId, name: '武汉市第1911医院' } });
  t.equal((await engine.declarations.list(projectId, unit)).total, 0, 'the unit does not see a draft');
  t.equal((await refusal(engine.declarations.detail(draft.id, unit))).code, 'NOT_FOUND');

  const withIds = allGreenInput() as { segments: Record<string, unknown>[] };
  withIds.segments.forEach((s, i) => (s.id = `s${i + 1}`));
  const edited = await engine.declarations.edit(draft.id, withIds, zhaoLiu, { expectedVersion: 1 });
  t.match(edited, { state: 'draft', version: 2, redCount: 0 });
  t.same(edited.data?.segments.map((s) => s.id), ['s1', 's2'], 'segment ids sent back are kept');
  const renumbered = await engine.declarations.edit(draft.id, allGreenInput(), zhaoLiu, { expectedVersion: 2 });
  t.same(renumbered.data?.segments.map((s) => s.id), ['s3', 's4'], 'segments sent without ids are new segments: an id is never reused');
  t.same(edited.indicators.map((i) => i.level), ['green', 'green', 'green']);

  const submitted = await engine.declarations.send(draft.id, { type: 'SUBMIT' }, zhaoLiu, { expectedVersion: 3 });
  t.equal(submitted.state, 'unitReview.pending');
  const list = await engine.declarations.list(projectId, unit);
  t.match(list, { total: 1, items: [{ id: draft.id, name: '赵六', idNumberMasked: '140105*****7932', entryModeLabel: '考生申报', redCount: 0 }] });
  t.same((await engine.applications.history(draft.id, admin)).map((h) => h.event), ['CREATE', 'EDIT', 'EDIT', 'SUBMIT']);
});

t.test('a unit enters an application directly, straight to unitReview.pending, linked to the candidate account', async (t) => {
  const { engine, projectId, unit, zhaoLiu } = await probationWorld(t);
  const entry = await engine.declarations.create(projectId, zhaoLiuInput(), unit);
  t.match(entry, { state: 'unitReview.pending', entryMode: 'unit', entryModeLabel: '单位直接录入', candidateId: zhaoLiu.id });
  t.equal((await engine.declarations.detail(entry.id, zhaoLiu)).id, entry.id, 'the candidate sees the entry made for them');
  // The owner of a direct entry is the unit: the candidate may not edit it.
  const before = await snapshotOf(engine, entry.id);
  await engine.declarations.send(entry.id, { type: 'RETURN', explanation: '请补充带教老师信息' }, unit);
  const returned = await snapshotOf(engine, entry.id);
  const error = await refusal(engine.declarations.edit(entry.id, allGreenInput(), zhaoLiu));
  t.match(error, { code: 'FORBIDDEN', details: { rule: 'editedByOwner' } });
  t.same(await snapshotOf(engine, entry.id), returned, 'a refused edit changes nothing');
  t.not(before.row!.version, returned.row!.version);
  const edited = await engine.declarations.edit(entry.id, allGreenInput(), unit);
  t.equal(edited.state, 'unitReview.returned');
  t.equal((await engine.declarations.send(entry.id, { type: 'RESUBMIT' }, unit)).state, 'unitReview.pending');
});

t.test('refuses a wrong 登记号 + 校验码 pair with INSTITUTION_CHECK_FAILED and writes nothing', async (t) => {
  const { engine, projectId, zhaoLiu, unit } = await probationWorld(t);
  const before = await snapshotOf(engine);
  for (const patch of [{ checkCode: '000000' }, { registrationNo: '5252223212582111999' }]) {
    const input = zhaoLiuInput() as { segments: Record<string, unknown>[] };
    input.segments[0] = { ...input.segments[0], ...patch };
    const error = await refusal(engine.declarations.create(projectId, input, zhaoLiu));
    t.match(error, { code: 'INSTITUTION_CHECK_FAILED', details: { fields: ['segments.0.registrationNo', 'segments.0.checkCode'], segmentId: 's1' } });
    t.equal((await refusal(engine.declarations.create(projectId, input, unit))).code, 'INSTITUTION_CHECK_FAILED');
  }
  t.same(await snapshotOf(engine), before);
});

t.test('refuses an institution that is not activated', async (t) => {
  const { engine, projectId, zhaoLiu, institutionId } = await probationWorld(t);
  await engine.db.updateTable('pw_institutions').set({ state: 'disabled' }).where('id', '=', institutionId).execute();
  t.equal((await refusal(engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu))).code, 'INSTITUTION_CHECK_FAILED');
});

t.test("refuses a candidate's data whose name or ID number is not the account's", async (t) => {
  const { engine, projectId, zhaoLiu } = await probationWorld(t);
  const before = await snapshotOf(engine);
  const input = zhaoLiuInput() as { candidate: Record<string, unknown> };
  input.candidate = { ...input.candidate, name: '赵七', idNumber: residentId('420102', '19920304', '123') };
  const error = await refusal(engine.declarations.create(projectId, input, zhaoLiu));
  t.equal(error.code, 'VALIDATION_FAILED');
  t.same(error.details.map((i: { field: string }) => i.field).sort(), ['candidate.idNumber', 'candidate.name']);
  t.same(await snapshotOf(engine), before);
});

t.test('refuses malformed data with every field problem at once', async (t) => {
  const { engine, projectId, zhaoLiu } = await probationWorld(t);
  const input = zhaoLiuInput() as { segments: Record<string, unknown>[] };
  input.segments[1] = { ...input.segments[1], startsOn: '2019-03-02', endsOn: '2019-03-01', teacherName: '' };
  const error = await refusal(engine.declarations.create(projectId, input, zhaoLiu));
  t.equal(error.code, 'VALIDATION_FAILED');
  t.ok(error.details.some((i: { field: string }) => i.field === 'segments.1.teacherName'));
  t.ok(error.details.some((i: { field: string }) => i.field.startsWith('segments.1.')));
  t.equal((await refusal(engine.declarations.create(projectId, 'not an object', zhaoLiu))).code, 'VALIDATION_FAILED');
});

t.test('a unit may enter applications only for its own institution', async (t) => {
  const { engine, projectId, otherUnit } = await probationWorld(t);
  const before = await snapshotOf(engine);
  const error = await refusal(engine.declarations.create(projectId, zhaoLiuInput(), otherUnit));
  t.match(error, { code: 'VALIDATION_FAILED', details: [{ field: 'segments.0.registrationNo', code: 'notOwnInstitution' }] });
  t.same(await snapshotOf(engine), before);
});

t.test('refuses CREATE by roles that may not declare', async (t) => {
  const { engine, projectId, institutionId } = await probationWorld(t);
  for (const actor of [district, admin, { id: 'inst', kind: 'institution' as const, institutionId }]) {
    t.match(await refusal(engine.declarations.create(projectId, zhaoLiuInput(), actor)), { code: 'FORBIDDEN', details: { rule: 'role' } }, actor.kind);
  }
  const business10 = { id: 'b10', kind: 'business' as const, institutionId, businessCode: '10' };
  t.equal((await refusal(engine.declarations.create(projectId, zhaoLiuInput(), business10))).code, 'NOT_FOUND', 'another business line does not see the project');
});

t.test('one application per candidate and project; a withdrawn one may be declared again', async (t) => {
  const { engine, projectId, zhaoLiu, unit } = await probationWorld(t);
  const first = await engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu);
  const before = await snapshotOf(engine);
  t.match(await refusal(engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu)), { code: 'ALREADY_APPLIED', details: { projectId } });
  t.equal((await refusal(engine.declarations.create(projectId, zhaoLiuInput(), unit))).code, 'ALREADY_APPLIED', 'also for a direct entry');
  t.same(await snapshotOf(engine), before);
  await engine.declarations.send(first.id, { type: 'WITHDRAW' }, zhaoLiu);
  t.equal((await engine.declarations.detail(first.id, zhaoLiu)).state, 'closed.withdrawn');
  const second = await engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu);
  t.equal(second.state, 'draft');
});

t.test('a retried declaration with the same Idempotency-Key returns the first and creates nothing more', async (t) => {
  const { engine, projectId, unit } = await probationWorld(t);
  const first = await engine.declarations.create(projectId, zhaoLiuInput(), unit, { idempotencyKey: 'entry-1' });
  const before = await snapshotOf(engine);
  const again = await engine.declarations.create(projectId, zhaoLiuInput(), unit, { idempotencyKey: 'entry-1' });
  t.equal(again.id, first.id);
  t.same(again, first, 'the same answer, read again');
  t.same(await snapshotOf(engine), before);
});

t.test('a declaration and its edit answer the application exactly as a read right after them shows it', async (t) => {
  const { engine, projectId, zhaoLiu } = await probationWorld(t);
  const created = await engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu);
  t.same(created, await engine.declarations.detail(created.id, zhaoLiu), 'the creation answers what GET shows');
  t.match(created.history, [{ seq: 1, event: 'CREATE', from: null, to: 'draft' }], 'with its one history row');
  const input = zhaoLiuInput() as { candidate: { phone: string } };
  input.candidate.phone = '13900001111';
  const edited = await engine.declarations.edit(created.id, input, zhaoLiu);
  t.same(edited, await engine.declarations.detail(created.id, zhaoLiu), 'the edit answers what GET shows');
  t.equal(edited.data?.candidate.phone, '13900001111', 'with the new data');
  t.match(edited.history.map((h) => h.event), ['CREATE', 'EDIT']);
});

t.test('SUBMIT and a direct entry are refused outside the declaration period with PROJECT_NOT_OPEN', async (t) => {
  const { engine, zhaoLiu, unit } = await probationWorld(t);
  const later = await engine.projects.create({ name: '下一轮申报', startsOn: '2026-04-01', approvalDeadline: '2026-06-30' }, admin);
  t.equal(later.statusLabel, '未开始');
  const draft = await engine.declarations.create(later.id, zhaoLiuInput(), zhaoLiu);
  t.equal(draft.state, 'draft', 'a draft may be prepared before the start');
  const before = await snapshotOf(engine, draft.id);
  t.match(await refusal(engine.declarations.send(draft.id, { type: 'SUBMIT' }, zhaoLiu)), { code: 'PROJECT_NOT_OPEN', details: { rule: 'projectOpen' } });
  t.same(await snapshotOf(engine, draft.id), before);
  t.equal((await refusal(engine.declarations.create(later.id, otherCandidateInput('钱七', residentId('420102', '19950101', '011')), unit))).code, 'PROJECT_NOT_OPEN');
  t.same(await snapshotOf(engine, draft.id), before);
});

t.test('a returned application keeps its current institution', async (t) => {
  const { engine, projectId, zhaoLiu, unit } = await probationWorld(t);
  const draft = await engine.declarations.create(projectId, allGreenInput(), zhaoLiu);
  await engine.declarations.send(draft.id, { type: 'SUBMIT' }, zhaoLiu);
  await engine.declarations.send(draft.id, { type: 'RETURN', explanation: '请核对' }, unit);
  const moved = allGreenInput() as { segments: Record<string, unknown>[] };
  moved.segments[0] = { ...moved.segments[0], institutionName: '黄石市中心医院', registrationNo: '4202000000000000001', checkCode: '111111' };
  const before = await snapshotOf(engine, draft.id);
  t.match(await refusal(engine.declarations.edit(draft.id, moved, zhaoLiu)), { code: 'VALIDATION_FAILED', details: [{ code: 'currentInstitutionFixed' }] });
  t.same(await snapshotOf(engine, draft.id), before);
  const notified = await engine.db.selectFrom('pw_outbox').select('topic').where('entity_id', '=', draft.id).execute();
  t.same(notified.map((n) => n.topic), ['application.returned'], 'the candidate is notified of the return');
});

t.test('a draft may move to another institution before it is submitted', async (t) => {
  const { engine, projectId, zhaoLiu, unit, otherUnit, otherInstitutionId } = await probationWorld(t);
  const draft = await engine.declarations.create(projectId, allGreenInput(), zhaoLiu);
  const moved = allGreenInput() as { segments: Record<string, unknown>[] };
  moved.segments[0] = { ...moved.segments[0], institutionName: '黄石市中心医院', registrationNo: '4202000000000000001', checkCode: '111111' };
  const edited = await engine.declarations.edit(draft.id, moved, zhaoLiu);
  t.equal(edited.institution?.id, otherInstitutionId);
  await engine.declarations.send(draft.id, { type: 'SUBMIT' }, zhaoLiu);
  t.equal((await engine.declarations.list(projectId, unit)).total, 0);
  t.equal((await engine.declarations.list(projectId, otherUnit)).total, 1);
  t.equal((await engine.declarations.list(projectId, district)).total, 0, '武汉市 does not see a 黄石 application');
  t.equal((await refusal(engine.declarations.detail(draft.id, unitOf('00000000-0000-4000-8000-000000000000')))).code, 'NOT_FOUND');
});

t.test('EDIT and CREATE are not events of POST …/events', async (t) => {
  const { engine, projectId, zhaoLiu } = await probationWorld(t);
  const draft = await engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu);
  t.match(await refusal(engine.declarations.send(draft.id, { type: 'EDIT' }, zhaoLiu)), { code: 'VALIDATION_FAILED', details: [{ field: 'type' }] });
  // Through the bare runner an EDIT without data is refused as well.
  t.match(await refusal(engine.applications.send(draft.id, { type: 'EDIT' }, zhaoLiu)), { code: 'VALIDATION_FAILED', details: [{ field: 'data' }] });
});

t.test('two declarations for one candidate racing each other: exactly one is accepted', async (t) => {
  const { engine, projectId, zhaoLiu, unit } = await probationWorld(t);
  const results = await Promise.allSettled([
    engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu),
    engine.declarations.create(projectId, zhaoLiuInput(), unit),
    engine.declarations.create(projectId, zhaoLiuInput(), zhaoLiu),
  ]);
  t.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') t.equal((r.reason as { code: string }).code, 'ALREADY_APPLIED');
  const rows = await engine.db.selectFrom('pw_applications').select('id').where('project_id', '=', projectId).execute();
  t.equal(rows.length, 1);
});

t.test('a candidate actor without an engine account cannot declare (no account to match), and gets a field error, not a crash', async (t) => {
  const { engine, projectId } = await probationWorld(t);
  const error = await refusal(engine.declarations.create(projectId, zhaoLiuInput(), { id: 'host-user-7', kind: 'candidate' }));
  t.match(error, { code: 'VALIDATION_FAILED', details: [{ field: 'candidate.idNumber', code: 'notAccountHolder' }, { field: 'candidate.name' }] });
});
