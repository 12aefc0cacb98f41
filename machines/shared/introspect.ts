import type { AnyStateMachine, AnyStateNode, StateValue } from 'xstate';
import type { EventMeta, Label, MachineMeta, StateMeta } from './types.js';

/**
 * Reading machine definitions as data: dotted state paths, labels, guard
 * names. Used by the engine (persistence, refusals), the diagram generator
 * and the HTTP adapter, so all three describe a machine the same way.
 */

/**
 * Dotted path of a state value: `{ unitReview: 'pending' }` → `unitReview.pending`.
 *
 * @example
 * toDotted({ unitReview: 'pending' }); // 'unitReview.pending'
 */
export function toDotted(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined) throw new Error('empty state value');
  return child === undefined ? key : `${key}.${toDotted(child as StateValue)}`;
}

/**
 * State value of a dotted path: `unitReview.pending` → `{ unitReview: 'pending' }`.
 *
 * @example
 * fromDotted('unitReview.pending'); // { unitReview: 'pending' }
 */
export function fromDotted(path: string): StateValue {
  const parts = path.split('.');
  let value: StateValue = parts.pop()!;
  while (parts.length > 0) value = { [parts.pop()!]: value };
  return value;
}

/**
 * Every state node of a machine with its dotted path, parents before children.
 *
 * @example
 * stateNodes(applicationMachine).map((s) => s.path); // ['none', 'draft', 'unitReview', 'unitReview.pending', …]
 */
export function stateNodes(machine: AnyStateMachine): { path: string; node: AnyStateNode }[] {
  const out: { path: string; node: AnyStateNode }[] = [];
  const walk = (node: AnyStateNode, prefix: string) => {
    for (const [key, child] of Object.entries(node.states) as [string, AnyStateNode][]) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push({ path, node: child });
      walk(child, path);
    }
  };
  walk(machine.root, '');
  return out;
}

/** The node at a dotted path, or undefined for a path the machine does not have. */
export function stateNodeAt(machine: AnyStateMachine, path: string): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = machine.root;
  for (const key of path.split('.')) {
    node = node?.states[key] as AnyStateNode | undefined;
  }
  return node;
}

/** Labels of a state; a compound state's leaf gets its own label. */
export function stateMeta(machine: AnyStateMachine, path: string): StateMeta {
  const meta = stateNodeAt(machine, path)?.meta as StateMeta | undefined;
  if (!meta) throw new Error(`machine ${machine.id} has no state ${path}`);
  return meta;
}

/**
 * The Chinese label of a state; for a sub-state the parent's label is kept
 * in front where the leaf alone would be ambiguous (待审核 in two places).
 *
 * @example
 * stateLabel(applicationMachine, 'districtReview.pending'); // '考区审核·待审核'
 */
export function stateLabel(machine: AnyStateMachine, path: string, lang: keyof Label = 'zh'): string {
  const parts = path.split('.');
  const leaf = stateMeta(machine, path).label[lang];
  if (parts.length === 1) return leaf;
  const parent = stateMeta(machine, parts.slice(0, -1).join('.')).label[lang];
  return lang === 'zh' ? `${parent}·${leaf}` : `${parent} / ${leaf}`;
}

/** True when the dotted path names a final state. */
export function isFinalState(machine: AnyStateMachine, path: string): boolean {
  return stateNodeAt(machine, path)?.type === 'final';
}

/** The machine's root metadata: its label and the events with their labels and roles. */
export function machineMeta(machine: AnyStateMachine): MachineMeta {
  const meta = machine.root.meta as MachineMeta | undefined;
  if (!meta?.events) throw new Error(`machine ${machine.id} carries no event metadata`);
  return meta;
}

/** Metadata of one event type, or undefined when the machine has no such event. */
export function eventMeta(machine: AnyStateMachine, type: string): EventMeta | undefined {
  return Object.hasOwn(machineMeta(machine).events, type) ? machineMeta(machine).events[type] : undefined;
}

/**
 * The named guards a transition's guard is made of, flattening `and([...])`.
 *
 * @example
 * guardNames(and(['beforeDeadline', 'explanationGiven'])); // ['beforeDeadline', 'explanationGiven']
 */
export function guardNames(guard: unknown): string[] {
  if (guard === undefined || guard === null) return [];
  if (typeof guard === 'string') return [guard];
  const nested = (guard as { guards?: unknown[] }).guards;
  if (Array.isArray(nested)) return nested.flatMap(guardNames);
  const type = (guard as { type?: unknown }).type;
  if (typeof type === 'string') return [type];
  return ['inline'];
}

/**
 * The leaf states (dotted paths) in which the machine accepts an event: the
 * leaf or one of its ancestors has a transition for it. The machine is the
 * only place that says so; lists and batch commands ask here instead of
 * naming states.
 *
 * @example
 * statesAccepting(applicationMachine, 'REPORT'); // ['unitReview.approved', 'unitReview.rejected']
 */
export function statesAccepting(machine: AnyStateMachine, eventType: string): string[] {
  return leafStates(machine).filter((path) => {
    const keys = path.split('.');
    return keys.some((_, i) => {
      const node = stateNodeAt(machine, keys.slice(0, i + 1).join('.'));
      return node !== undefined && Object.hasOwn(node.config.on ?? {}, eventType);
    });
  });
}

/**
 * The leaf states (dotted paths) carrying a tag, on themselves or on an
 * ancestor (XState `tags`): how the machine names a group of states such as
 * "decided by the unit" or "reported".
 *
 * @example
 * statesTagged(applicationMachine, 'reported'); // ['districtReview.pending', …, 'closed.certified']
 */
export function statesTagged(machine: AnyStateMachine, tag: string): string[] {
  return leafStates(machine).filter((path) => {
    const keys = path.split('.');
    return keys.some((_, i) => stateNodeAt(machine, keys.slice(0, i + 1).join('.'))?.tags.includes(tag));
  });
}

/** Every leaf state a row can be in (dotted paths), without the `absent` initial state. */
export function leafStates(machine: AnyStateMachine): string[] {
  return stateNodes(machine)
    .filter(({ node }) => Object.keys(node.states).length === 0 && !(node.meta as StateMeta | undefined)?.absent)
    .map(({ path }) => path);
}
