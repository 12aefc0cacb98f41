import t from 'tap';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { machines } from '../../machines/index.js';
import { fromDotted, leafStates, machineMeta } from '../../machines/shared/introspect.js';
import { roles } from '../../machines/shared/types.js';
import { machineStep } from '../../src/engine/runner/machine-step.js';

// Every fact a guard of any machine reads, all set one way: with each way and with none, every
// guard of every machine takes both of its branches somewhere below.
const factVariants = [
  {},
  {
    deadlinePassed: true,
    projectOpen: true,
    redOnTotalOrCurrent: true,
    redIndicatorCodes: ['TOTAL_DURATION_SHORT'],
    otherRedSegmentsWithoutPaper: ['s1'],
    paperSegment: 'other',
    institutionActive: true,
    accountNo: '420100000001',
    activationCodeValid: true,
    red: true,
    alreadyRegistered: true,
    queryCodeVerified: true,
  },
  {
    deadlinePassed: false,
    projectOpen: false,
    redOnTotalOrCurrent: false,
    redIndicatorCodes: [],
    otherRedSegmentsWithoutPaper: [],
    paperSegment: 'current',
    institutionActive: false,
    activationCodeValid: false,
    red: false,
    alreadyRegistered: false,
    queryCodeVerified: false,
  },
];

const outcome = (result: [AnyMachineSnapshot, { type: string; params?: unknown }[]]) => ({
  value: result[0].value,
  context: result[0].context,
  status: result[0].status,
  actions: result[1].map((a) => ({ type: a.type, params: a.params })),
});

/** Every (state, event, role, facts) of a machine, as snapshot and machine event. */
function* commands(machine: AnyStateMachine) {
  const [initial] = initialTransition(machine);
  for (const state of leafStates(machine)) {
    for (const type of Object.keys(machineMeta(machine).events)) {
      for (const kind of roles) {
        for (const facts of factVariants) {
          for (const explanation of [undefined, '已核实']) {
            const snapshot = machine.resolveState({ value: fromDotted(state), context: initial.context });
            const event = { type, actor: { id: null, kind }, now: '2026-12-07T08:00:00.000Z', facts, ...(explanation ? { explanation } : {}) };
            yield { state, snapshot, event };
          }
        }
      }
    }
  }
}

t.test('steps every machine exactly as xstate transition does, in every state, for every event, role and facts', async (t) => {
  for (const [name, one] of Object.entries(machines)) {
    const machine: AnyStateMachine = one;
    const step = machineStep(machine);
    let compared = 0;
    let withActions = 0;
    for (const { state, snapshot, event } of commands(machine)) {
      const expected = outcome(transition(machine, snapshot, event));
      const actual = outcome(step(snapshot, event));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        t.same(actual, expected, `${name}: ${state} + ${event.type} by ${event.actor.kind}`);
        return;
      }
      compared++;
      if (expected.actions.length > 0) withActions++;
    }
    t.ok(compared > 100, `${name}: ${compared} commands compared`);
    // The comparison means something only where the machine asks for actions.
    t.ok(withActions > 0, `${name}: ${withActions} of them ask for actions`);
  }
});

t.test('returns only the actions of its own step, never those of an earlier one', async (t) => {
  const machine: AnyStateMachine = machines.application;
  const step = machineStep(machine);
  const asking = [...commands(machine)].find(({ snapshot, event }) => transition(machine, snapshot, event)[1].length > 0);
  const silent = [...commands(machine)].find(({ snapshot, event }) => {
    const [next, actions] = transition(machine, snapshot, event);
    return next === snapshot && actions.length === 0;
  });
  t.ok(asking && silent, 'a step with actions and a refused one exist');
  const first = step(asking!.snapshot, asking!.event);
  t.ok(first[1].length > 0);
  const second = step(silent!.snapshot, silent!.event);
  t.equal(second[0], silent!.snapshot, 'a refused step returns the snapshot it was given');
  t.same(second[1], [], 'and no action');
  t.equal(first[1].length, transition(machine, asking!.snapshot, asking!.event)[1].length, 'the first step kept its own actions');
});

t.test('builds the step once per machine', async (t) => {
  t.equal(machineStep(machines.application), machineStep(machines.application));
  t.not(machineStep(machines.application), machineStep(machines.institution));
});
