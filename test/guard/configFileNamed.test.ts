// The guard's hints name the configuration file in use, in its syntax, and following them as
// printed works: with .ml-hooks.json (what install writes without a pyproject.toml) a key path,
// with pyproject.toml a TOML table. Real commits and pushes in an installed clone.
import { afterEach, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { install, notebookWithOutputs } from '../hooks/installedRepo.js';
import { makeRepo, runGit, type TestRepo } from '../helpers/gitRepo.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

type Git = (...args: string[]) => { status: number | null; out: string };

/** An installed clone with a bare `origin` that has `main`; a pyproject.toml first when given. */
function clone(pyproject?: string): { repo: TestRepo; git: Git } {
  const remote = makeRepo({ bare: true });
  const repo = makeRepo();
  cleanups.push(remote.cleanup, repo.cleanup);
  if (pyproject !== undefined) repo.write('pyproject.toml', pyproject);
  install(repo.path);
  const git: Git = (...args) => runGit(repo.path, args);
  git('add', '-A');
  expect(git('commit', '-q', '-m', 'start').status).toBe(0);
  git('remote', 'add', 'origin', remote.path);
  expect(git('push', '-q', 'origin', 'main').status).toBe(0);
  return { repo, git };
}

function editJson(repo: TestRepo, edit: (guard: Record<string, unknown>) => void): void {
  const path = join(repo.path, '.ml-hooks.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { guard: Record<string, unknown> };
  edit(config.guard);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}

test('with .ml-hooks.json, the hints give its key paths, and following them lets the commit and the push through', () => {
  const { repo, git } = clone();
  repo.write('data/weights.bin', randomBytes(1_500_000));
  git('add', 'data/weights.bin');
  const commit = git('commit', '-q', '-m', 'weights');
  expect(commit.status).not.toBe(0);
  expect(commit.out).toContain('(set in .ml-hooks.json guard.max-binary-size)');
  expect(commit.out).toContain('If it belongs in git, allow it: add "data/weights.bin" to guard.allow in .ml-hooks.json.\n');
  expect(commit.out).not.toContain('[tool.ml-hooks');
  editJson(repo, (guard) => (guard.allow = ['data/weights.bin']));
  git('add', '.ml-hooks.json');
  expect(git('commit', '-q', '-m', 'weights').status).toBe(0);

  repo.write('nb.ipynb', notebookWithOutputs(['x = 1\n']));
  runGit(repo.path, ['add', 'nb.ipynb'], { ML_HOOKS: '0' });
  expect(git('commit', '-q', '--no-verify', '-m', 'raw notebook').status).toBe(0);
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('To let such pushes through with a warning, set guard.unstripped-notebooks to "warn" in .ml-hooks.json.\n');
  expect(push.out).not.toContain('[tool.ml-hooks');
  editJson(repo, (guard) => (guard['unstripped-notebooks'] = 'warn'));
  git('add', '.ml-hooks.json');
  expect(git('commit', '-q', '-m', 'warn only').status).toBe(0);
  const warned = git('push', 'origin', 'main');
  expect(warned.out).toContain('warning: 1 notebook in the commits pushed to origin is not stripped');
  expect(warned.status).toBe(0);
});

test('with pyproject.toml, the hints give its TOML table, and the default limit says where to change it', () => {
  const { repo, git } = clone('[project]\nname = "x"\n\n[tool.ml-hooks]\nexclude = []\n');
  expect(git('ls-files', '.ml-hooks.json').out).toBe('');
  repo.write('data/weights.bin', randomBytes(1_500_000));
  git('add', 'data/weights.bin');
  const commit = git('commit', '-q', '-m', 'weights');
  expect(commit.status).not.toBe(0);
  expect(commit.out).toContain('(the default max-binary-size; change it in [tool.ml-hooks.guard] of pyproject.toml)');
  expect(commit.out).toContain('If it belongs in git, allow it: add "data/weights.bin" to allow in [tool.ml-hooks.guard] of pyproject.toml.\n');
  expect(commit.out).not.toContain('.ml-hooks.json');
  appendFileSync(join(repo.path, 'pyproject.toml'), '\n[tool.ml-hooks.guard]\nallow = ["data/weights.bin"]\n');
  git('add', 'pyproject.toml');
  const again = git('commit', '-q', '-m', 'weights');
  expect(again.out).toBe('');
  expect(again.status).toBe(0);
});
