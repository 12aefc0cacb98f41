import t from 'tap';
import { isWorkflowError } from '../../src/errors.js';
import { refusal } from '../helpers/refusal.js';
import type { Engine } from '../../src/create-engine.js';
import { createTransitionRunner, type WorkflowEvent } from '../../src/engine/transition-runner.js';
import { writeTransition } from '../../src/engine/runner/write-statement.js';
import type { Actor } from '../../src/engine/actor.js';
import {
  activatedInstitution,
  admin,
  candidate,
  district,
  pendingApplication,
  testEngine,
  unitOf,
} from '../helpers/engine.js';

const green = { redOnTotalOrCurrent: false, otherRedSegmentsWithoutPaper: [] };

/** Everything a refused command must leave untouched. */
async function footprint(engine: Engine, id: string) {
  const row = await engine.db.selectFrom('pw_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const history = await engine.db.selectFrom('pw_history').selectAll().where('entity_id', '=', id).orderBy('seq').execute();
  const outbox = await engine.db.selectFrom('pw_outbox').select('id').execute();
  return { row, history, outbox: outbox.length };
}


t.test('accepts exactly one of 20 concurrent decisions sent with the same expectedVersion', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  facts.application = green;
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      engine.applications.send(id, { type: i % 2 ? 'APPROVE' : 'REJECT', explanation: `决定 ${i}` }, unitOf(institutionId), {
        expectedVersion: 1,
      }),
    ),
  );
  const accepted = outcomes.filter((o) => o.status === 'fulfilled');
  const conflicts = outcomes.filter(
    (o) => o.status === 'rejected' && isWorkflowError(o.reason) && o.reason.code === 'VERSION_CONFLICT',
  );
  t.equal(accepted.length, 1, 'one accepted');
  t.equal(conflicts.length, 19, '19 VERSION_CONFLICT');
  const { row, history } = await footprint(engine, id);
  t.equal(row.version, 2);
  t.equal(history.length, 2, 'creation plus exactly one decision');
  t.equal(history[1]!.to_state, row.state, 'the state is the last history row');
});

t.test('returns the first result to 10 retries with one idempotency key and appends one history row', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  facts.application = green;
  const send = () =>
    engine.applications.send(id, { type: 'APPROVE', explanation: '同意' }, unitOf(institutionId), {
      idempotencyKey: 'key-approve-1',
      expectedVersion: 1,
    });
  const first = await send();
  const sequential = [];
  for (let i = 0; i < 5; i++) sequential.push(await send());
  const concurrent = await Promise.all(Array.from({ length: 4 }, send));
  for (const r of [...sequential, ...concurrent]) {
    t.same({ ...r, replayed: false }, first, 'same result as the first');
    t.equal(r.replayed, true);
  }
  const { history } = await footprint(engine, id);
  t.equal(history.length, 2, 'one decision in the history');
});

t.test('refuses a reused idempotency key for a different event and changes nothing', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  facts.application = green;
  await engine.applications.send(id, { type: 'APPROVE' }, unitOf(institutionId), { idempotencyKey: 'k' });
  const before = await footprint(engine, id);
  const error = await refusal(engine.applications.send(id, { type: 'REJECT', explanation: 'x' }, unitOf(institutionId), { idempotencyKey: 'k' }));
  t.equal(error.code, 'IDEMPOTENCY_KEY_REUSED');
  t.same(await footprint(engine, id), before);
});

t.test('creates one entity for concurrent creations retried with one idempotency key', async (t) => {
  const { engine, facts } = await testEngine(t);
  facts.institution = { red: false, alreadyRegistered: false };
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      engine.institutions.create({ type: 'REGISTER' }, { id: null, kind: 'public' }, { idempotencyKey: 'registration-42' }),
    ),
  );
  t.equal(new Set(results.map((r) => r.id)).size, 1, 'one id for every retry');
  t.equal(results.filter((r) => !r.replayed).length, 1, 'one of them did the work');
  const rows = await engine.db.selectFrom('pw_institutions').select('id').execute();
  t.equal(rows.length, 1);
});

