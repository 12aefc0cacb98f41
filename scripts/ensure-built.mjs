#!/usr/bin/env node
// Builds what is stale, and nothing else: `npm start` on a fresh clone builds the server and the
// console; a restart with nothing changed starts at once (no rebuild). A build is stale when the
// content hash of its inputs differs from the one stamped after its last successful build.
//
//   node scripts/ensure-built.mjs            the server (tsc) and the console (vue-tsc + vite)
//   node scripts/ensure-built.mjs --web      the console only (what the tests need)
//   node scripts/ensure-built.mjs --always   both, stale or not (`npm run build`)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.includes('--web') ? ['web'] : ['server', 'web'];
const always = process.argv.includes('--always');

const targets = {
  server: {
    stamp: 'dist/.build-stamp',
    inputs: ['src', 'adapters', 'machines', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    skip: (path) => path.startsWith('adapters/web/'),
    script: 'build:server',
  },
  web: {
    stamp: 'dist/web/.build-stamp',
    inputs: ['adapters/web', 'src/domain', 'docs/openapi.d.ts', 'package-lock.json'],
    skip: () => false,
    script: 'build:web',
  },
};

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => files(relative(root, join(full, entry.name))));
}

function hashOf(target) {
  const hash = createHash('sha256');
  for (const path of target.inputs.flatMap(files).filter((p) => !target.skip(p)).sort()) {
    hash.update(path).update('\0').update(readFileSync(join(root, path))).update('\0');
  }
  return hash.digest('hex');
}

for (const name of only) {
  const target = targets[name];
  const hash = hashOf(target);
  const stampFile = join(root, target.stamp);
  if (!always && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash) continue;
  const started = Date.now();
  process.stderr.write(`building the ${name === 'web' ? 'console' : 'server'} (npm run ${target.script}) …\n`);
  const result = spawnSync('npm', ['run', '--silent', target.script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, `${hash}\n`);
  process.stderr.write(`built the ${name === 'web' ? 'console' : 'server'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
