// Debian's pre-commit (3.0.4) beside `ml-hooks install`, in both orders, re-run, and removed in
// either order. `pre-commit install` over our hook keeps it as pre-commit.legacy and runs it
// first; a commit of a partly staged notebook goes through pre-commit's stash of unstaged
// changes (git diff-index --binary to a patch, git checkout, git apply).
import { afterEach, expect, test } from '@jest/globals';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitOk, hooksDir, hasCommand, mlHooks, notebookWithOutputs, readBytes, run, sandbox, snapshot, stripped, type Sandbox } from './coTools.js';

const maybe = hasCommand('pre-commit') ? test : test.skip;
let box: Sandbox;
afterEach(() => box.cleanup());

/** A repository with a `repo: local` hook that counts its runs in .git/pc-ran. */
function project(): string {
  box = sandbox();
  const repo = box.repo();
  repo.write(
    '.pre-commit-config.yaml',
    "repos:\n  - repo: local\n    hooks:\n      - id: mark\n        name: mark\n        entry: sh -c 'echo pc >> .git/pc-ran'\n        language: system\n        pass_filenames: false\n",
  );
  return repo.path;
}

const preCommit = (cwd: string, ...args: string[]) => run(cwd, 'pre-commit', args, box.env);
/** A hook of the user's own, counting its runs in .git/own-ran. */
const ownHook = '#!/bin/sh\n# my own hook\necho own >> "$(git rev-parse --git-dir)/own-ran"\n';


const counts = (cwd: string) => ({
  pc: existsSync(join(cwd, '.git/pc-ran')) ? readBytes(cwd, '.git/pc-ran').split('\n').length - 1 : 0,
  own: existsSync(join(cwd, '.git/own-ran')) ? readBytes(cwd, '.git/own-ran').split('\n').length - 1 : 0,
});

let round = 0;
/** Commits a partly staged notebook; asserts exit 0, HEAD, the index and the working file's bytes. */
function commitPartlyStaged(cwd: string, expectMlHooks = true, store = true): void {
  round += 1;
  const staged = notebookWithOutputs([`a = ${round}\n`, 'b = 0\n']);
  const working = notebookWithOutputs([`a = ${round}\n`, `b = ${round}\n`]);
  writeFileSync(join(cwd, 'nb.ipynb'), staged);
  gitOk(cwd, box.env, 'add', '-A');
  writeFileSync(join(cwd, 'nb.ipynb'), working);
  const before = snapshot(cwd, box.env, ['nb.ipynb']);
  const commit = git(cwd, box.env, 'commit', '-m', `round ${round}`);
  expect(commit.out).not.toContain('unknown hook');
  expect(commit.out).toMatch(/mark\.+Passed/);
  expect(commit.status).toBe(0);
  expect(gitOk(cwd, box.env, 'show', 'HEAD:nb.ipynb')).toBe(expectMlHooks ? stripped(staged) : staged);
  if (store) expect(snapshot(cwd, box.env, ['nb.ipynb']).files).toEqual(before.files); // outputs and the unstaged edit
  // without the output store, pre-commit's stash and restore go the way nbstripout's do: the
  // unstaged edit stays, the outputs are gone
  else expect(readBytes(cwd, 'nb.ipynb')).toBe(stripped(working));
  expect(gitOk(cwd, box.env, 'diff', '--cached', '--name-only')).toBe('');
}

maybe('ml-hooks install, then pre-commit install: our hook runs as pre-commit.legacy; uninstall leaves nothing that blocks', () => {
  const cwd = project();
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  const inst = preCommit(cwd, 'install');
  expect(inst.out).toContain('pre-commit.legacy');
  expect(inst.status).toBe(0);
  commitPartlyStaged(cwd);
  commitPartlyStaged(cwd); // the stash path: unstaged changes in a tracked notebook
  expect(counts(cwd).pc).toBe(2);
  const status = mlHooks(cwd, box.env, 'status');
  expect(status.out).toMatch(/ok\s+pre-commit\s+\.git\/hooks\/pre-commit \(pre-commit framework\) runs \.git\/hooks\/pre-commit\.legacy \(ml-hooks\)/);
  expect(status.status).toBe(0);
  expect(mlHooks(cwd, box.env, 'install').out).toContain('nothing changed');

  const un = mlHooks(cwd, box.env, 'uninstall');
  expect(un.out).toContain('removed the ml-hooks hook .git/hooks/pre-commit.legacy (the pre-commit framework ran it)');
  expect(existsSync(join(cwd, '.git/hooks/pre-commit.legacy'))).toBe(false);
  gitOk(cwd, box.env, 'add', '-A');
  commitPartlyStaged(cwd, false);
  expect(counts(cwd).pc).toBe(3);
});

