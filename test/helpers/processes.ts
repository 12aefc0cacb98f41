/**
 * Real processes for the reliability tests: the bundled server as a child
 * process (`node dist/adapters/cli/main.js serve`) and a private PostgreSQL
 * 15 cluster the tests may stop, kill and restart without touching the
 * machine's own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Test } from 'tap';
import { buildServer } from '../../adapters/server/server.js';
import { createEngine, type Engine } from '../../src/create-engine.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createFileStorage } from '../../src/storage/file-storage.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { applicationMachine } from '../../machines/application.js';
import { stateNodes } from '../../machines/shared/introspect.js';
import { creditCodeCheckCharacter } from '../../src/domain/credit-code.js';
import { residentIdCheckCharacter } from '../../src/domain/id-card.js';
import type { Tables } from '../../src/persistence/schema.js';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const serverEntry = join(repositoryRoot, 'dist/adapters/cli/main.js');

/** Throws a clear message when `npm run build` has not produced dist/ (CI builds before testing). */
export function requireBuild(): void {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing: run \`npm run build\` before the reliability tests`);
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `condition` until it holds; resolves `true` then, or `false` once
 * `timeoutMs` has passed. Tests wait for what they need to see, never for a
 * fixed time: the deadline is only a generous cap for a machine under load.
 *
 * @example
 * t.ok(await waitUntil(() => answered.length >= 20, { timeoutMs: 60_000 }), 'twenty answers under load');
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, options: { timeoutMs?: number; everyMs?: number } = {}): Promise<boolean> {
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (await condition()) return true;
    if (performance.now() >= deadline) return false;
    await sleep(options.everyMs ?? 50);
  }
}

/** A bundled server running as a child process. */
export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process wrote (JSON log lines and anything else). */
  output(): string;
  /** Parsed JSON log lines. */
  logs(): Record<string, unknown>[];
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), then waits for the exit; SIGKILL after 15 s. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `probation-workflow serve` on a free port with `env` over a clean
 * environment (PATH and HOME kept) and waits until /readyz answers 200.
 *
 * @example
 * const server = await startServer({ DATA_DIR: dir, DEMO: '1' });
 * await fetch(`${server.url}/readyz`);
 */
export async function startServer(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<ServerProcess> {
  requireBuild();
  const port = await freePort();
  const child = spawn(process.execPath, [serverEntry, 'serve'], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      RATE_LIMIT_PUBLIC: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    port,
    child,
    exited,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return {};
          }
        }),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`the server was not ready within ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`);
    }
    await sleep(100);
  }
}

/** A JSON request to a server; returns status, parsed body and how long it took. */
export async function request(
  url: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, ms: performance.now() - started };
}

/** Logs in over HTTP; returns the Authorization header. */
export async function loginTo(url: string, login: string, password = 'Demo@2026'): Promise<{ authorization: string }> {
  const res = await request(`${url}/api/v1/sessions`, { body: { login, password } });
  if (res.status !== 201) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { authorization: `Bearer ${res.body.token as string}` };
}

const pgBin = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of the test's own, on a free port, in a temporary directory. */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** pg_ctl stop; `immediate` is a crash (no checkpoint, clients cut off). */
  stop(mode?: 'fast' | 'immediate'): void;
  /** pg_ctl start, waiting until it accepts connections. */
  start(): void;
  /** Stops it and deletes its directory. */
  destroy(): Promise<void>;
}

/** Why a private cluster cannot run here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!existsSync(join(pgBin, 'initdb'))) return `PostgreSQL 15 binaries not found in ${pgBin}`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root and there is no postgres user';
  return null;
}

/** What a test on a private cluster works with; figures are printed at the end. */
export interface PrivateClusterSetup {
  postgres: PrivatePostgres;
  dataDir: string;
  figures: Record<string, unknown>;
}

/**
 * The common start of a test file on its own PostgreSQL cluster: skips with a
 * visible message where no cluster can run, else starts one and a data
 * directory for the server, both removed at teardown.
 *
 * @example
 * const setup = await privateClusterSetup(t, 'database-fault tests', 'pw-faults-');
 * if (setup) await startServer({ DATABASE_URL: setup.postgres.url, DATA_DIR: setup.dataDir });
 */
export async function privateClusterSetup(t: Test, what: string, dirPrefix: string): Promise<PrivateClusterSetup | null> {
  const unavailable = privatePostgresUnavailable();
  if (unavailable) {
    t.comment(`SKIPPED ${what}: ${unavailable}`);
    t.pass(`skipped: ${unavailable}`);
    return null;
  }
  requireBuild();
  const figures: Record<string, unknown> = {};
  t.teardown(() => t.comment(`figures ${JSON.stringify(figures)}`));
  const postgres = await startPrivatePostgres();
  t.teardown(() => postgres.destroy());
  const dataDir = await mkdtemp(join(tmpdir(), dirPrefix));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  return { postgres, dataDir, figures };
}

