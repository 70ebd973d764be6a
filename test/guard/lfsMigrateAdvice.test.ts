// The push guard's `git lfs migrate import` advice, run as printed with the real git-lfs (3.3 on
// the development machine): it must rewrite only the commits the remote does not have. With
// `--include-ref`, git-lfs drops its default exclusion of remote refs and rewrites pushed commits
// too (a branch merged in, the branch's own pushed part), so the push is then rejected.
import { afterEach, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { installedRepo } from '../hooks/installedRepo.js';
import { GIT_ENV, makeRepo, runGit, type TestRepo } from '../helpers/gitRepo.js';
import { makeTempDir } from '../helpers/cli.js';

const HAS_GIT_LFS = spawnSync('git-lfs', ['version']).status === 0;
/** Skipped, saying why, only where the git-lfs binary is missing. */
const lfsTest = HAS_GIT_LFS ? test : (name: string, fn: () => void) => test.skip(`${name} [skipped: git-lfs is not installed on this machine]`, fn);

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

/** An installed clone (its own HOME: no global git-lfs setup) with a bare `origin` that has `main`. */
function clone(): { repo: TestRepo; env: NodeJS.ProcessEnv; git: (...args: string[]) => { status: number | null; out: string } } {
  const home = makeTempDir('ml-hooks-lfs-home-');
  const remote = makeRepo({ bare: true });
  const repo = installedRepo();
  cleanups.push(home.cleanup, remote.cleanup, repo.cleanup);
  const env = { HOME: home.path, XDG_CONFIG_HOME: home.path };
  const git = (...args: string[]) => runGit(repo.path, args, env);
  repo.write('README.md', '# project\n');
  git('add', '-A');
  expect(git('commit', '-q', '-m', 'start').status).toBe(0);
  git('remote', 'add', 'origin', remote.path);
  expect(git('push', '-q', 'origin', 'main').status).toBe(0);
  return { repo, env: { ...process.env, ...GIT_ENV, ...env }, git };
}

const sha = (git: ReturnType<typeof clone>['git'], rev: string): string => git('rev-parse', rev).out.trim();
const commitFile = (repo: TestRepo, git: ReturnType<typeof clone>['git'], path: string, content: string | Buffer, message: string): void => {
  repo.write(path, content);
  git('add', path);
  expect(git('commit', '-q', '--no-verify', '-m', message).status).toBe(0);
};

/** Pushes `branch`, expects the block, and runs the advised `git lfs migrate import` line as printed. */
function followLfsAdvice({ repo, env, git }: ReturnType<typeof clone>, branch: string): string {
  const push = git('push', 'origin', branch);
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('model.bin is 2.0 MB');
  const advice = push.out.split('\n').find((l) => l.startsWith('  git lfs migrate import'))!.trim();
  const migrate = spawnSync('bash', ['-c', advice], { cwd: repo.path, env });
  expect(migrate.status).toBe(0);
  return advice;
}

lfsTest('the LFS advice rewrites only unpushed commits of a branch not checked out that merged a pushed branch', () => {
  const box = clone();
  const { repo, git } = box;
  git('switch', '-q', '-c', 'develop');
  commitFile(repo, git, 'd.txt', 'd\n', 'develop work');
  expect(git('push', '-q', 'origin', 'develop').status).toBe(0);
  git('switch', '-q', '-c', 'feature', 'main');
  commitFile(repo, git, 'f.txt', 'f\n', 'feature work');
  expect(git('push', '-q', 'origin', 'feature').status).toBe(0);
  expect(git('merge', '-q', '--no-edit', 'develop').status).toBe(0);
  commitFile(repo, git, 'model.bin', randomBytes(2_000_000), 'model');
  git('switch', '-q', 'main');
  const before = { feature: sha(git, 'feature'), develop: sha(git, 'develop'), main: sha(git, 'main') };
  const unpushed = git('rev-list', 'feature', '--not', '--remotes=origin').out.trim().split('\n').sort();
  expect(unpushed).toHaveLength(2); // the merge and the model

  const advice = followLfsAdvice(box, 'feature');
  expect(advice).toBe('git lfs migrate import --include=model.bin -- refs/heads/feature');

  // Exactly the two unpushed commits were rewritten; every commit the remote has is untouched.
  expect(git('rev-list', before.feature, '--not', 'feature').out.trim().split('\n').sort()).toEqual(unpushed);
  expect({ develop: sha(git, 'develop'), main: sha(git, 'main') }).toEqual({ develop: before.develop, main: before.main });
  for (const pushed of ['origin/feature', 'origin/develop', 'origin/main']) expect(git('merge-base', '--is-ancestor', pushed, 'feature').status).toBe(0);
  expect(git('show', 'feature:model.bin').out).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/);
  // The push goes through as a fast-forward.
  const again = git('push', 'origin', 'feature');
  expect(again.out).not.toMatch(/blocked|rejected/);
  expect(again.status).toBe(0);
});

