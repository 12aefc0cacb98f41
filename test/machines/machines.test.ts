import t from 'tap';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import {
  eventMeta,
  fromDotted,
  guardNames,
  isFinalState,
  leafStates,
  machineMeta,
  stateLabel,
  stateNodes,
  statesAccepting,
  statesTagged,
  toDotted,
} from '../../machines/shared/introspect.js';
import { applicationMachine, applicationRules, businessAccountRules, institutionRules, machines } from '../../machines/index.js';
import { roles } from '../../machines/shared/types.js';

const rulesOf: Record<string, Record<string, unknown>> = {
  institution: institutionRules,
  businessAccount: businessAccountRules,
  application: applicationRules,
};
const now = '2026-03-01T08:00:00.000Z';
const unit = { id: 'b1', kind: 'business' as const };

for (const [name, machine] of Object.entries(machines) as [string, AnyStateMachine][]) {
  t.test(`${name}: every state has a Chinese and an English label`, async (t) => {
    for (const { path, node } of stateNodes(machine)) {
      const label = (node.meta as { label?: { zh?: string; en?: string } } | undefined)?.label;
      t.match(label?.zh, /[\u4e00-\u9fff]/, `${path} zh`);
      t.match(label?.en, /\w/, `${path} en`);
    }
  });

  t.test(`${name}: every event a transition uses has labels and known roles`, async (t) => {
    const used = new Set<string>();
    for (const { node } of stateNodes(machine)) for (const type of node.transitions.keys()) used.add(type);
    t.same([...used].sort(), Object.keys(machineMeta(machine).events).sort(), 'metadata lists exactly the events in use');
    for (const type of used) {
      const meta = eventMeta(machine, type)!;
      t.match(meta.label.zh, /[\u4e00-\u9fff]/, `${type} zh`);
      t.ok(meta.roles.length > 0 && meta.roles.every((r) => roles.includes(r)), `${type} roles`);
    }
  });

  t.test(`${name}: every guard is a named rule that can explain a refusal`, async (t) => {
    for (const { path, node } of stateNodes(machine)) {
      for (const [type, transitions] of node.transitions) {
        for (const tr of transitions) {
          for (const g of guardNames(tr.guard)) t.ok(rulesOf[name]![g], `${path} ${type} guard ${g} is in the rule registry`);
        }
      }
    }
  });

  t.test(`${name}: dotted paths round-trip through state values`, async (t) => {
    for (const { path, node } of stateNodes(machine)) {
      if (Object.keys(node.states).length === 0) t.equal(toDotted(fromDotted(path)), path);
    }
  });
}

t.test('the application machine accepts a changed unit decision from every unitReview sub-state', async (t) => {
  for (const sub of ['pending', 'approved', 'rejected', 'returned']) {
    const snapshot = applicationMachine.resolveState({ value: { unitReview: sub }, context: initialTransition(applicationMachine)[0].context });
    for (const [type, target] of [
      ['APPROVE', 'unitReview.approved'],
      ['REJECT', 'unitReview.rejected'],
      ['RETURN', 'unitReview.returned'],
    ] as const) {
      const event = { type, explanation: '说明', actor: unit, now, facts: {} };
      t.ok(snapshot.can(event), `${type} from unitReview.${sub}`);
      const [next] = transition(applicationMachine, snapshot, event);
      t.equal(toDotted(next.value), target);
      t.equal(next.context.decision?.type, type, 'the decision is recorded');
    }
  }
});

t.test('the application machine closes each state into the right final state', async (t) => {
  const cases: [string, string][] = [
    ['draft', 'closed.expired'],
    ['unitReview.pending', 'closed.expired'],
    ['unitReview.approved', 'closed.expired'],
    ['districtReview.pending', 'closed.expired'],
    ['districtReview.approved', 'closed.certified'],
    ['districtReview.rejected', 'closed.rejectedByDistrict'],
  ];
  for (const [from, to] of cases) {
    const snapshot = applicationMachine.resolveState({ value: fromDotted(from), context: initialTransition(applicationMachine)[0].context });
    const [next] = transition(applicationMachine, snapshot, { type: 'CLOSE', actor: { id: null, kind: 'system' }, now });
    t.equal(toDotted(next.value), to, `${from} → ${to}`);
    t.ok(isFinalState(applicationMachine, to));
  }
});

t.test('the application machine refuses everything but CLOSE once the deadline has passed', async (t) => {
  const snapshot = applicationMachine.resolveState({ value: { unitReview: 'pending' }, context: initialTransition(applicationMachine)[0].context });
  const late = { deadlinePassed: true };
  t.notOk(snapshot.can({ type: 'APPROVE', actor: unit, now, facts: late }));
  t.notOk(snapshot.can({ type: 'WITHDRAW', actor: { id: 'c', kind: 'candidate' }, now, facts: late }));
  t.ok(snapshot.can({ type: 'CLOSE', actor: { id: null, kind: 'system' }, now, facts: late }));
});

t.test('sub-state labels name their parent where the leaf alone is ambiguous', async (t) => {
  t.equal(stateLabel(applicationMachine, 'unitReview.pending'), '单位审核·待审核');
  t.equal(stateLabel(applicationMachine, 'districtReview.pending'), '考区审核·待审核');
  t.equal(stateLabel(applicationMachine, 'draft'), '草稿');
  t.equal(stateLabel(applicationMachine, 'unitReview.approved', 'en'), 'Unit review / Approved');
});

t.test('groups of states come from the machine: the states accepting an event, and the states carrying a tag', async (t) => {
  t.same(statesAccepting(applicationMachine, 'REPORT'), ['unitReview.approved', 'unitReview.rejected'], 'the batch report sends REPORT to the unit decisions not yet reported');
  t.same(statesAccepting(applicationMachine, 'EDIT'), ['draft', 'unitReview.returned']);
  t.same(statesAccepting(applicationMachine, 'DISTRICT_APPROVE'), ['districtReview.pending', 'districtReview.approved', 'districtReview.rejected'], 'an event on a parent state is accepted in every leaf below it');
  t.same(statesTagged(applicationMachine, 'reported'), [
    'districtReview.pending', 'districtReview.approved', 'districtReview.rejected', 'closed.certified', 'closed.rejectedByUnit', 'closed.rejectedByDistrict',
  ]);
  t.same(statesTagged(applicationMachine, 'decidedByUnit'), ['unitReview.approved', 'unitReview.rejected', 'unitReview.returned', ...statesTagged(applicationMachine, 'reported')]);
  t.same(statesTagged(applicationMachine, 'withdrawn'), ['closed.withdrawn']);
  t.notOk(leafStates(applicationMachine).includes('none'), 'the absent initial state is no leaf a row can be in');
  t.same(statesTagged(applicationMachine, 'no-such-tag'), []);
});
