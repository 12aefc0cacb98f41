/**
 * Issue 14: the import graph of the engine runs one way, top-down. A file may
 * import its own layer or a lower one, never a higher one, and the areas do
 * not import each other in a cycle. The layers, bottom up:
 *
 *   0 base            machines/, src/domain/, src/errors.ts — the rules and their words
 *   1 infrastructure  src/persistence/, src/ports/, src/logging/, src/storage/, src/formats/
 *   2 runner          src/engine/ — the generic transition runner; it knows no area
 *   3 areas           src/accounts/, src/registry/, src/projects/, src/onboarding/,
 *                     src/applications/, src/notifications/, src/diagrams/
 *   4 assembly        src/create-engine.ts, src/demo/, src/index.ts — where the engine is put together
 *
 * The one allowed upward arrow: src/persistence/schema.ts composes the areas'
 * table *types* (`import type`), so Kysely knows every table; it runs no area code.
 */
import t from 'tap';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Layer {
  level: number;
  name: string;
}

/** The layer of a source file, by its path relative to the repository. */
export function layerOf(path: string): Layer {
  if (path.startsWith('machines/') || path.startsWith('src/domain/') || path === 'src/errors.ts') return { level: 0, name: 'base' };
  if (/^src\/(persistence|ports|logging|storage|formats)\//.test(path)) return { level: 1, name: 'infrastructure' };
  if (path.startsWith('src/engine/')) return { level: 2, name: 'runner' };
  if (/^src\/(accounts|registry|projects|onboarding|applications|notifications|diagrams)\//.test(path)) return { level: 3, name: 'areas' };
  return { level: 4, name: 'assembly' };
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every relative import and re-export of the engine's sources, as repository paths. */
function importEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'machines'))]) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(import|export)(\s+type)?\b[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
      const target = resolve(dirname(file), match[3]!.replace(/\.js$/, '.ts'));
      edges.push({ from: relative(root, file), to: relative(root, target), typeOnly: match[2] !== undefined });
    }
  }
  return edges;
}

const allowedUpward = (edge: Edge) => edge.from === 'src/persistence/schema.ts' && edge.typeOnly;

/** Upward imports: from a lower layer to a higher one. */
export function upwardImports(edges: Edge[]): string[] {
  return edges
    .filter((e) => layerOf(e.to).level > layerOf(e.from).level && !allowedUpward(e))
    .map((e) => `${e.from} (${layerOf(e.from).name}) imports ${e.to} (${layerOf(e.to).name})`);
}

/** Cycles between area folders (applications → projects → applications …). */
export function areaCycles(edges: Edge[]): string[] {
  const area = (path: string) => (layerOf(path).level === 3 ? path.split('/')[1]! : undefined);
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const [a, b] = [area(e.from), area(e.to)];
    if (a && b && a !== b) graph.set(a, new Set([...(graph.get(a) ?? []), b]));
  }
  const cycles: string[] = [];
  for (const [a, targets] of graph) {
    for (const b of targets) if (a < b && graph.get(b)?.has(a)) cycles.push(`${a} ↔ ${b}`);
  }
  return cycles;
}

t.test('no file imports a layer above its own (machines and domain at the bottom, createEngine at the top)', async (t) => {
  const edges = importEdges();
  t.ok(edges.length > 200, `${edges.length} imports read`);
  t.same(upwardImports(edges), [], 'upward imports');
});

t.test('the areas do not import each other in a cycle', async (t) => {
  t.same(areaCycles(importEdges()), []);
});

t.test('the checks find an upward import and a cycle when there is one', async (t) => {
  const bad: Edge[] = [
    { from: 'src/engine/transition-runner.ts', to: 'src/applications/declarations.ts', typeOnly: false },
    { from: 'src/domain/id-card.ts', to: 'src/persistence/schema.ts', typeOnly: true },
    { from: 'src/projects/projects.ts', to: 'src/applications/application-scope.ts', typeOnly: false },
    { from: 'src/applications/declarations.ts', to: 'src/projects/project-store.ts', typeOnly: false },
  ];
  t.equal(upwardImports(bad).length, 2);
  t.same(areaCycles(bad), ['applications ↔ projects']);
});
