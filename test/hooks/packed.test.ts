// End to end with the packed package, as users get it: `npm pack`, installed into a throw-away
// folder (standing in for npx's cache), `ml-hooks install` run from there in a repository with no
// package.json, the folder deleted, then commit and push with a minimal PATH.
import { test, expect, afterEach } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { makeTempDir, REPO_ROOT } from '../helpers/cli.js';
import { MINIMAL_ENV, notebookWithOutputs, stripped, tryGit } from './installedRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

test('the packed package installs, survives its own removal, and commit and push work with PATH=/usr/bin:/bin', () => {
  const cache = makeTempDir('ml-hooks-pack-');
  cleanups.push(cache.cleanup);
  // the build is fresh: `npm test` builds before jest
  const tarball = run('npm', ['pack', '--ignore-scripts', '--pack-destination', cache.path], REPO_ROOT).trim().split('\n').pop()!;
  const project = join(cache.path, 'npx-cache');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name": "npx-cache", "private": true}\n');
  run('npm', ['install', '--offline', join(cache.path, tarball)], project);

  const repo: TestRepo = makeRepo();
  cleanups.push(repo.cleanup);
  const remote = makeRepo({ bare: true });
  cleanups.push(remote.cleanup);
  run(process.execPath, [join(project, 'node_modules', '.bin', 'ml-hooks'), 'install'], repo.path);
  rmSync(project, { recursive: true, force: true }); // npm clears its cache

  const text = notebookWithOutputs(['import torch\n', 'model = torch.nn.Linear(2, 2)\n']);
  repo.write('train.ipynb', text);
  expect(tryGit(repo.path, ['add', '-A'], MINIMAL_ENV).status).toBe(0);
  const commit = tryGit(repo.path, ['commit', '-m', 'train'], MINIMAL_ENV);
  expect(commit.status).toBe(0);
  repo.git('remote', 'add', 'origin', remote.path);
  const push = tryGit(repo.path, ['push', '-q', 'origin', 'main'], MINIMAL_ENV);
  expect(push.status).toBe(0);
  expect(remote.git('show', 'main:train.ipynb')).toBe(stripped(text));
  expect(readFileSync(join(repo.path, 'train.ipynb'), 'utf8')).toBe(text);
  expect(tryGit(repo.path, ['status', '--porcelain'], MINIMAL_ENV).stdout).toBe('');
});
