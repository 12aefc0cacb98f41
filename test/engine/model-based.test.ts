import t from 'tap';
import { getSimplePaths } from 'xstate/graph';
import type { AnyStateMachine } from 'xstate';
import { stateNodes, toDotted } from '../../machines/shared/introspect.js';
import { machines } from '../../machines/index.js';
import { createEngine, type Engine } from '../../src/create-engine.js';
import type { Actor } from '../../src/engine/actor.js';
import type { WorkflowName } from '../../src/engine/workflow-definition.js';
import type { WorkflowEvent } from '../../src/engine/transition-runner.js';
import { openTestDatabase } from '../helpers/database.js';
import { testDepartments } from '../helpers/engine.js';
import {
  applicationModelEvents,
  businessAccountModelEvents,
  institutionModelEvents,
  machineEvent,
  type ModelEvent,
} from '../helpers/model-events.js';

// Every simple path of every machine (xstate/graph) is replayed through the
// transition runner against the database; after each step the persisted
// state, version and the whole history must be exactly what the path says.

const database = await openTestDatabase(t);
let facts: Record<string, unknown> = {};
const engine: Engine = await createEngine({
  db: database,
  facts: { institution: async () => facts, businessAccount: async () => facts, application: async () => facts },
});
t.teardown(() => engine.close());
await engine.db.insertInto('pw_departments').values(testDepartments.map((d) => ({ ...d }))).execute();

const eventSets: Record<WorkflowName, ModelEvent[]> = {
  institution: institutionModelEvents,
  businessAccount: businessAccountModelEvents,
  application: applicationModelEvents,
};

const byMachineEvent = (set: ModelEvent[], event: Record<string, unknown>) => set.find((e) => e.variant === event.variant)!;

async function activatedInstitution(): Promise<string> {
  const admin: Actor = { id: 'admin-1', kind: 'admin' };
  facts = { red: false, alreadyRegistered: false };
  const { id } = await engine.institutions.create({ type: 'REGISTER' }, { id: null, kind: 'public' }, { columns: { department_id: '420102' } });
  facts = { accountNo: 'JG-1' };
  await engine.institutions.send(id, { type: 'APPROVE' }, admin);
  facts = { activationCodeValid: true };
  await engine.institutions.send(id, { type: 'ACTIVATE' }, { id: null, kind: 'public' });
  return id;
}

const actorFor = (role: ModelEvent['role'], institutionId: string): Actor => ({
  id: role === 'public' || role === 'system' ? null : `${role}-1`,
  kind: role,
  institutionId,
  businessCode: '19',
  departmentId: '420000',
});

for (const [name, machine] of Object.entries(machines) as [WorkflowName, AnyStateMachine][]) {
  const set = eventSets[name];
  const paths = getSimplePaths(machine, {
    events: set.map(machineEvent) as never,
    // The institution's guards read `red` from the context, so it is part of
    // the traversal's state; elsewhere the value alone decides what is possible.
    serializeState: (s) => JSON.stringify(name === 'institution' ? [s.value, s.context.red] : s.value),
  });
  const reached = new Set(paths.map((p) => toDotted(p.state.value)));

  t.test(`${name}: the traversal reaches every leaf state of the machine`, async (t) => {
    const leaves = stateNodes(machine).filter(({ node }) => Object.keys(node.states).length === 0);
    t.ok(leaves.length > 1);
    for (const { path } of leaves) t.ok(reached.has(path), `reaches ${path}`);
  });

  t.test(`${name}: every one of ${paths.length} simple paths persists the state and history it describes`, async (t) => {
    let steps = 0;
    for (const path of paths) {
      if (path.steps.length === 0) continue;
      const institutionId = name === 'institution' ? '' : await activatedInstitution();
      let id: string | undefined;
      const expected: { from: string | null; to: string; event: string; actorRole: string }[] = [];
      for (const step of path.steps) {
        // The traversal starts with XState's own init event; the entity is born at the first real event.
        if ((step.event as { type: string }).type.startsWith('xstate.')) continue;
        const model = byMachineEvent(set, step.event as Record<string, unknown>);
        const actor = actorFor(model.role, institutionId);
        const payload: WorkflowEvent = { type: model.type };
        if (model.explanation !== undefined) payload.explanation = model.explanation;
        if (model.reason !== undefined) payload.reason = model.reason;
        facts = model.facts;
        const from: string | null = id === undefined ? null : expected.at(-1)!.to;
        const result =
          id === undefined
            ? await engine.workflows[name].create(payload, actor, {
                columns:
                  name === 'businessAccount'
                    ? { institution_id: institutionId, business_code: '19', department_id: '420102' }
                    : name === 'application'
                      ? { institution_id: institutionId, candidate_id: 'candidate-1', department_id: '420102' }
                      : { department_id: '420102' },
              })
            : await engine.workflows[name].send(id, payload, actor, { expectedVersion: expected.length });
        id = result.id;
        const to = toDotted(step.state.value);
        expected.push({ from, to, event: model.type, actorRole: model.role });
        steps++;
        const view = await engine.workflows[name].get(id, { id: 'admin-1', kind: 'admin' });
        if (view.state !== to || view.version !== expected.length) {
          t.fail(`after ${model.variant}: expected ${to} v${expected.length}, got ${view.state} v${view.version}`);
          return;
        }
        const history = await engine.workflows[name].history(id, { id: 'admin-1', kind: 'admin' });
        const actual = history.map((h) => ({ from: h.from, to: h.to, event: h.event, actorRole: h.actorRole }));
        if (JSON.stringify(actual) !== JSON.stringify(expected) || history.some((h, i) => h.seq !== i + 1)) {
          t.same(actual, expected, `history after ${path.steps.map((s) => (s.event as { type: string }).type).join(' → ')}`);
          return;
        }
      }
    }
    t.pass(`${paths.length} paths, ${steps} persisted transitions, states and histories as modelled`);
  });
}