t.test('every refusal leaves row, version, history and outbox unchanged and names its rule', async (t) => {
  const { engine, facts, clock } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const otherInstitution = await activatedInstitution(engine, facts);
  const unit = unitOf(institutionId);
  type Case = {
    name: string;
    facts?: Record<string, unknown>;
    event: WorkflowEvent;
    actor: Actor;
    options?: { expectedVersion?: number };
    code: string;
    rule?: string;
    details?: Record<string, unknown>;
    columns?: Record<string, unknown>;
    /** Moves the clock this far after creation, before the refused event. */
    advanceMs?: number;
  };
  const cases: Case[] = [
    { name: 'REPORT before any decision', event: { type: 'REPORT' }, actor: unit, code: 'INVALID_TRANSITION' },
    {
      name: 'APPROVE without explanation when the total duration is red',
      facts: { redOnTotalOrCurrent: true, redIndicatorCodes: ['totalDuration'] },
      event: { type: 'APPROVE' },
      actor: unit,
      code: 'EXPLANATION_REQUIRED',
      rule: 'explanationGivenWhenRed',
      details: { indicators: ['totalDuration'] },
    },
    {
      name: 'APPROVE with a blank explanation when the current teacher check is red',
      facts: { redOnTotalOrCurrent: true },
      event: { type: 'APPROVE', explanation: '   ' },
      actor: unit,
      code: 'EXPLANATION_REQUIRED',
      rule: 'explanationGivenWhenRed',
    },
    {
      name: 'APPROVE when another institution is red and has no paper certificate',
      facts: { redOnTotalOrCurrent: false, otherRedSegmentsWithoutPaper: ['s2'] },
      event: { type: 'APPROVE', explanation: '已核实' },
      actor: unit,
      code: 'PAPER_CERTIFICATE_REQUIRED',
      rule: 'paperCertificatesForOtherRedInstitutions',
      details: { segmentIds: ['s2'] },
    },
    { name: 'REJECT without explanation', event: { type: 'REJECT' }, actor: unit, code: 'EXPLANATION_REQUIRED', rule: 'explanationGiven' },
    { name: 'a unit decision sent by a district reviewer', event: { type: 'APPROVE' }, actor: district, code: 'FORBIDDEN', rule: 'role' },
    // Outside the caller's scope answers as a missing id would: existence is not revealed.
    { name: 'a decision by another institution', event: { type: 'APPROVE' }, actor: unitOf(otherInstitution), code: 'NOT_FOUND' },
    { name: 'a stale expectedVersion', event: { type: 'APPROVE' }, actor: unit, options: { expectedVersion: 7 }, code: 'VERSION_CONFLICT' },
    { name: 'an unknown event type', event: { type: 'FORCE_APPROVE' }, actor: unit, code: 'VALIDATION_FAILED' },
    { name: 'an unknown payload field', event: { type: 'APPROVE', state: 'closed.certified' }, actor: unit, code: 'VALIDATION_FAILED' },
    { name: 'an explanation that is not text', event: { type: 'REJECT', explanation: 42 as unknown as string }, actor: unit, code: 'VALIDATION_FAILED' },
    {
      name: 'APPROVE after the approval deadline',
      columns: { due_at: '2026-03-02T16:00:00.000Z' },
      advanceMs: 2 * 24 * 3600_000,
      event: { type: 'APPROVE', explanation: '同意' },
      actor: unit,
      code: 'DEADLINE_PASSED',
      rule: 'beforeDeadline',
    },
  ];
  for (const c of cases) {
    facts.application = {};
    const id = await pendingApplication(engine, institutionId, c.columns);
    facts.application = { ...green, ...c.facts };
    const before = await footprint(engine, id);
    clock.advance(c.advanceMs ?? 60_000);
    const error = await refusal(engine.applications.send(id, c.event, c.actor, c.options));
    t.equal(error.code, c.code, `${c.name}: ${c.code}`);
    if (c.rule) t.equal((error.details as { rule?: string }).rule, c.rule, `${c.name}: names rule ${c.rule}`);
    if (c.details) t.match(error.details, c.details, `${c.name}: details`);
    t.match(error.message, /[\u4e00-\u9fff]/, `${c.name}: Chinese message`);
    t.same(await footprint(engine, id), before, `${c.name}: nothing changed`);
  }
});