/**
 * initdb + pg_ctl start of a throw-away cluster (trust auth, fsync off: it is
 * the server's reaction to outages that is tested, not the disk). As root
 * the binaries run as user postgres, which owns the directory.
 *
 * @example
 * const pg = await startPrivatePostgres();
 * pg.stop('immediate'); pg.start();
 * await pg.destroy();
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const problem = privatePostgresUnavailable();
  if (problem) throw new Error(problem);
  const dir = await mkdtemp(join(tmpdir(), 'pw-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    await chown(dir, uid, gid);
    await chmod(dir, 0o700);
  }
  const run = (args: string[], allowFailure = false) => {
    const command = asRoot ? 'runuser' : join(pgBin, args[0]!);
    const argv = asRoot ? ['-u', 'postgres', '--', join(pgBin, args[0]!), ...args.slice(1)] : args.slice(1);
    const result = spawnSync(command, argv, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0 && !allowFailure) {
      throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  };
  const port = await freePort();
  run(['initdb', '-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=100`;
  const start = () => {
    run(['pg_ctl', '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  };
  start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop(mode = 'fast') {
      run(['pg_ctl', '-D', data, '-m', mode, '-w', 'stop'], true);
    },
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      run(['pg_ctl', '-D', data, '-m', 'immediate', '-w', 'stop'], true);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// Workload and checks shared by the reliability tests.

/** The open demo project (申报中) as the given session sees it. */
export async function openProjectId(url: string, auth: { authorization: string }): Promise<string> {
  const res = await request(`${url}/api/v1/projects`, { headers: auth });
  const project = (res.body.items as { id: string; status: string }[] | undefined)?.find((p) => p.status === 'open');
  if (!project) throw new Error(`no open project: ${res.status} ${JSON.stringify(res.body)}`);
  return project.id;
}

/** A valid, unique direct-entry application at the seed's 武汉市第1911医院 (candidate number `i`). */
export function directEntry(i: number): Record<string, unknown> {
  const birth = new Date(Date.UTC(1980, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = String((i % 900) + 100);
  const body = `420102${birth}${sequence}`;
  return {
    candidate: {
      name: `考生${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`,
      idType: 'resident-id',
      idNumber: body + residentIdCheckCharacter(body),
      ethnicity: '01',
      idValidFrom: '2015-03-01',
      idValidTo: '长期',
      phone: '13912345678',
    },
    exam: { categoryCode: '110' },
    segments: [
      {
        current: true,
        institutionName: '武汉市第1911医院',
        registrationNo: '5252223212582111254',
        checkCode: '434148',
        startsOn: '2025-01-01',
        endsOn: '2026-02-28',
        department: '内科',
        teacherName: '黄燕红',
        teacherCertNo: '110420100012345',
        teacherUnit: '江岸黄燕红西内科诊所',
      },
    ],
  };
}

/** Enters `count` applications (numbers `from`…) by 单位直接录入, `parallel` at a time; returns their ids. */
export async function enterApplications(
  url: string,
  auth: { authorization: string },
  projectId: string,
  count: number,
  from = 0,
  parallel = 8,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const n = next++;
        const res = await request(`${url}/api/v1/projects/${projectId}/applications`, { body: directEntry(from + n), headers: auth });
        if (res.status !== 201) throw new Error(`direct entry ${from + n}: ${res.status} ${JSON.stringify(res.body)}`);
        ids[n] = res.body.id as string;
      }
    }),
  );
  return ids;
}

/** A decision that every unitReview.* state accepts (explanations always given). */
export function decision(n: number): { type: string; explanation: string } {
  const types = ['APPROVE', 'RETURN', 'REJECT'] as const;
  return { type: types[n % types.length]!, explanation: `第${n}次审核意见` };
}