maybe('pre-commit install, then ml-hooks install: pre-commit runs chained; uninstall gives its hook back byte for byte', () => {
  const cwd = project();
  expect(preCommit(cwd, 'install').status).toBe(0);
  const before = hooksDir(cwd);
  expect(mlHooks(cwd, box.env, 'install').out).toContain('kept as .git/hooks/pre-commit.ml-hooks-chained');
  commitPartlyStaged(cwd);
  commitPartlyStaged(cwd);
  expect(counts(cwd).pc).toBe(2);
  expect(mlHooks(cwd, box.env, 'status').status).toBe(0);
  expect(mlHooks(cwd, box.env, 'uninstall').status).toBe(0);
  expect(hooksDir(cwd)).toEqual(before);
});

maybe('pre-commit install run again over ours: its stale copy is not run twice, and uninstall removes it', () => {
  const cwd = project();
  expect(preCommit(cwd, 'install').status).toBe(0);
  const theirs = hooksDir(cwd);
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  expect(preCommit(cwd, 'install').status).toBe(0); // ours -> pre-commit.legacy; pre-commit.ml-hooks-chained is its own copy
  expect(mlHooks(cwd, box.env, 'install').out).toContain('nothing changed');
  commitPartlyStaged(cwd);
  expect(counts(cwd).pc).toBe(1); // once, not once per copy
  const un = mlHooks(cwd, box.env, 'uninstall');
  expect(un.out).toContain('removed .git/hooks/pre-commit.ml-hooks-chained, a copy of .git/hooks/pre-commit as it is now');
  expect(hooksDir(cwd)).toEqual(theirs);
});

/** A project with a pre-commit hook of your own, then ml-hooks install and pre-commit install over it. */
function ownHookUnderBoth(): { cwd: string; original: ReturnType<typeof hooksDir> } {
  const cwd = project();
  writeFileSync(join(cwd, '.git/hooks/pre-commit'), ownHook);
  chmodSync(join(cwd, '.git/hooks/pre-commit'), 0o755);
  const original = hooksDir(cwd);
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  expect(preCommit(cwd, 'install').status).toBe(0);
  return { cwd, original };
}

maybe('over a hook of your own: ml-hooks, pre-commit and your hook each run once; every removal order gives it back', () => {
  const { cwd, original } = ownHookUnderBoth();
  commitPartlyStaged(cwd);
  expect(counts(cwd)).toEqual({ pc: 1, own: 1 });

  // ml-hooks removed first: your hook takes its place as pre-commit.legacy, where pre-commit runs it
  const un = mlHooks(cwd, box.env, 'uninstall');
  expect(un.out).toContain('put back the earlier hook .git/hooks/pre-commit.ml-hooks-chained as .git/hooks/pre-commit.legacy');
  expect(readBytes(cwd, '.git/hooks/pre-commit.legacy')).toBe(ownHook);
  gitOk(cwd, box.env, 'add', '-A');
  commitPartlyStaged(cwd, false);
  expect(counts(cwd)).toEqual({ pc: 2, own: 2 });
  // then pre-commit: your hook is back where it was
  expect(preCommit(cwd, 'uninstall').status).toBe(0);
  expect(hooksDir(cwd)).toEqual(original);
});

maybe('pre-commit removed first, then ml-hooks: your hook is back where it was', () => {
  const { cwd, original } = ownHookUnderBoth();
  expect(preCommit(cwd, 'uninstall').status).toBe(0); // puts pre-commit.legacy (ours) back as pre-commit
  const commit = git(cwd, box.env, 'commit', '--allow-empty', '-m', 'empty');
  expect(commit.status).toBe(0);
  expect(counts(cwd)).toEqual({ pc: 0, own: 1 });
  expect(mlHooks(cwd, box.env, 'uninstall').status).toBe(0);
  expect(hooksDir(cwd)).toEqual(original);
});

maybe('with the output store turned off, both orders still commit; the unstaged edit stays, outputs go as with nbstripout', () => {
  for (const order of ['ml-hooks first', 'pre-commit first']) {
    const cwd = project();
    writeFileSync(join(cwd, '.ml-hooks.json'), '{ "output-store": { "enabled": false } }\n');
    if (order === 'pre-commit first') expect(preCommit(cwd, 'install').status).toBe(0);
    expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
    if (order === 'ml-hooks first') expect(preCommit(cwd, 'install').status).toBe(0);
    commitPartlyStaged(cwd, true, false);
    commitPartlyStaged(cwd, true, false);
    box.cleanup();
  }
  box = sandbox();
});