t.test('check answers as send would, on the same rules and facts, and writes nothing either way', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  const unit = unitOf(institutionId);
  facts.application = { ...green, redOnTotalOrCurrent: true, redIndicatorCodes: ['totalDuration'] };
  const before = await footprint(engine, id);
  t.match(await refusal(engine.applications.check(id, { type: 'APPROVE' }, unit)), { code: 'EXPLANATION_REQUIRED', details: { rule: 'explanationGivenWhenRed' } });
  t.match(await refusal(engine.applications.check(id, { type: 'APPROVE', explanation: '已核实' }, admin)), { code: 'FORBIDDEN', details: { rule: 'role' } });
  t.match(await refusal(engine.applications.check(id, { type: 'REPORT' }, unit)), { code: 'INVALID_TRANSITION' });
  t.equal((await refusal(engine.applications.check(id, { type: 'APPROVE', explanation: '已核实' }, unitOf(crypto.randomUUID())))).code, 'NOT_FOUND');
  await engine.applications.check(id, { type: 'APPROVE', explanation: '已核实' }, unit);
  t.same(await footprint(engine, id), before, 'neither the refusals nor the accepted check wrote anything');
  t.equal((await engine.applications.send(id, { type: 'APPROVE', explanation: '已核实' }, unit)).state, 'unitReview.approved');
});

t.test('reads outside the caller’s scope look exactly like a missing entity', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const otherInstitution = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  for (const [who, actor] of [
    ['another institution', unitOf(otherInstitution)],
    ['another candidate', candidate('candidate-2')],
  ] as const) {
    const error = await refusal(engine.applications.get(id, actor));
    t.equal(error.code, 'NOT_FOUND', who);
  }
  const missing = await refusal(engine.applications.get(crypto.randomUUID(), admin));
  t.equal(missing.code, 'NOT_FOUND');
  const malformed = await refusal(engine.applications.get('1; drop table pw_history', admin));
  t.equal(malformed.code, 'NOT_FOUND');
  t.equal((await engine.applications.get(id, candidate('candidate-1'))).state, 'unitReview.pending', 'the owner sees it');
});

t.test('read answers the object and its history in one statement, exactly as get and history do, with the same scope', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  const unit = unitOf(institutionId);
  facts.application = green;
  await engine.applications.send(id, { type: 'APPROVE', explanation: '审核通过' }, unit);
  await engine.applications.send(id, { type: 'RETURN', explanation: '请补充材料' }, unit);
  const { view, history } = await engine.applications.read(id, unit);
  t.same(view, await engine.applications.get(id, unit));
  t.same(history, await engine.applications.history(id, unit), 'the same entries, instants to the millisecond');
  t.same(history.map((h) => h.event), ['CREATE', 'APPROVE', 'RETURN']);
  t.match(history[1], { from: 'unitReview.pending', to: 'unitReview.approved', actorId: unit.id, actorRole: 'business', payload: { explanation: '审核通过' } });
  for (const [who, actor, target] of [
    ['another institution', unitOf(await activatedInstitution(engine, facts)), id],
    ['a missing id', admin, crypto.randomUUID()],
    ['a malformed id', admin, '1; drop table pw_history'],
  ] as const) {
    t.equal((await refusal(engine.applications.read(target, actor))).code, 'NOT_FOUND', who);
  }
});

