/**
 * The package as shipped (issue 7 part 5): `npm pack` of the built dist/,
 * installed into an empty project from the npm cache, imported by name —
 * `probation-workflow` and `probation-workflow/fastify` — with types, and the
 * two examples of docs/examples compiled and run against the installed copy.
 *
 * Needs `npm run build` first (CI builds before the suite); builds nothing
 * itself. With DATABASE_URL set the examples run on that server, each in a
 * fresh schema they drop on exit.
 */
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// npm install and two example databases on a shared machine: more than the suite's default per-file timeout.
t.setTimeout(240_000);

const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(repo, 'node_modules', '.bin', 'tsc');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (never through a shell), capturing its output. */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const installedVersion = async (name: string) =>
  (JSON.parse(await readFile(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** What the example processes get: the caller's environment, DATABASE_URL included when set. */
const exampleEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, ...extra });

/** Starts the host-service example and resolves with its URL once it listens. */
function startHost(cwd: string): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['out/host-service.js'], { cwd, env: exampleEnv({ PORT: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host-service did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`host-service exited (${code}) before listening:\n${output}`));
    });
  });
}

const consumerSource = `
import { createEngine, openDatabase, systemActor, type Actor, type ApplicationDetail, type Engine, type Page, type ProjectSummary } from 'probation-workflow';
import { probationPlugin, type Authenticate, type ProbationPluginOptions } from 'probation-workflow/fastify';

export async function start(url: string): Promise<Engine> {
  const database = await openDatabase({ url });
  return createEngine({ db: database });
}

export const authenticate: Authenticate = (request) => (request.headers['x-user'] === 'ops' ? systemActor : null);
export const options = (engine: Engine): ProbationPluginOptions => ({ engine, authenticate, docs: false });
export const plugin = probationPlugin;
export const kind: Actor['kind'] = 'district';
export type Views = [ApplicationDetail['state'], Page<ProjectSummary>['items']];

// The types are real, not any: these must be errors.
// @ts-expect-error createEngine needs a database
void createEngine({});
// @ts-expect-error an actor kind outside the roles
export const wrong: Actor = { id: null, kind: 'nobody' };
`;

// The consumer's own deep import must be refused by the package's "exports" (kept apart so its error is the only one).
const deepImportSource = `import { createEngine } from 'probation-workflow/dist/src/create-engine.js';\nvoid createEngine;\n`;

