// Debian's pre-commit (3.0.4) runs the ml-hooks-strip entry of our .pre-commit-hooks.yaml.
import { test, expect, afterEach } from '@jest/globals';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeRepo, GIT_ENV, type TestRepo } from '../helpers/gitRepo.js';
import { CLI, makeTempDir, REPO_ROOT } from '../helpers/cli.js';
import { notebookWithOutputs, stripped, tryGit } from './installedRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

(hasPreCommit ? test : test.skip)('pre-commit runs the ml-hooks-strip hook from .pre-commit-hooks.yaml and the commit stores the stripped notebook', () => {
  // The hook repository as pre-commit would clone it from GitHub: sources, no build.
  const hookRepo: TestRepo = makeRepo();
  cleanups.push(hookRepo.cleanup);
  cpSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), join(hookRepo.path, '.pre-commit-hooks.yaml'));
  cpSync(join(REPO_ROOT, 'hooks'), join(hookRepo.path, 'hooks'), { recursive: true });
  hookRepo.git('add', '-A');
  hookRepo.git('commit', '-q', '-m', 'hooks');
  const rev = hookRepo.git('rev-parse', 'HEAD').trim();

  const repo = makeRepo();
  cleanups.push(repo.cleanup);
  const home = makeTempDir('ml-hooks-precommit-home-');
  cleanups.push(home.cleanup);
  // ml-hooks as a dev dependency of the project (node_modules/.bin), no `ml-hooks install`
  mkdirSync(join(repo.path, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(CLI, join(repo.path, 'node_modules', '.bin', 'ml-hooks'));
  writeFileSync(join(repo.path, '.gitignore'), 'node_modules/\n');
  writeFileSync(join(repo.path, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo.path}\n    rev: ${rev}\n    hooks:\n      - id: ml-hooks-strip\n      - id: ml-hooks-push\n`);
  const env = { ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: home.path };
  const inst = spawnSync('pre-commit', ['install', '-t', 'pre-commit', '-t', 'pre-push'], { cwd: repo.path, env, encoding: 'utf8' });
  expect(inst.status).toBe(0);

  const text = notebookWithOutputs(['import pandas as pd\n', 'pd.DataFrame()\n']);
  repo.write('analysis.ipynb', text);
  tryGit(repo.path, ['add', '-A'], env);
  const first = tryGit(repo.path, ['commit', '-m', 'analysis'], env);
  // pre-commit sees the index change and asks for a second commit, as with any fixing hook
  expect(first.stdout + first.stderr).toMatch(/strip notebook outputs \(ml-hooks\)/);
  expect(first.status).toBe(1);
  expect(first.stdout + first.stderr).toContain('files were modified by this hook');
  expect(first.stdout + first.stderr).toContain('ml-hooks: stripped outputs from 1 staged notebook: analysis.ipynb');
  expect(repo.git('show', ':analysis.ipynb')).toBe(stripped(text)); // the index is stripped
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(text); // the outputs stay on disk
  const second = tryGit(repo.path, ['commit', '-m', 'analysis'], env);
  expect(second.stdout + second.stderr).toMatch(/strip notebook outputs \(ml-hooks\)\.+Passed/);
  expect(second.status).toBe(0);
  expect(repo.git('show', 'HEAD:analysis.ipynb')).toBe(stripped(text));
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(text);

  // the pre-push entry runs ml-hooks' pre-push hook with the ref rebuilt from PRE_COMMIT_* variables
  const remote = makeRepo({ bare: true });
  cleanups.push(remote.cleanup);
  repo.git('remote', 'add', 'origin', remote.path);
  const push = tryGit(repo.path, ['push', 'origin', 'main'], env);
  expect(push.stdout + push.stderr).toMatch(/check what is pushed \(ml-hooks\)\.+Passed/);
  expect(push.status).toBe(0);
  expect(remote.git('rev-parse', 'main')).toBe(repo.git('rev-parse', 'HEAD'));
});

test('the pre-commit template and the install snippet name only hooks that .pre-commit-hooks.yaml defines', async () => {
  const { parse } = await import('yaml');
  const defined = (parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; stages: string[] }[]);
  const ids = new Set(defined.map((h) => h.id));
  const template = parse(readFileSync(join(REPO_ROOT, 'templates', 'pre-commit-config.yaml'), 'utf8')) as { repos: { hooks: { id: string }[] }[] };
  const used = template.repos.flatMap((r) => r.hooks.map((h) => h.id));
  expect(used.length).toBeGreaterThan(0);
  for (const id of used) expect(ids.has(id)).toBe(true);
  const { preCommitFrameworkSnippet } = await import('../../src/messages/install.js');
  for (const m of preCommitFrameworkSnippet.matchAll(/- id: (\S+)/g)) expect(ids.has(m[1]!)).toBe(true);
  // stage names pre-commit 3.0.4 understands
  for (const h of defined) for (const stage of h.stages) expect(['commit', 'push']).toContain(stage);
});