/** A registration (非医疗机构, two PDFs unique to `i`) as a multipart body for fetch. */
export function registration(i: number): { body: Buffer; headers: Record<string, string> } {
  const first17 = `91420100MA${String(4_000_000 + i).padStart(7, '0')}`;
  const fields: Record<string, string> = {
    name: `可靠性测试单位${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`,
    address: `武汉市江岸区测试路${i}号`,
    creditCode: first17 + creditCodeCheckCharacter(first17),
    isMedical: 'false',
    adminName: '王磊',
    adminPhone: '13912345678',
    departmentId: '420102',
  };
  const files: Record<string, { content: Buffer; filename: string }> = {
    registrationForm: { content: Buffer.from(`%PDF-1.4\n% form ${i} ${randomUUID()}\n%%EOF\n`), filename: 'form.pdf' },
    creditCertificate: { content: Buffer.from(`%PDF-1.4\n% credit ${i} ${randomUUID()}\n%%EOF\n`), filename: 'credit.pdf' },
  };
  const boundary = `----pw-reliability-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, f] of Object.entries(files)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Leaf states of the application machine: the only values a row's state may hold. */
export const applicationLeafStates: ReadonlySet<string> = new Set(
  stateNodes(applicationMachine)
    .filter(({ node }) => Object.keys(node.states ?? {}).length === 0)
    .map(({ path }) => path),
);

/**
 * Checks every entity of the given tables against its history: seq runs 1…
 * version without a gap, each row starts where the previous ended, the last
 * row's state is the entity's state, and (applications) the state is a leaf
 * of the machine. Returns one line per problem (empty = consistent).
 *
 * @example
 * t.same(await historyProblems(db), []);
 */
export async function historyProblems(db: Kysely<Tables>): Promise<string[]> {
  const problems: string[] = [];
  const entities = [
    ...(await db.selectFrom('pw_applications').select(['id', 'state', 'version']).execute()).map((e) => ({ ...e, type: 'application' })),
    ...(await db.selectFrom('pw_institutions').select(['id', 'state', 'version']).execute()).map((e) => ({ ...e, type: 'institution' })),
    ...(await db.selectFrom('pw_business_accounts').select(['id', 'state', 'version']).execute()).map((e) => ({ ...e, type: 'businessAccount' })),
  ];
  const rows = await db.selectFrom('pw_history').select(['entity_id', 'seq', 'from_state', 'to_state']).orderBy('entity_id').orderBy('seq').execute();
  const byEntity = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byEntity.get(row.entity_id) ?? [];
    list.push(row);
    byEntity.set(row.entity_id, list);
  }
  for (const entity of entities) {
    const history = byEntity.get(entity.id) ?? [];
    byEntity.delete(entity.id);
    if (history.length !== entity.version) problems.push(`${entity.type} ${entity.id}: version ${entity.version} but ${history.length} history rows`);
    history.forEach((row, i) => {
      if (row.seq !== i + 1) problems.push(`${entity.type} ${entity.id}: history seq ${row.seq} at position ${i + 1}`);
      const before = i === 0 ? null : history[i - 1]!.to_state;
      if (row.from_state !== before) problems.push(`${entity.type} ${entity.id}: seq ${row.seq} starts at ${row.from_state}, previous ended at ${before}`);
    });
    const last = history.at(-1);
    if (!last || last.to_state !== entity.state) problems.push(`${entity.type} ${entity.id}: state ${entity.state} but last history row says ${last?.to_state}`);
    if (entity.type === 'application' && !applicationLeafStates.has(entity.state)) problems.push(`application ${entity.id}: ${entity.state} is no state of the machine`);
  }
  for (const id of byEntity.keys()) problems.push(`history rows for ${id}, which has no entity row`);
  return problems;
}

/**
 * Attachment rows whose file is missing and stored files no row references
 * (partial uploads under tmp/ count as orphans too).
 *
 * @example
 * t.same(await attachmentProblems(db, join(dataDir, 'files')), []);
 */
export async function attachmentProblems(db: Kysely<Tables>, filesRoot: string): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.selectFrom('pw_attachments').select(['id', 'storage_key']).execute();
  const keys = new Set(rows.map((r) => r.storage_key));
  const onDisk = new Set<string>();
  const entries = await readdir(filesRoot, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const hex = /sha256\/[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(path)?.[1];
    if (hex) onDisk.add(`sha256/${hex}`);
    else problems.push(`stray file ${path}`);
  }
  for (const row of rows) if (!onDisk.has(row.storage_key)) problems.push(`attachment ${row.id}: file ${row.storage_key} missing`);
  for (const key of onDisk) if (!keys.has(key)) problems.push(`orphan file ${key}: no attachment row`);
  return problems;
}

/**
 * The bundled server in this process over a fresh test database with the
 * demo data, listening on a real socket (127.0.0.1, free port) so that
 * concurrent fetches really overlap in the connection pool, unlike inject().
 *
 * @example
 * const { url, engine } = await listeningDemoServer(t);
 */
export async function listeningDemoServer(t: Test): Promise<{ url: string; engine: Engine; database: TestDatabase; filesDir: string }> {
  const database = await openTestDatabase(t);
  const filesDir = await mkdtemp(join(tmpdir(), 'pw-rel-files-'));
  t.teardown(() => rm(filesDir, { recursive: true, force: true }));
  const engine = await createEngine({ db: database, storage: createFileStorage(filesDir, { orphanGraceMs: 0 }) });
  t.teardown(() => engine.close());
  await seedDemo(engine);
  const app = await buildServer({ engine, logger: false, rateLimitPublic: 100_000 });
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, engine, database, filesDir };
}

/** Runs `task(i)` for i < count with at most `parallel` in flight. */
export async function inParallel<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}
