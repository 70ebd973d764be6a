// git-lfs 3.3 beside ml-hooks: `git lfs install` after ours stops at "Hook already exists" and
// writes none of its hooks. Whatever the order, LFS objects must reach the remote, and status
// and the pre-push hook say what is missing and how to fix it.
import { afterEach, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitOk, hooksDir, hasCommand, mlHooks, notebookWithOutputs, sandbox, stripped, type Sandbox } from './coTools.js';

const maybe = hasCommand('git-lfs', ['version']) ? test : test.skip;
let box: Sandbox;
afterEach(() => box.cleanup());


/** Every LFS object id the bare remote holds. */
function remoteObjects(remote: string): string[] {
  const root = join(remote, 'lfs', 'objects');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => /[0-9a-f]{64}$/.test(p)).map((p) => p.slice(-64)).sort();
}

let n = 0;
/** Commits an LFS-tracked file and a notebook; returns the LFS object id. */
function commitWeights(cwd: string): string {
  n += 1;
  writeFileSync(join(cwd, `w${n}.bin`), Buffer.alloc(3000, n));
  writeFileSync(join(cwd, 'nb.ipynb'), notebookWithOutputs([`n = ${n}\n`]));
  gitOk(cwd, box.env, 'add', '-A');
  const commit = git(cwd, box.env, 'commit', '-m', `weights ${n}`);
  expect(commit.status).toBe(0);
  const pointer = gitOk(cwd, box.env, 'show', `HEAD:w${n}.bin`);
  expect(pointer).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:[0-9a-f]{64}\nsize 3000\n$/);
  expect(gitOk(cwd, box.env, 'show', 'HEAD:nb.ipynb')).toBe(stripped(notebookWithOutputs([`n = ${n}\n`])));
  return /oid sha256:([0-9a-f]{64})/.exec(pointer)![1]!;
}

function setUp(): { cwd: string; remote: string } {
  box = sandbox();
  const repo = box.repo();
  const remote = box.repo({ bare: true });
  gitOk(repo.path, box.env, 'remote', 'add', 'origin', remote.path);
  return { cwd: repo.path, remote: remote.path };
}

