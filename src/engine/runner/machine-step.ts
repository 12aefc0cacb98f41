import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

/** One step of a machine: the next snapshot and the actions it asks for, none of them executed. */
export type MachineStep = (snapshot: AnyMachineSnapshot, event: EventObject) => [AnyMachineSnapshot, { type: string; params?: unknown }[]];

const steps = new WeakMap<AnyStateMachine, MachineStep>();

/**
 * XState's pure `transition(machine, snapshot, event)`, with the inert actor scope built once per
 * machine instead of on every call. `transition` builds a new actor for each step (and that actor
 * computes the machine's initial snapshot): about half of the step's cost on the engine's hot
 * path, for a scope whose every member but the action collector is a no-op. Sharing it is safe
 * because a step is synchronous (the collector is swapped for the duration of one call) and the
 * engine's machines never spawn, invoke or emit: nothing is registered in the shared actor system.
 *
 * @example
 * const step = machineStep(applicationMachine);
 * const [next, actions] = step(snapshot, { type: 'APPROVE', explanation: '已核实', … });
 */
export function machineStep(machine: AnyStateMachine): MachineStep {
  let step = steps.get(machine);
  if (step === undefined) {
    step = createStep(machine);
    steps.set(machine, step);
  }
  return step;
}

function createStep(machine: AnyStateMachine): MachineStep {
  const self = createActor(machine);
  let collected: { type: string; params?: unknown }[] | undefined;
  // The members of xstate's own inert scope (createInertActorScope), with the same no-ops.
  const scope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: (action: { type: string; params?: unknown }) => {
      collected?.push(action);
    },
  } as unknown as AnyActorScope;
  return (snapshot, event) => {
    const actions: { type: string; params?: unknown }[] = [];
    collected = actions;
    try {
      return [machine.transition(snapshot, event, scope) as AnyMachineSnapshot, actions];
    } finally {
      collected = undefined;
    }
  };
}
