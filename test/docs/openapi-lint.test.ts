import t from 'tap';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Issue 15: the committed document (identical to what the plugin generates:
// test/docs/openapi-doc.test.ts) passes Redocly's recommended-strict ruleset
// and Spectral's spectral:oas with no problem at all — the linters a new
// user of the API runs first.
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

t.test('Redocly recommended-strict reports no problem in docs/openapi.json', async (t) => {
  const { code, output } = await run(bin('redocly'), ['lint', 'docs/openapi.json', '--config', 'redocly.yaml', '--format', 'stylish']);
  t.equal(code, 0, output);
  t.match(output, /valid/i, 'Redocly says the description is valid');
  t.notMatch(output, /\b(error|warning)\b.*\brule\b/i, 'no rule fired');
});

t.test('Spectral spectral:oas reports no warning in docs/openapi.json', async (t) => {
  const { code, output } = await run(bin('spectral'), ['lint', 'docs/openapi.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'warn']);
  t.equal(code, 0, output);
  t.match(output, /No results with a severity of 'warn' or higher found/);
});

t.test('the linters fail a document with a problem (the check can fail)', async (t) => {
  const { mkdtemp, readFile, writeFile, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'pw-openapi-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const document = JSON.parse(await readFile(`${root}docs/openapi.json`, 'utf8'));
  delete document.paths['/api/v1/sessions'].post.operationId;
  const broken = join(dir, 'openapi.json');
  await writeFile(broken, JSON.stringify(document));
  t.not((await run(bin('redocly'), ['lint', broken, '--config', 'redocly.yaml'])).code, 0, 'Redocly fails on a missing operationId');
  t.not((await run(bin('spectral'), ['lint', broken, '--ruleset', '.spectral.yaml', '--fail-severity', 'warn'])).code, 0, 'Spectral fails on it too');
});