maybe('ml-hooks install, then git lfs install: lfs refuses, pushes still upload, status says so, install chains its hooks', () => {
  const { cwd, remote } = setUp();
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  const lfs = git(cwd, box.env, 'lfs', 'install', '--local');
  expect(lfs.status).toBe(2);
  expect(lfs.out).toContain('Hook already exists: pre-push');
  gitOk(cwd, box.env, 'lfs', 'track', '*.bin');
  const first = commitWeights(cwd);

  // status does not say all is well
  const status = mlHooks(cwd, box.env, 'status');
  expect(status.status).toBe(1);
  expect(status.out).toMatch(/BROKEN\s+git-lfs\s+this clone uses Git LFS, but git-lfs's hooks are not installed \(`git lfs install` stops at ours: "Hook already exists"\).*\n\s+fix: npx ml-hooks install/);
  // the push uploads anyway, and says why and what to run
  const push = git(cwd, box.env, 'push', '-q', 'origin', 'main');
  expect(push.out).toContain("ml-hooks: git-lfs's own hooks are not installed here, so ml-hooks runs `git lfs pre-push` to upload LFS objects. Run `npx ml-hooks install` to chain git-lfs's hooks.");
  expect(push.status).toBe(0);
  expect(remoteObjects(remote)).toEqual([first]);

  // install again: git-lfs's hooks are written and its pre-push chained
  const again = mlHooks(cwd, box.env, 'install');
  expect(again.out).toContain("git-lfs's hooks written by `git lfs update`; its pre-push is kept as .git/hooks/pre-push.ml-hooks-chained");
  for (const hook of ['post-checkout', 'post-commit', 'post-merge']) expect(readFileSync(join(cwd, '.git/hooks', hook), 'utf8')).toContain(`git lfs ${hook}`);
  expect(readFileSync(join(cwd, '.git/hooks/pre-push.ml-hooks-chained'), 'utf8')).toContain('git lfs pre-push');
  expect(mlHooks(cwd, box.env, 'status').status).toBe(0);
  expect(mlHooks(cwd, box.env, 'install').out).toContain('nothing changed');
  const second = commitWeights(cwd);
  const push2 = git(cwd, box.env, 'push', '-q', 'origin', 'main');
  expect(push2.out).not.toContain('ml-hooks runs `git lfs pre-push`');
  expect(push2.status).toBe(0);
  expect(remoteObjects(remote)).toEqual([first, second].sort());
  expect(gitOk(cwd, box.env, 'lfs', 'ls-files', '-l').split('\n').filter(Boolean).map((l) => l.split(' ')[0]).sort()).toEqual([first, second].sort());

  // uninstall: git-lfs's hooks stay, its pre-push back in place; a clone gets the objects
  expect(mlHooks(cwd, box.env, 'uninstall').status).toBe(0);
  expect(readFileSync(join(cwd, '.git/hooks/pre-push'), 'utf8')).toContain('git lfs pre-push');
  expect(existsSync(join(cwd, '.git/hooks/pre-push.ml-hooks-chained'))).toBe(false);
  const clone = box.repo();
  gitOk(clone.path, box.env, 'lfs', 'install', '--local');
  gitOk(clone.path, box.env, 'remote', 'add', 'origin', remote);
  gitOk(clone.path, box.env, 'pull', '-q', 'origin', 'main');
  expect(readFileSync(join(clone.path, 'w2.bin')).equals(Buffer.alloc(3000, 2))).toBe(true);
});

maybe('git lfs install, then ml-hooks install (and again): lfs pre-push chained, objects arrive; uninstall restores its hooks', () => {
  const { cwd, remote } = setUp();
  expect(git(cwd, box.env, 'lfs', 'install', '--local').status).toBe(0);
  const before = hooksDir(cwd);
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  expect(mlHooks(cwd, box.env, 'install').out).toContain('nothing changed');
  // lfs install run again over ours refuses, and changes nothing
  expect(git(cwd, box.env, 'lfs', 'install', '--local').status).toBe(2);
  gitOk(cwd, box.env, 'lfs', 'track', '*.bin');
  const oid = commitWeights(cwd);
  expect(mlHooks(cwd, box.env, 'status').out).toMatch(/ok\s+git-lfs\s+\.git\/hooks\/pre-push\.ml-hooks-chained \(git-lfs\) runs after the ml-hooks pre-push/);
  const push = git(cwd, box.env, 'push', '-q', 'origin', 'main');
  expect(push.status).toBe(0);
  expect(remoteObjects(remote)).toEqual([oid]);
  expect(mlHooks(cwd, box.env, 'uninstall').status).toBe(0);
  expect(hooksDir(cwd)).toEqual(before);
});

maybe('git-lfs in use and its binary gone: the push stops with the reason instead of leaving objects behind', () => {
  const { cwd } = setUp();
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  expect(git(cwd, box.env, 'lfs', 'install', '--local').status).toBe(2);
  gitOk(cwd, box.env, 'lfs', 'track', '*.bin');
  commitWeights(cwd);
  // a PATH with git and sh but no git-lfs (the filter is not needed to push)
  const bin = join(box.home, 'bin');
  mkdirSync(bin);
  for (const tool of ['git', 'sh', 'cat', 'sed', 'head', 'grep', 'cmp', 'node']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, join(bin, tool));
  }
  const env = { ...box.env, PATH: bin };
  const push = git(cwd, env, 'push', '-q', 'origin', 'main');
  expect(push.status).toBe(1);
  expect(push.out).toContain('ml-hooks: this clone has Git LFS objects (.git/lfs) but git-lfs is not on PATH, so they would not be uploaded: the push stops.');
  const status = mlHooks(cwd, env, 'status');
  expect(status.out).toMatch(/BROKEN\s+git-lfs\s+this clone uses Git LFS, but git-lfs is not on PATH/);
});
