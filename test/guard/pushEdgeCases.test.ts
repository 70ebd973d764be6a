// The large-file guard at its edges, with ml-hooks installed and real `git push` to a local bare
// remote: a stale remote-tracking ref, file names with a newline, a tag pointing at a blob, an
// unstripped notebook in the root commit, a file one byte over the limit.
import { afterEach, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { installedRepo, notebookWithOutputs } from '../hooks/installedRepo.js';
import { GIT_ENV, makeRepo, runGit, type GitRun, type TestRepo } from '../helpers/gitRepo.js';

let repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos) r.cleanup();
  repos = [];
});

type Run = GitRun;
const git = runGit;

/** An installed clone with a bare `origin` that has `main` (one small commit). */
function clone(): { repo: TestRepo; remote: TestRepo; run: (...args: string[]) => Run } {
  const remote = makeRepo({ bare: true });
  const repo = installedRepo();
  repos.push(remote, repo);
  const run = (...args: string[]): Run => git(repo.path, args);
  repo.write('README.md', '# project\n');
  run('add', '-A');
  expect(run('commit', '-q', '-m', 'start').status).toBe(0);
  run('remote', 'add', 'origin', remote.path);
  expect(run('push', '-q', 'origin', 'main').status).toBe(0);
  return { repo, remote, run };
}

test('a big file reachable only from a stale remote-tracking ref (deleted on the server, not pruned) is caught', () => {
  const { repo, remote, run } = clone();
  run('switch', '-q', '-c', 'old');
  repo.write('data/blob.bin', randomBytes(2_000_000));
  run('add', 'data/blob.bin');
  expect(run('commit', '-q', '--no-verify', '-m', 'big blob').status).toBe(0);
  expect(run('push', '-q', '--no-verify', 'origin', 'old').status).toBe(0);
  // deleted on the server; this clone still has origin/old
  git(remote.path, ['update-ref', '-d', 'refs/heads/old']);
  expect(run('rev-parse', '-q', '--verify', 'refs/remotes/origin/old').status).toBe(0);

  run('switch', '-q', '-c', 'feature', 'old');
  const push = run('push', 'origin', 'feature');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('push to origin blocked: 1 file over the size limit');
  expect(push.out).toContain('data/blob.bin is 2.0 MB, over the 1.0 MB limit for binary files');
  expect(push.out).toMatch(/added in commit [0-9a-f]{12} "big blob" \(refs\/heads\/feature\)/);
  expect(git(remote.path, ['rev-parse', '-q', '--verify', 'refs/heads/feature']).status).not.toBe(0);
});

test('a big file the remote still has on another branch is not reported again; a new one beside it is', () => {
  const { repo, run } = clone();
  run('switch', '-q', '-c', 'kept');
  repo.write('data/blob.bin', randomBytes(2_000_000));
  run('add', 'data/blob.bin');
  expect(run('commit', '-q', '--no-verify', '-m', 'big blob').status).toBe(0);
  expect(run('push', '-q', '--no-verify', 'origin', 'kept').status).toBe(0);

  run('switch', '-q', '-c', 'feature', 'kept');
  repo.write('notes.md', 'notes\n');
  run('add', 'notes.md');
  run('commit', '-q', '-m', 'notes');
  const push = run('push', 'origin', 'feature');
  expect(push.out).not.toContain('blocked');
  expect(push.status).toBe(0);

  repo.write('data/second.bin', randomBytes(2_000_000));
  run('add', 'data/second.bin');
  run('commit', '-q', '--no-verify', '-m', 'second');
  const second = run('push', 'origin', 'feature');
  expect(second.status).not.toBe(0);
  expect(second.out).toContain('data/second.bin is 2.0 MB');
  expect(second.out).not.toContain('data/blob.bin');
});