lfsTest('the LFS advice for a new branch leaves the commits the remote has on other branches alone', () => {
  const box = clone();
  const { repo, git } = box;
  git('switch', '-q', '-c', 'topic');
  commitFile(repo, git, 't.txt', 't\n', 'topic work');
  commitFile(repo, git, 'model.bin', randomBytes(2_000_000), 'model');
  const main = sha(git, 'main');
  const old = sha(git, 'topic');

  expect(followLfsAdvice(box, 'topic')).toBe('git lfs migrate import --include=model.bin -- refs/heads/topic');
  expect(git('rev-list', old, '--not', 'topic').out.trim().split('\n')).toHaveLength(2);
  expect(git('merge-base', '--is-ancestor', main, 'topic').status).toBe(0);
  expect(sha(git, 'main')).toBe(main);
  const again = git('push', 'origin', 'topic');
  expect(again.out).not.toMatch(/blocked|rejected/);
  expect(again.status).toBe(0);
});

lfsTest('a push to a URL (no remote-tracking refs): the advice names the commits the remote has, and rewrites only the new one', () => {
  const home = makeTempDir('ml-hooks-lfs-home-');
  const remote = makeRepo({ bare: true });
  const repo = installedRepo();
  cleanups.push(home.cleanup, remote.cleanup, repo.cleanup);
  const env = { ...process.env, ...GIT_ENV, HOME: home.path, XDG_CONFIG_HOME: home.path };
  const git = (...args: string[]) => runGit(repo.path, args, { HOME: home.path, XDG_CONFIG_HOME: home.path });
  const url = `file://${remote.path}`; // git-lfs uploads to a file:// URL, not to a bare path
  repo.write('README.md', '# project\n');
  git('add', '-A');
  expect(git('commit', '-q', '-m', 'start').status).toBe(0);
  expect(git('push', '-q', url, 'main').status).toBe(0);
  const pushed = sha(git, 'main');
  commitFile(repo, git, 'model.bin', randomBytes(2_000_000), 'model');

  const push = git('push', url, 'main');
  expect(push.status).not.toBe(0);
  const advice = push.out.split('\n').find((l) => l.startsWith('  git lfs migrate import'))!.trim();
  expect(advice).toBe(`git lfs migrate import --include=model.bin --include-ref=refs/heads/main --exclude-ref=${pushed}`);
  expect(spawnSync('bash', ['-c', advice], { cwd: repo.path, env }).status).toBe(0);
  expect(git('merge-base', '--is-ancestor', pushed, 'main').status).toBe(0);
  expect(git('rev-list', '--count', `${pushed}..main`).out.trim()).toBe('1');
  const again = git('push', url, 'main');
  expect({ status: again.status, out: again.out }).toEqual({ status: 0, out: expect.not.stringMatching(/blocked|rejected/) });
});
