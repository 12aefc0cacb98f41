import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { eventMeta, guardNames, machineMeta, stateNodes } from '../../machines/shared/introspect.js';
import type { StateMeta } from '../../machines/shared/types.js';

/**
 * Guards so common that naming them on every edge would hide the ones that
 * matter; the diagram states them once in a comment and docs/workflows.md
 * in prose.
 */
export const foldedGuards = ['beforeDeadline'] as const;

const mermaidId = (path: string) => path.replaceAll('.', '_');
const pathOf = (node: AnyStateNode) => node.path.join('.');
const quote = (text: string) => text.replaceAll('"', "'");

/**
 * Renders a machine as a Mermaid stateDiagram-v2: states with their Chinese
 * labels, every transition with its event (type and Chinese label) and the
 * names of the guards that can refuse it. A transition declared on a
 * compound state and targeting its own sub-state (the re-editable decisions)
 * is drawn from each sub-state, because that is what it means.
 *
 * @example
 * const text = toMermaid(applicationMachine);
 * // stateDiagram-v2
 * //   state "草稿" as draft
 * //   draft --> unitReview_pending : SUBMIT 提交 [projectOpen]
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines: string[] = ['stateDiagram-v2'];
  const folded = new Set<string>(foldedGuards);
  const usesFolded = new Set<string>();

  const edgeLabel = (eventType: string, guard: unknown) => {
    const names = guardNames(guard);
    for (const n of names) if (folded.has(n)) usesFolded.add(n);
    const shown = names.filter((n) => !folded.has(n));
    const zh = eventMeta(machine, eventType)?.label.zh ?? '';
    return `${eventType} ${zh}${shown.length ? ` [${shown.join(', ')}]` : ''}`.replaceAll(':', '：');
  };

  // A compound state's initial marker only matters when something enters the
  // compound state itself; `closed` is only ever entered at a named child.
  const enteredDirectly = new Set<string>();
  for (const { node } of stateNodes(machine)) {
    for (const transitions of node.transitions.values()) {
      for (const t of transitions) for (const target of (t.target ?? []) as AnyStateNode[]) enteredDirectly.add(pathOf(target));
    }
  }

  const renderNode = (node: AnyStateNode, indent: string) => {
    const path = pathOf(node);
    const label = quote((node.meta as StateMeta).label.zh);
    const children = Object.values(node.states) as AnyStateNode[];
    if (children.length === 0) {
      lines.push(`${indent}state "${label}" as ${mermaidId(path)}`);
      return;
    }
    lines.push(`${indent}state "${label}" as ${mermaidId(path)} {`);
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (initial && enteredDirectly.has(path)) lines.push(`${indent}  [*] --> ${mermaidId(pathOf(initial))}`);
    for (const child of children) renderNode(child, `${indent}  `);
    lines.push(`${indent}}`);
  };

  for (const child of Object.values(machine.root.states) as AnyStateNode[]) renderNode(child, '  ');
  const initial = machine.root.initial?.target?.[0] as AnyStateNode | undefined;
  if (initial) lines.push(`  [*] --> ${mermaidId(pathOf(initial))}`);

  for (const { node } of stateNodes(machine)) {
    const sourcePath = pathOf(node);
    for (const [eventType, transitions] of node.transitions) {
      for (const t of transitions) {
        for (const target of (t.target ?? [node]) as AnyStateNode[]) {
          const targetPath = pathOf(target);
          const inside = targetPath.startsWith(`${sourcePath}.`);
          const sources = inside
            ? (Object.values(node.states) as AnyStateNode[]).map(pathOf)
            : [sourcePath];
          for (const source of sources) {
            lines.push(`  ${mermaidId(source)} --> ${mermaidId(targetPath)} : ${edgeLabel(eventType, t.guard)}`);
          }
        }
      }
    }
    if (node.type === 'final') lines.push(`  ${mermaidId(sourcePath)} --> [*]`);
  }
  for (const name of usesFolded) lines.splice(1, 0, `  %% every transition except CLOSE is also guarded by ${name}`);
  return lines.join('\n');
}

/** A machine described as data, for GET /workflows/:name and the docs. */
export interface WorkflowDescription {
  name: string;
  label: { zh: string; en: string };
  version: string;
  states: { path: string; label: { zh: string; en: string }; type: string; absent: boolean }[];
  events: { type: string; label: { zh: string; en: string }; roles: string[]; description?: string }[];
  mermaid: string;
}

/**
 * Describes a machine: its states and events with labels and roles, and its
 * Mermaid diagram.
 *
 * @example
 * describeWorkflow('application', applicationMachine).events.find((e) => e.type === 'APPROVE')?.roles; // ['business']
 */
export function describeWorkflow(name: string, machine: AnyStateMachine): WorkflowDescription {
  const meta = machineMeta(machine);
  return {
    name,
    label: meta.label,
    version: machine.version ?? '1',
    states: stateNodes(machine).map(({ path, node }) => ({
      path,
      label: (node.meta as StateMeta).label,
      type: node.type,
      absent: (node.meta as StateMeta).absent === true,
    })),
    events: Object.entries(meta.events).map(([type, e]) => ({
      type,
      label: e.label,
      roles: [...e.roles],
      ...(e.description ? { description: e.description } : {}),
    })),
    mermaid: toMermaid(machine),
  };
}