test('a file name with a newline is named whole, with its commit and a command that takes it', () => {
  const { repo, run } = clone();
  repo.write('big\nfile.bin', randomBytes(2_000_000));
  run('add', '-A');
  expect(run('commit', '-q', '--no-verify', '-m', 'odd name').status).toBe(0);
  const push = run('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('\n"big\\nfile.bin" is 2.0 MB, over the 1.0 MB limit for binary files');
  expect(push.out).toMatch(/added in commit [0-9a-f]{12} "odd name" \(refs\/heads\/main\)/);
  expect(push.out).toContain("git lfs migrate import --include=$'big\\nfile.bin' -- refs/heads/main\n");
  expect(push.out).toContain("git rm --cached $'big\\nfile.bin'");
  // the command as printed names the file (bash reads $'…')
  const rm = spawnSync('bash', ['-c', "git ls-files -- $'big\\nfile.bin'"], { cwd: repo.path, encoding: 'utf8' });
  expect(rm.stdout).toBe('"big\\nfile.bin"\n');
});

test('a tag pointing at a big blob is named by the blob and the tag, with a fix that applies', () => {
  const { repo, run } = clone();
  repo.write('payload.bin', randomBytes(3_000_000));
  const oid = spawnSync('git', ['hash-object', '-w', 'payload.bin'], { cwd: repo.path, encoding: 'utf8' }).stdout.trim();
  run('tag', 'big-blob', oid);
  const push = run('push', 'origin', 'big-blob');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(`\nthe blob ${oid.slice(0, 12)} (refs/tags/big-blob) is 3.0 MB, over the 1.0 MB limit for binary files`);
  expect(push.out).toContain('It is in no commit: refs/tags/big-blob points at the file itself. Push without that ref, or delete the tag:\n  git tag -d big-blob\n');
  expect(push.out).not.toMatch(/^ is |--include=''/m);
});

test('an unstripped notebook in the root commit: the advice is `git rebase -i --root`, and following it lets the push through', () => {
  const remote = makeRepo({ bare: true });
  const repo = installedRepo();
  repos.push(remote, repo);
  const run = (...args: string[]): Run => git(repo.path, args);
  // a clone without the filter (the attributes not committed yet): committed past the hook
  run('config', '--unset', 'filter.ml-hooks.process');
  repo.write('nb.ipynb', notebookWithOutputs(['x = 1\n']));
  run('add', 'nb.ipynb');
  expect(run('commit', '-q', '--no-verify', '-m', 'root').status).toBe(0);
  const root = run('rev-parse', 'HEAD').out.trim();
  repo.write('README.md', 'readme\n');
  run('add', 'README.md');
  run('commit', '-q', '-m', 'second');
  run('remote', 'add', 'origin', remote.path);

  const push = run('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(
    'Strip it in that commit (a copy of your working nb.ipynb is put back at the end, and --autostash puts your other uncommitted work aside): run ' +
      `\`cp nb.ipynb nb.ipynb.ml-hooks-keep && ML_HOOKS=0 git rebase -i --autostash --root main\`, mark ${root.slice(0, 12)} "edit", then:\n  ml-hooks strip nb.ipynb && git add nb.ipynb && git commit --amend --no-edit\n  ML_HOOKS=0 git rebase --continue\n  mv -f nb.ipynb.ml-hooks-keep nb.ipynb\n`,
  );
  expect(push.out).not.toContain('~1');

  // the advice, step by step
  expect(git(repo.path, ['rebase', '-q', '-i', '--root', 'main'], { GIT_SEQUENCE_EDITOR: `sed -i "s/^pick ${root.slice(0, 7)}/edit ${root.slice(0, 7)}/"` }).status).toBe(0);
  expect(spawnSync('bash', ['-c', 'ml-hooks() { node "$CLI" "$@"; }; ml-hooks strip nb.ipynb && git add nb.ipynb && git commit -q --amend --no-edit'], { cwd: repo.path, env: { ...process.env, ...GIT_ENV, CLI: `${process.cwd()}/dist/cli.js` } }).status).toBe(0);
  expect(git(repo.path, ['rebase', '--continue'], { GIT_EDITOR: 'true' }).status).toBe(0);
  const again = run('push', 'origin', 'main');
  expect(again.out).not.toContain('blocked');
  expect(again.status).toBe(0);
});

test('a file one byte over the limit: the two sizes read differently', () => {
  const { repo, run } = clone();
  repo.write('data/dump.csv', 'x'.repeat(10_000_000) + '\n');
  run('add', 'data/dump.csv');
  const commit = run('commit', '-m', 'dump');
  expect(commit.status).not.toBe(0);
  expect(commit.out).toContain('data/dump.csv is 10.000001 MB staged, over the 10.000000 MB limit for any file');
});
