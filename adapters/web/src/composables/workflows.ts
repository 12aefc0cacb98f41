import { shallowRef } from 'vue';
import { api, unwrap, type Schemas } from '../api/client';

type Workflow = Schemas['Workflow'];
const cache = new Map<string, Promise<Workflow>>();

/**
 * A machine's description (states with labels, events with roles, the Mermaid diagram) from
 * GET /workflows/:name, fetched once per page load.
 *
 * @example
 * const workflow = useWorkflow('application');
 */
export function useWorkflow(name: 'application' | 'institution' | 'businessAccount') {
  const workflow = shallowRef<Workflow | null>(null);
  let pending = cache.get(name);
  if (!pending) {
    pending = unwrap(api.GET('/api/v1/workflows/{name}', { params: { path: { name } } }));
    cache.set(name, pending);
    pending.catch(() => cache.delete(name));
  }
  pending.then((w) => (workflow.value = w)).catch(() => undefined);
  return workflow;
}

/** The states a list can be filtered by: the machine's leaf states that exist as rows, with their labels. */
export function filterableStates(workflow: Workflow | null): { value: string; label: string }[] {
  if (!workflow) return [];
  const parents = new Set(workflow.states.map((s) => s.path.split('.').slice(0, -1).join('.')).filter(Boolean));
  return workflow.states
    .filter((s) => !s.absent && !parents.has(s.path))
    .map((s) => {
      const parent = workflow.states.find((p) => s.path.startsWith(`${p.path}.`));
      return { value: s.path, label: parent ? `${parent.label.zh}·${s.label.zh}` : s.label.zh };
    });
}

/**
 * The events a role may send from a state, read off the machine's own diagram (`from --> to : EVENT …`,
 * a parent state's edges included) and its event roles. For objects whose API answer carries no
 * `allowedEvents` (institutions, business accounts); the engine still judges every command.
 *
 * @example
 * eventsFrom(workflow, 'applied', 'district'); // APPROVE, REJECT, RETURN
 */
export function eventsFrom(workflow: Workflow | null, state: string, role: string): { type: string; label: string }[] {
  if (!workflow) return [];
  const ids = state.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('_'));
  const types = new Set<string>();
  for (const match of workflow.mermaid.matchAll(/^\s*(\S+) --> \S+ : (\w+)/gm)) {
    if (ids.includes(match[1]!)) types.add(match[2]!);
  }
  return workflow.events.filter((e) => types.has(e.type) && e.roles.includes(role)).map((e) => ({ type: e.type, label: e.label.zh }));
}