t.test('decisions are re-editable until reported, and each edit is one history row', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  const unit = unitOf(institutionId);
  facts.application = green;
  const steps: [WorkflowEvent, string][] = [
    [{ type: 'APPROVE', explanation: '审核通过' }, 'unitReview.approved'],
    [{ type: 'APPROVE', explanation: '再次确认' }, 'unitReview.approved'],
    [{ type: 'REJECT', explanation: '审核不通过' }, 'unitReview.rejected'],
    [{ type: 'RETURN', explanation: '请补充材料' }, 'unitReview.returned'],
    [{ type: 'APPROVE' }, 'unitReview.approved'],
  ];
  for (const [event, state] of steps) {
    const result = await engine.applications.send(id, event, unit);
    t.equal(result.state, state, `${event.type} → ${state}`);
  }
  const view = await engine.applications.get(id, unit);
  t.equal(view.version, 6);
  t.match(view.context.decision, { type: 'APPROVE', explanation: null, actorId: unit.id });
  await engine.applications.send(id, { type: 'REPORT' }, unit);
  const error = await refusal(engine.applications.send(id, { type: 'REJECT', explanation: '改主意' }, unit));
  t.equal(error.code, 'INVALID_TRANSITION', 'no unit decision after the report');
});

t.test('writes notifications to the outbox in the transaction and delivers them after commit', async (t) => {
  const delivered: string[] = [];
  const { engine, facts } = await testEngine(t, {
    notifier: {
      async deliver(n) {
        delivered.push(n.topic);
      },
    },
  });
  facts.institution = { red: true, alreadyRegistered: false, accountNo: 'JG-9' };
  const { id } = await engine.institutions.create({ type: 'REGISTER' }, { id: null, kind: 'public' });
  const refused = await refusal(engine.institutions.send(id, { type: 'APPROVE' }, admin));
  t.equal(refused.code, 'REASON_REQUIRED', 'a red credit code needs a reason');
  t.equal((await engine.db.selectFrom('pw_outbox').select('id').execute()).length, 0, 'a refusal writes no notification');
  const approved = await engine.institutions.send(id, { type: 'APPROVE', reason: '早期试点代码' }, admin);
  t.equal(approved.state, 'approved');
  const rows = await engine.db.selectFrom('pw_outbox').selectAll().execute();
  t.equal(rows.length, 1);
  t.equal(rows[0]!.topic, 'institution.approved');
  t.equal(rows[0]!.entity_id, id);
  await engine.dispatchOutbox();
  t.same(delivered, ['institution.approved']);
  const after = await engine.db.selectFrom('pw_outbox').selectAll().execute();
  t.ok(after[0]!.dispatched_at, 'marked dispatched');
  await engine.dispatchOutbox();
  t.same(delivered, ['institution.approved'], 'not delivered twice');
});

