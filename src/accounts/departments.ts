import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../persistence/schema.js';
import type { DepartmentTable } from './tables.js';

/** A node of the department tree with its children. */
export interface DepartmentNode {
  id: string;
  name: string;
  level: DepartmentTable['level'];
  code: string;
  parentId: string | null;
  children: DepartmentNode[];
}

/** The health-department tree (province → city → district), cached in memory. */
export interface Departments {
  /**
   * The whole tree, roots first.
   *
   * @example
   * const roots = await engine.departments.tree(); // 湖北省卫生健康委员会 first
   */
  tree(): Promise<DepartmentNode[]>;
  /**
   * @example
   * (await engine.departments.get('420100'))?.name; // '武汉市卫生健康委员会'
   */
  get(id: string): Promise<DepartmentNode | undefined>;
  /**
   * True when `id` is `ancestorId` or below it. Loads the tree again once
   * when `id` is unknown, through `executor` when given: inside a command
   * that must be the command's transaction (the embedded database has one
   * session, and the outer handle would wait for it forever).
   *
   * @example
   * await engine.departments.within('420102', '420100'); // true: 江岸区 is under 武汉市
   */
  within(id: string | null | undefined, ancestorId: string | null | undefined, executor?: Executor): Promise<boolean>;
  /**
   * Ids of `id` and every node below it.
   *
   * @example
   * await engine.departments.subtree('420100'); // ['420100', '420102', '420106']
   */
  subtree(id: string): Promise<string[]>;
  /**
   * Forgets the cache (after departments were added).
   *
   * @example
   * await engine.db.insertInto('pw_departments').values({ id: '420111', parent_id: '420100', name: '洪山区卫生健康局', level: 'district', code: '036' }).execute();
   * engine.departments.invalidate();
   */
  invalidate(): void;
}

/**
 * The department service. The tree is small (a province has about a
 * hundred nodes) and changes rarely, so it is read whole and cached; an
 * unknown id reloads it once, which covers nodes added by another process.
 *
 * @example
 * const departments = createDepartments(db);
 * await departments.within('420102', '420100'); // true: 江岸区 is under 武汉市
 */
type Executor = Kysely<Tables> | Transaction<Tables>;

export function createDepartments(db: Kysely<Tables>): Departments {
  let cache: Promise<Map<string, DepartmentNode>> | null = null;

  const load = async (executor: Executor) => {
    const rows = await executor.selectFrom('pw_departments').selectAll().orderBy('id').execute();
    const nodes = new Map<string, DepartmentNode>(
      rows.map((r) => [r.id, { id: r.id, name: r.name, level: r.level, code: r.code, parentId: r.parent_id, children: [] }]),
    );
    for (const node of nodes.values()) if (node.parentId) nodes.get(node.parentId)?.children.push(node);
    return nodes;
  };
  const nodes = (executor: Executor = db, fresh = false) => {
    if (!cache || fresh) cache = load(executor).catch((error) => ((cache = null), Promise.reject(error)));
    return cache;
  };
  const lookup = async (id: string, executor: Executor = db) =>
    (await nodes(executor)).get(id) ?? (await nodes(executor, true)).get(id);

  return {
    async tree() {
      return [...(await nodes()).values()].filter((n) => n.parentId === null);
    },
    get: lookup,
    async within(id, ancestorId, executor) {
      if (!id || !ancestorId) return false;
      let node = await lookup(id, executor);
      const all = await nodes(executor);
      while (node) {
        if (node.id === ancestorId) return true;
        node = node.parentId ? all.get(node.parentId) : undefined;
      }
      return false;
    },
    async subtree(id) {
      const root = await lookup(id);
      const out: string[] = [];
      const walk = (n: DepartmentNode) => {
        out.push(n.id);
        n.children.forEach(walk);
      };
      if (root) walk(root);
      return out;
    },
    invalidate() {
      cache = null;
    },
  };
}
