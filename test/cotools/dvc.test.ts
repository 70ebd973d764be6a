// DVC's hooks, shaped as `dvc install` writes them (dvc/repo/install.py through scmrepo: a
// `#!/bin/sh` file per hook holding `exec dvc git-hook HOOK $@`, for post-checkout, pre-commit and
// pre-push). DVC is not installed here: a `dvc` on PATH records how it is called.
import { afterEach, expect, test } from '@jest/globals';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitOk, hooksDir, hasCommand, mlHooks, notebookWithOutputs, sandbox, stripped, type Sandbox } from './coTools.js';

let box: Sandbox;
afterEach(() => box.cleanup());

const DVC_HOOKS = ['post-checkout', 'pre-commit', 'pre-push'] as const;
const dvcHook = (hook: string) => `#!/bin/sh\nexec dvc git-hook ${hook} $@\n`;


function setUp(): { cwd: string; remote: string; log: string; env: NodeJS.ProcessEnv } {
  box = sandbox();
  const repo = box.repo();
  const remote = box.repo({ bare: true });
  gitOk(repo.path, box.env, 'remote', 'add', 'origin', remote.path);
  const bin = join(box.home, 'bin');
  mkdirSync(bin);
  const log = join(box.home, 'dvc.log');
  // the stand-in: one line per call with its arguments, then what it got on stdin
  writeFileSync(join(bin, 'dvc'), `#!/bin/sh\necho "dvc $*" >> "${log}"\nif [ "$2" = pre-push ]; then cat >> "${log}"; fi\n`);
  chmodSync(join(bin, 'dvc'), 0o755);
  mkdirSync(join(repo.path, '.dvc'));
  writeFileSync(join(repo.path, '.dvc', 'config'), '');
  for (const hook of DVC_HOOKS) {
    writeFileSync(join(repo.path, '.git', 'hooks', hook), dvcHook(hook));
    chmodSync(join(repo.path, '.git', 'hooks', hook), 0o755);
  }
  return { cwd: repo.path, remote: remote.path, log, env: { ...box.env, PATH: `${bin}:${box.env.PATH}` } };
}

test("after dvc install: DVC's pre-commit and pre-push run after ours with git's arguments and refs; post-checkout is left to DVC; uninstall restores all", () => {
  const { cwd, remote, log, env } = setUp();
  const before = hooksDir(cwd);
  const inst = mlHooks(cwd, env, 'install');
  expect(inst.out).toContain('kept as .git/hooks/pre-commit.ml-hooks-chained');
  expect(inst.out).toContain('kept as .git/hooks/pre-push.ml-hooks-chained');
  expect(readFileSync(join(cwd, '.git/hooks/post-checkout'), 'utf8')).toBe(dvcHook('post-checkout'));
  expect(mlHooks(cwd, env, 'install').out).toContain('nothing changed');

  const text = notebookWithOutputs(['df = load()\n']);
  writeFileSync(join(cwd, 'nb.ipynb'), text);
  gitOk(cwd, env, 'add', '-A');
  const commit = git(cwd, env, 'commit', '-m', 'nb');
  expect(commit.status).toBe(0);
  expect(gitOk(cwd, env, 'show', 'HEAD:nb.ipynb')).toBe(stripped(text));
  gitOk(cwd, env, 'checkout', '-q', '-b', 'side');
  const head = gitOk(cwd, env, 'rev-parse', 'HEAD').trim();
  const push = git(cwd, env, 'push', '-q', 'origin', 'side');
  expect(push.status).toBe(0);
  expect(readFileSync(log, 'utf8')).toBe(
    `dvc git-hook pre-commit\ndvc git-hook post-checkout ${head} ${head} 1\n` +
      `dvc git-hook pre-push origin ${remote}\nrefs/heads/side ${head} refs/heads/side ${'0'.repeat(40)}\n`,
  );
  expect(gitOk(remote, env, 'rev-parse', 'side').trim()).toBe(head);

  expect(mlHooks(cwd, env, 'uninstall').status).toBe(0);
  expect(hooksDir(cwd)).toEqual(before);
});

const maybeLfs = hasCommand('git-lfs', ['version']) ? test : test.skip;

maybeLfs('DVC and git-lfs in one clone: our pre-push chains DVC and runs git lfs pre-push itself, so both get the push', () => {
  const { cwd, remote, log, env } = setUp();
  gitOk(cwd, env, 'config', 'filter.lfs.process', 'git-lfs filter-process');
  gitOk(cwd, env, 'config', 'filter.lfs.required', 'true');
  gitOk(cwd, env, 'config', 'lfs.repositoryformatversion', '0');
  const inst = mlHooks(cwd, env, 'install');
  expect(inst.out).toContain("ml-hooks' pre-push runs `git lfs pre-push` itself");
  gitOk(cwd, env, 'lfs', 'track', '*.bin');
  writeFileSync(join(cwd, 'w.bin'), Buffer.alloc(5000, 9));
  gitOk(cwd, env, 'add', '-A');
  expect(git(cwd, env, 'commit', '-q', '-m', 'weights').status).toBe(0);
  const oid = /oid sha256:([0-9a-f]{64})/.exec(gitOk(cwd, env, 'show', 'HEAD:w.bin'))![1]!;
  const push = git(cwd, env, 'push', '-q', 'origin', 'main');
  expect(push.status).toBe(0);
  expect(existsSync(join(remote, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid))).toBe(true);
  expect(readFileSync(log, 'utf8')).toContain(`dvc git-hook pre-push origin ${remote}\n`);
});