t.test('keeps an undelivered notification in the outbox when the notifier fails', async (t) => {
  let fail = true;
  const delivered: number[] = [];
  const { engine, facts, clock } = await testEngine(t, {
    notifier: {
      async deliver(n) {
        if (fail) throw new Error('SMS gateway down');
        delivered.push(n.id);
      },
    },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  facts.institution = { red: false, alreadyRegistered: false, accountNo: 'JG-1' };
  const { id } = await engine.institutions.create({ type: 'REGISTER' }, { id: null, kind: 'public' });
  await engine.institutions.send(id, { type: 'APPROVE' }, admin);
  t.equal(await engine.dispatchOutbox(), 0);
  const pending = await engine.db.selectFrom('pw_outbox').selectAll().executeTakeFirstOrThrow();
  t.equal(pending.dispatched_at, null);
  t.ok(pending.attempts >= 1, 'the failed attempt is counted');
  t.ok(pending.next_attempt_at! > clock.now(), 'retried later, after a backoff');
  fail = false;
  clock.advance(2 * 3_600_000);
  await engine.dispatchOutbox();
  t.same(delivered, [pending.id], 'delivered once the notifier works again');
  const done = await engine.db.selectFrom('pw_outbox').selectAll().executeTakeFirstOrThrow();
  t.ok(done.dispatched_at, 'marked dispatched');
});

t.test('the deadline sweep closes every open application by its state, once', async (t) => {
  const { engine, facts, clock } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const unit = unitOf(institutionId);
  const due = { due_at: '2026-03-10T16:00:00.000Z' };
  facts.application = green;
  const certified = await pendingApplication(engine, institutionId, due);
  const rejected = await pendingApplication(engine, institutionId, due);
  const expired = await pendingApplication(engine, institutionId, due);
  const draft = (
    await engine.applications.create({ type: 'CREATE' }, candidate(), { columns: { candidate_id: 'candidate-1', ...due } })
  ).id;
  const later = await pendingApplication(engine, institutionId, { due_at: '2026-12-31T16:00:00.000Z' });
  for (const id of [certified, rejected]) {
    await engine.applications.send(id, { type: 'APPROVE' }, unit);
    await engine.applications.send(id, { type: 'REPORT' }, unit);
  }
  await engine.applications.send(certified, { type: 'DISTRICT_APPROVE' }, district);
  await engine.applications.send(rejected, { type: 'DISTRICT_REJECT', explanation: '证明不符' }, district);

  t.same(await engine.sweepDeadlines(), { closed: 0 }, 'nothing is due before the deadline');
  clock.set('2026-03-11T00:00:00.000Z');
  const late = await refusal(engine.applications.send(expired, { type: 'APPROVE' }, unit));
  t.equal(late.code, 'DEADLINE_PASSED', 'decisions are refused after the deadline');
  t.same(await engine.sweepDeadlines(), { closed: 4 });
  const stateOf = async (id: string) => (await engine.applications.get(id, admin)).state;
  t.equal(await stateOf(certified), 'closed.certified');
  t.equal(await stateOf(rejected), 'closed.rejectedByDistrict');
  t.equal(await stateOf(expired), 'closed.expired');
  t.equal(await stateOf(draft), 'closed.expired');
  t.equal(await stateOf(later), 'unitReview.pending', 'a later deadline is left alone');
  t.same(await engine.sweepDeadlines(), { closed: 0 }, 'a second sweep changes nothing');
  const history = await engine.applications.history(certified, admin);
  t.equal(history.at(-1)!.event, 'CLOSE');
  t.equal(history.at(-1)!.actorRole, 'system');
  const topics = (await engine.db.selectFrom('pw_outbox').select('topic').where('entity_type', '=', 'application').execute())
    .map((r) => r.topic)
    .sort();
  t.same(
    topics,
    ['application.certified', 'application.rejectedByDistrict', 'application.reportedByUnit', 'application.reportedByUnit'],
    'the two reports and the two closes the sweep made notify the candidates',
  );
});

t.test('stores the machine version with every row', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const row = await engine.db.selectFrom('pw_institutions').selectAll().where('id', '=', institutionId).executeTakeFirstOrThrow();
  t.equal(row.machine_version, engine.institutions.definition.machine.version);
  t.equal(row.version, 3);
});

t.test('effects run once the machine accepted the event, inside its transaction: a failing effect leaves nothing behind', async (t) => {
  const { engine, facts } = await testEngine(t);
  const id = await activatedInstitution(engine, facts);
  const ran: string[] = [];
  const deps = { db: engine.db, clock: engine.clock, scope: { within: engine.departments.within } };
  const base = engine.institutions.definition;
  const watching = createTransitionRunner(
    {
      ...base,
      effects: {
        ...base.effects,
        lockOutAccounts: async (args) => {
          ran.push(`${args.event.type} → ${args.state}`);
          await base.effects!.lockOutAccounts!(args);
        },
      },
    },
    deps,
  );
  // Refused by the machine (no reason): the effect does not run.
  t.match(await refusal(watching.send(id, { type: 'DISABLE' }, admin)), { code: 'REASON_REQUIRED' });
  t.same(ran, [], 'a refused event runs no effect');
  await watching.send(id, { type: 'DISABLE', reason: '整改' }, admin);
  t.same(ran, ['DISABLE → disabled'], 'an accepted event runs the effect its transition names');
  const locked = await engine.db.selectFrom('pw_accounts').select('disabled').where('institution_id', '=', id).execute();
  t.ok(locked.length > 0 && locked.every((a) => a.disabled), 'the effect wrote: the institution\'s accounts are locked out');

  const failing = createTransitionRunner({ ...base, effects: { ...base.effects, letAccountsIn: async () => { throw new Error('effect failed'); } } }, deps);
  const before = await engine.db.selectFrom('pw_history').select('seq').where('entity_id', '=', id).execute();
  await t.rejects(failing.send(id, { type: 'ENABLE' }, admin), /effect failed/);
  const row = await engine.db.selectFrom('pw_institutions').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  t.equal(row.state, 'disabled', 'the row did not move');
  t.equal((await engine.db.selectFrom('pw_history').select('seq').where('entity_id', '=', id).execute()).length, before.length, 'no history row');
});

t.test('every write of the onboarding machines runs through an effect the machine names, not through the facts providers', async (t) => {
  const { engine } = await testEngine(t);
  t.same(Object.keys(engine.institutions.definition.effects ?? {}).sort(), ['activateLogin', 'letAccountsIn', 'lockOutAccounts', 'openMainAccount', 'renewActivationCode', 'storeRegistration']);
  t.same(Object.keys(engine.businessAccounts.definition.effects ?? {}).sort(), ['activateLogin', 'letAccountIn', 'lockOutAccount', 'openBusinessAccount', 'renewActivationCode']);
});

t.test('the one write of a command writes nothing at all, not even its history, audit or outbox rows, when the row moved on', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  const before = await footprint(engine, id);
  const audits = async () => (await engine.db.selectFrom('pw_audit').select('id').execute()).length;
  const auditsBefore = await audits();
  const now = new Date();
  // A COMMIT may already be on the wire behind this statement: it must not keep half of it.
  const { written } = await engine.db.transaction().execute((trx) =>
    writeTransition(trx, {
      table: 'pw_applications',
      entity: { update: { state: 'unitReview.approved', version: before.row.version + 1 }, id, version: before.row.version + 7 },
      history: { entity_type: 'application', entity_id: id, seq: before.row.version + 1, from_state: before.row.state, to_state: 'unitReview.approved', event_type: 'APPROVE', payload: '{}', actor_role: 'business', result: '{}', created_at: now },
      audit: { at: now, actor_kind: 'business', action: 'event.application.APPROVE', subject_type: 'application', subject_id: id, detail: '{}' },
      outbox: [1, 2].map((n) => ({ topic: `t${n}`, entity_type: 'application', entity_id: id, payload: '{}', created_at: now })),
    }),
  );
  t.equal(written, 0, 'no row matched the stale version');
  t.same(await footprint(engine, id), before, 'row, history and outbox unchanged');
  t.equal(await audits(), auditsBefore, 'no audit row');
});

t.test('a history row keeps the command’s answer only when a retry could ask for it again (an idempotency key)', async (t) => {
  const { engine, facts } = await testEngine(t);
  const institutionId = await activatedInstitution(engine, facts);
  const id = await pendingApplication(engine, institutionId);
  facts.application = green;
  const unit = unitOf(institutionId);
  await engine.applications.send(id, { type: 'REJECT', explanation: '材料不全' }, unit);
  const first = await engine.applications.send(id, { type: 'APPROVE', explanation: '已核实' }, unit, { idempotencyKey: 'approve-once' });
  const rows = await engine.db.selectFrom('pw_history').select(['seq', 'event_type', 'result']).where('entity_id', '=', id).where('seq', '>', 1).orderBy('seq').execute();
  t.same(rows.map((r) => [r.event_type, r.result === null]), [['REJECT', true], ['APPROVE', false]], 'no key: no stored answer; a key: the answer');
  const again = await engine.applications.send(id, { type: 'APPROVE', explanation: '已核实' }, unit, { idempotencyKey: 'approve-once' });
  t.same(again, { ...first, replayed: true }, 'the retry gets the first answer back');
});