t.test('npm pack installs into an empty project whose imports, types and examples work', async (t) => {
  const entries = ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/adapters/http/plugin.js', 'dist/adapters/http/plugin.d.ts'];
  const missing = entries.filter((f) => !existsSync(join(repo, f)));
  if (missing.length) {
    t.fail(`dist/ is not built (missing ${missing.join(', ')}): run \`npm run build\` before this test`);
    return;
  }
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'pw-packed-'));
  t.teardown(() => rm(work, { recursive: true, force: true }));

  // 1. The tarball: what ships and what does not.
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo });
  t.equal(pack.code, 0, 'npm pack succeeds', { stderr: pack.stderr });
  const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const files = packed!.files.map((f) => f.path);
  t.comment(`tarball ${packed!.filename}: ${(packed!.size / 1024).toFixed(0)} KiB packed, ${(packed!.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`);
  for (const f of [...entries, 'package.json', 'README.md', 'dist/adapters/cli/main.js', 'docs/examples/host-service.ts', 'docs/examples/drive-application.ts']) {
    t.ok(files.includes(f), `the tarball contains ${f}`);
  }
  t.same(
    files.filter((f) => /^(test|bench|\.ci|src|adapters|machines|node_modules|data|\.scratch)\//.test(f) || f.startsWith('dist/test/')),
    [],
    'no tests, benchmarks, CI scripts, TypeScript sources or local data in the tarball',
  );
  t.ok(packed!.size < 2 * 1024 * 1024, 'the tarball stays under 2 MiB');

  // 2. An empty project installs it (and the host's own fastify and Node types) from the npm cache.
  const project = join(work, 'consumer');
  await mkdir(join(project, 'src'), { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  const install = async (mode: '--offline' | '--prefer-offline') =>
    run(
      'npm',
      [
        'install',
        mode,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        join(work, packed!.filename),
        `fastify@${await installedVersion('fastify')}`,
        `@types/node@${await installedVersion('@types/node')}`,
      ],
      { cwd: project, timeoutMs: 120_000 },
    );
  let installed = await install('--offline');
  if (installed.code !== 0) {
    // npm ci caches tarballs but not the registry's package documents a fresh resolution needs.
    t.comment(`offline install failed (${/code (\w+)/.exec(installed.stderr)?.[1] ?? installed.code}); retrying with --prefer-offline`);
    installed = await install('--prefer-offline');
  }
  t.equal(installed.code, 0, 'the tarball installs', { stderr: installed.stderr });
  t.comment(`installed at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const manifest = JSON.parse(await readFile(join(project, 'node_modules', 'probation-workflow', 'package.json'), 'utf8')) as { version: string };
  t.equal(manifest.version, JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')).version, 'the installed copy is this version');

  // 3. Types through package.json "exports": a consumer file and both examples, strict, nodenext.
  await writeFile(join(project, 'src', 'consumer.ts'), consumerSource);
  for (const example of ['host-service.ts', 'drive-application.ts']) {
    await copyFile(join(repo, 'docs', 'examples', example), join(project, 'src', example));
  }
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2024'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    types: ['node'],
    rootDir: 'src',
    outDir: 'out',
  };
  await writeFile(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src/*.ts'] }));
  const compiled = await run(tsc, ['-p', 'tsconfig.json'], { cwd: project });
  t.comment(`type-checked and compiled at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  t.equal(compiled.code, 0, 'the consumer and both examples type-check and compile against the installed package', { tsc: compiled.stdout });

  await mkdir(join(project, 'deep'), { recursive: true });
  await writeFile(join(project, 'deep', 'deep.ts'), deepImportSource);
  await writeFile(join(project, 'tsconfig.deep.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, rootDir: 'deep', noEmit: true }, include: ['deep/*.ts'] }));
  const deep = await run(tsc, ['-p', 'tsconfig.deep.json'], { cwd: project });
  t.match(deep.stdout, /TS2307: Cannot find module 'probation-workflow\/dist/, 'a deep import into dist/ is refused by "exports"');

  // 4. Both examples run against the installed package (in parallel: each has its own database).
  const drive = run(process.execPath, ['out/drive-application.js'], { cwd: project, env: exampleEnv(), timeoutMs: 90_000 });
  const host = await startHost(project).catch((error: Error) => error);
  if (host instanceof Error) {
    t.fail(host.message);
  } else {
    try {
      const asDistrict = await fetch(`${host.url}/probation/projects`, { headers: { 'x-api-key': 'district-key' } });
      t.equal(asDistrict.status, 200, 'the host key authenticates a district reviewer');
      const page = (await asDistrict.json()) as { items: { name: string; applicantCount: number }[] };
      t.match(page.items, [{ name: '医师资格考试试用期考核证明申报', applicantCount: Number }], 'the demo project is listed with its counts');
      const anonymous = await fetch(`${host.url}/probation/projects`);
      t.equal(anonymous.status, 401, 'without the host key the plugin answers 401');
      t.match(await anonymous.json(), { error: { code: 'UNAUTHENTICATED' } }, 'with the plugin\'s coded error body');
      // The plugin's login route still issues engine sessions, but the host's authenticate decides who calls.
      const login = await fetch(`${host.url}/probation/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password: 'Demo@2026' }),
      });
      t.equal(login.status, 201, 'the demo admin can log in to the engine');
      const { token } = (await login.json()) as { token: string };
      const bearer = await fetch(`${host.url}/probation/projects`, { headers: { authorization: `Bearer ${token}` } });
      t.equal(bearer.status, 401, "an engine session token is no login here: only the host's key counts");
      const own = await fetch(`${host.url}/`);
      t.match(await own.json(), { service: 'host-service' }, "the host's own route answers beside the plugin");
    } finally {
      host.child.kill('SIGTERM');
    }
    t.equal(await host.exited, 0, 'host-service shuts down cleanly on SIGTERM', { output: host.output() });
  }
  const driven = await drive;
  t.equal(driven.code, 0, 'drive-application exits 0', { stdout: driven.stdout, stderr: driven.stderr });
  for (const state of ['draft', 'unitReview.pending', 'unitReview.approved', 'districtReview.pending', 'districtReview.approved', 'closed.certified']) {
    t.match(driven.stdout, new RegExp(`→ ${state.replace('.', '\\.')} `), `drive-application passes ${state}`);
  }
  t.match(driven.stdout, /#6 \S+ system\s+CLOSE\s+districtReview\.approved → closed\.certified/, 'the history ends with the sweep certifying it');
  t.comment(`packed-package test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
