// A notebook nested 6000 levels deep, through real git with ml-hooks installed: the filter, the
// commit hook, the diff driver, `check --history` and the pre-push hook each answer, say why in
// one line, and never hang or print a stack trace.
import { afterEach, expect, test } from '@jest/globals';
import { installedRepo } from './installedRepo.js';
import { makeRepo, runGit, type TestRepo } from '../helpers/gitRepo.js';
import { runCli } from '../helpers/cli.js';

const DEPTH = 6000;
const DEEP_NOTEBOOK =
  '{"cells": [{"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "outputs": [], "source": ["x = 1\\n"]}], ' +
  `"metadata": {"deep": ${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}, "nbformat": 4, "nbformat_minor": 5}\n`;
const REASON = 'nested deeper than 1000 levels: line 1 column 5135 (char 5134); Jupyter and nbformat cannot read it either';
const CRASH = /^\s+at |internal error|RangeError|call stack|too large|in memory|not valid JSON/m;

let repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos) r.cleanup();
  repos = [];
});

const git = runGit;

test('git add, status, commit, diff and show: answers in one line each, the commit is stopped', () => {
  const repo = installedRepo();
  repos.push(repo);
  repo.write('deep.ipynb', DEEP_NOTEBOOK);
  const add = git(repo.path, ['add', 'deep.ipynb']);
  expect(add.status).toBe(0);
  expect(add.stderr).toBe(`ml-hooks: deep.ipynb was added as it is, not stripped: ${REASON}. The commit hook will stop until it is fixed (check: ml-hooks strip --verify deep.ipynb).\n`);
  expect(git(repo.path, ['show', ':deep.ipynb']).stdout).toBe(DEEP_NOTEBOOK);
  expect(git(repo.path, ['status', '--porcelain']).status).toBe(0);

  const commit = git(repo.path, ['commit', '-m', 'deep']);
  expect(commit.status).toBe(1);
  expect(commit.stderr).toContain(`ml-hooks: cannot commit deep.ipynb: ${REASON}\n`);
  expect(commit.stderr).not.toMatch(CRASH);
  expect(git(repo.path, ['rev-parse', '-q', '--verify', 'HEAD']).status).toBe(1);

  expect(git(repo.path, ['commit', '-q', '-m', 'deep'], { ML_HOOKS: '0' }).status).toBe(0);
  for (const args of [['show', 'HEAD'], ['log', '-p'], ['diff', 'HEAD', '--stat']]) {
    const r = git(repo.path, args);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(CRASH);
  }
  expect(git(repo.path, ['show', 'HEAD']).stderr).toContain(`as it is: ${REASON}`);
});

test('the hook alone (no filter) stops the commit with the reason', () => {
  const repo = installedRepo();
  repos.push(repo);
  repo.git('config', '--unset', 'filter.ml-hooks.process');
  repo.write('deep.ipynb', DEEP_NOTEBOOK);
  repo.git('add', 'deep.ipynb');
  const commit = git(repo.path, ['commit', '-m', 'deep']);
  expect(commit.status).toBe(1);
  expect(commit.stderr).toContain(`ml-hooks: cannot commit deep.ipynb: ${REASON}\n`);
  expect(commit.stderr).not.toMatch(CRASH);
});

test('check --history and the pre-push hook over a commit holding it: no crash, no hang', () => {
  const remote = makeRepo({ bare: true });
  const repo = installedRepo();
  repos.push(remote, repo);
  repo.write('deep.ipynb', DEEP_NOTEBOOK);
  repo.git('add', 'deep.ipynb');
  expect(git(repo.path, ['commit', '-q', '--no-verify', '-m', 'deep']).status).toBe(0);

  const check = runCli(['check', '--history', 'HEAD'], { cwd: repo.path, timeout: 30000 });
  expect(check.status).toBe(1);
  expect(check.stdout).toContain(`deep.ipynb: not a valid notebook: ${REASON}`);
  expect(check.stdout + check.stderr).not.toMatch(CRASH);

  repo.git('remote', 'add', 'origin', remote.path);
  const push = git(repo.path, ['push', 'origin', 'main']);
  expect(push.status).not.toBeNull();
  expect(push.stderr).not.toMatch(CRASH);
});
