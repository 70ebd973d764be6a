// The guard end to end: real `git commit` and `git push` to a local bare remote, with tiny hook
// scripts that call the built CLI (as the installed hooks will).
import { test, expect, afterEach } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, makeTempDir } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

// HOME points at an empty folder: no global config (no LFS filter unless a test installs it).
const home = makeTempDir('ml-hooks-home-');
process.on('exit', home.cleanup);
const ENV = { ...process.env, ...GIT_ENV, HOME: home.path, XDG_CONFIG_HOME: home.path, NO_COLOR: '1' };

interface Run { status: number; out: string }
const run = (cwd: string, args: string[], input?: string): Run => {
  const r = spawnSync('git', args, { cwd, env: ENV, encoding: 'utf8', input: input ?? '' });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
};

function hookScript(body: string): string {
  return `#!/bin/sh\n${body}\n`;
}

/** A repository with the guard's commit and push hooks and a bare remote `origin`. */
function setup(options: { lfs?: boolean } = {}): { repo: TestRepo; remote: TestRepo; git: (...a: string[]) => Run } {
  const repo = makeRepo();
  const remote = makeRepo({ bare: true });
  cleanups.push(repo.cleanup, remote.cleanup);
  const g = (...args: string[]): Run => run(repo.path, args);
  if (options.lfs) expect(g('lfs', 'install', '--local').status).toBe(0);
  const hooks = join(repo.path, '.git', 'hooks');
  mkdirSync(hooks, { recursive: true });
  writeFileSync(join(hooks, 'pre-commit'), hookScript(`exec "${process.execPath}" "${CLI}" check-size --staged`));
  // Chained the way the installer will: our scan, then git-lfs's own pre-push with the same stdin.
  writeFileSync(
    join(hooks, 'pre-push'),
    hookScript(
      [
        'refs=$(cat)',
        `printf '%s\\n' "$refs" | "${process.execPath}" "${CLI}" hook pre-push "$@" || exit $?`,
        'if command -v git-lfs >/dev/null 2>&1 && [ -n "$(git config --get filter.lfs.process)" ]; then',
        `  printf '%s\\n' "$refs" | git lfs pre-push "$@" || exit $?`,
        'fi',
      ].join('\n'),
    ),
  );
  chmodSync(join(hooks, 'pre-commit'), 0o755);
  chmodSync(join(hooks, 'pre-push'), 0o755);
  expect(g('remote', 'add', 'origin', remote.path).status).toBe(0);
  repo.write('README.md', '# project\n');
  expect(g('add', 'README.md').status).toBe(0);
  expect(g('commit', '-q', '-m', 'Start').status).toBe(0);
  return { repo, remote, git: g };
}

const model = (): Buffer => randomBytes(6 * 1000 * 1000);
const sha = (g: (...a: string[]) => Run, rev: string): string => g('rev-parse', rev).out.trim();

test('6 MB model.pt in a DVC repository: blocked with the DVC commands', () => {
  const { repo, git } = setup();
  mkdirSync(join(repo.path, '.dvc'));
  repo.write('.dvc/config', '');
  repo.write('models/model.pt', model());
  git('add', 'models/model.pt');
  const r = git('commit', '-m', 'Add model');
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('models/model.pt is 6.0 MB staged, over the 1.0 MB limit for binary files');
  expect(r.out).toContain('GitHub rejects files over 100 MB');
  expect(r.out).toContain('  git rm --cached models/model.pt\n  dvc add models/model.pt\n  git add models/model.pt.dvc models/.gitignore\n');
  expect(r.out).not.toContain('git lfs');
  expect(git('rev-list', '--count', 'HEAD').out.trim()).toBe('1');
});

test('LFS attribute but no LFS filter configured: the full blob is blocked, with the LFS commands', () => {
  const { repo, git } = setup();
  repo.write('.gitattributes', '*.pt filter=lfs diff=lfs merge=lfs -text\n');
  repo.write('model.pt', model());
  git('add', '.gitattributes', 'model.pt');
  const r = git('commit', '-m', 'Add model');
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('model.pt is 6.0 MB staged');
  expect(r.out).toContain('  git rm --cached model.pt\n  git lfs track "*.pt"\n  git add .gitattributes model.pt\n');
  expect(r.out).not.toContain('dvc add');
});

test('neither DVC nor LFS: both ways; following the LFS commands with LFS installed commits a pointer', () => {
  const { repo, git } = setup({ lfs: true });
  repo.write('model.pt', model());
  git('add', 'model.pt');
  const r = git('commit', '-m', 'Add model');
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('dvc add model.pt');
  expect(r.out).toContain('git lfs track "*.pt"');
  // Run the suggested commands as a shell would.
  const fix = r.out.split('\n').filter((l) => /^ {2}git (rm|lfs|add \.gitattributes)/.test(l)).join('\n');
  expect(fix.split('\n')).toHaveLength(3);
  const sh = spawnSync('sh', ['-e', '-c', fix], { cwd: repo.path, env: ENV, encoding: 'utf8' });
  expect(sh.status).toBe(0);
  const ok = git('commit', '-m', 'Add model through LFS');
  expect(ok.out).not.toContain('blocked');
  expect(ok.status).toBe(0);
  expect(git('cat-file', '-p', 'HEAD:model.pt').out).toMatch(/^version https:\/\/git-lfs.github.com\/spec\/v1\n/);
  // git-lfs's own pre-push still runs after ours and uploads the object to the remote.
  const push = git('push', 'origin', 'main');
  expect(push.out).not.toContain('blocked');
  expect(push.status).toBe(0);
  expect(objectsUnder(join(setupRemotePath(git), 'lfs', 'objects'))).toBe(1);
});

const setupRemotePath = (g: (...a: string[]) => Run): string => g('remote', 'get-url', 'origin').out.trim();
function objectsUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

test('a file shrunk in the working tree after staging is still blocked', () => {
  const { repo, git } = setup();
  repo.write('weights.bin', model());
  git('add', 'weights.bin');
  repo.write('weights.bin', 'small now\n');
  const r = git('commit', '-m', 'weights');
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('weights.bin is 6.0 MB staged');
});

test('a text dump over 10 MB is blocked by the file limit; allow in pyproject.toml lets it through', () => {
  const { repo, git } = setup();
  repo.write('data/dump.csv', 'a,b,c\n'.repeat(2_000_000));
  git('add', 'data/dump.csv');
  const r = git('commit', '-m', 'data');
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('data/dump.csv is 12.0 MB staged, over the 10.0 MB limit for any file');
  repo.write('pyproject.toml', '[tool.ml-hooks.guard]\nallow = ["data/*.csv"]\nmax-binary-size = "500k"\n');
  git('add', 'pyproject.toml');
  expect(git('commit', '-m', 'data').status).toBe(0);
  repo.write('small.bin', randomBytes(600_000));
  git('add', 'small.bin');
  const small = git('commit', '-m', 'small');
  expect(small.status).not.toBe(0);
  expect(small.out).toContain('over the 500.0 kB limit for binary files (set in pyproject.toml [tool.ml-hooks.guard] max-binary-size)');
});

test('a commit made with --no-verify is blocked at push, its commit and path named; a new branch off it is not rescanned', () => {
  const { repo, git } = setup();
  repo.write('models/big.pt', model());
  git('add', '.');
  expect(git('commit', '--no-verify', '-q', '-m', 'Sneak in a model').status).toBe(0);
  const commit = sha(git, 'HEAD');
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('push to origin blocked: 1 file over the size limit');
  expect(push.out).toContain('models/big.pt is 6.0 MB, over the 1.0 MB limit for binary files');
  expect(push.out).toContain(`added in commit ${commit.slice(0, 12)} "Sneak in a model" (refs/heads/main)`);
  expect(push.out).toContain('git lfs migrate import --include=models/big.pt -- refs/heads/main\n');
  expect(push.out).toContain(`git reset --soft ${commit.slice(0, 12)}~1`);
  expect(run(setupRemotePath(git), ['rev-parse', '--verify', '-q', 'refs/heads/main']).status).not.toBe(0);

  // Pushed anyway (hook skipped): now the remote has it, and a new branch on top passes.
  expect(git('push', '--no-verify', '-q', 'origin', 'main').status).toBe(0);
  git('switch', '-q', '-c', 'feature');
  repo.write('notes.txt', 'more\n');
  git('add', '.');
  git('commit', '-q', '-m', 'Notes');
  const branch = git('push', 'origin', 'feature');
  expect(branch.out).not.toContain('blocked');
  expect(branch.status).toBe(0);

  // Deleting a branch pushes nothing and is never blocked.
  const del = git('push', 'origin', '--delete', 'feature');
  expect(del.status).toBe(0);
  expect(run(setupRemotePath(git), ['rev-parse', '--verify', '-q', 'refs/heads/feature']).status).not.toBe(0);
});

test('a new branch to a remote that has nothing is scanned in full', () => {
  const { repo, git } = setup();
  repo.write('old.bin', model());
  git('add', '.');
  git('commit', '--no-verify', '-q', '-m', 'Old model');
  repo.write('README.md', 'changed\n');
  git('rm', '-q', '--cached', 'old.bin');
  git('add', 'README.md');
  git('commit', '-q', '-m', 'Remove model again');
  git('switch', '-q', '-c', 'topic');
  const push = git('push', 'origin', 'topic');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('old.bin is 6.0 MB');
  expect(push.out).toContain('"Old model" (refs/heads/topic)');
});

test('force pushes: one that brings a big file is blocked, one that removes it passes', () => {
  const { repo, git } = setup();
  expect(git('push', '-q', 'origin', 'main').status).toBe(0);
  repo.write('ckpt.bin', model());
  git('add', '.');
  git('commit', '--no-verify', '-q', '--amend', '-m', 'Start (with checkpoint)');
  const forced = git('push', '--force', 'origin', 'main');
  expect(forced.status).not.toBe(0);
  expect(forced.out).toContain('ckpt.bin is 6.0 MB');
  expect(forced.out).toContain('git update-ref -d HEAD');
  // Now the remote gets it (hooks skipped); a rewrite without it is let through.
  expect(git('push', '--no-verify', '-q', '--force', 'origin', 'main').status).toBe(0);
  git('rm', '-q', '--cached', 'ckpt.bin');
  git('commit', '--no-verify', '-q', '--amend', '-m', 'Start');
  const back = git('push', '--force', 'origin', 'main');
  expect(back.out).not.toContain('blocked');
  expect(back.status).toBe(0);
});

test('force push over a remote sha we never fetched: the unknown sha is left out, our commit is scanned', () => {
  const { repo, git } = setup();
  expect(git('push', '-q', 'origin', 'main').status).toBe(0);
  // Someone else rewrote main on the remote; we never fetched it.
  const other = makeRepo();
  cleanups.push(other.cleanup);
  run(other.path, ['fetch', '-q', setupRemotePath(git), 'main']);
  run(other.path, ['reset', '-q', '--hard', 'FETCH_HEAD']);
  other.write('theirs.txt', 'x\n');
  run(other.path, ['add', '.']);
  run(other.path, ['commit', '-q', '--amend', '-m', 'Theirs']);
  expect(run(other.path, ['push', '-q', '--force', setupRemotePath(git), 'HEAD:main']).status).toBe(0);
  repo.write('big.bin', model());
  git('add', '.');
  git('commit', '--no-verify', '-q', '-m', 'Mine');
  const push = git('push', '--force', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('big.bin is 6.0 MB');
  expect(push.out).not.toContain('README.md');
});

test('a path with spaces, quotes and non-ASCII is reported correctly at commit and push', () => {
  const { repo, git } = setup();
  const path = 'mödels/my "best" model (v2).pt';
  repo.write(path, model());
  git('add', '.');
  const r = git('commit', '-m', 'Model');
  expect(r.status).not.toBe(0);
  expect(r.out).toContain(`${path} is 6.0 MB staged`);
  expect(r.out).toContain(`  git rm --cached '${path}'\n`);
  expect(r.out).toContain(`git add '${path}.dvc' 'mödels/.gitignore'`);
  const fix = r.out.split('\n').find((l) => l.startsWith('  git rm --cached'))!;
  expect(spawnSync('sh', ['-c', fix], { cwd: repo.path, env: ENV }).status).toBe(0);
  expect(git('diff', '--cached', '--name-only').out.trim()).toBe('');

  // A leading dash: the command names it ./-v.pt so that git does not read an option.
  repo.write('-v.pt', model());
  git('add', '--', '-v.pt');
  const dash = git('commit', '-m', 'Dash');
  expect(dash.status).not.toBe(0);
  expect(dash.out).toContain('-v.pt is 6.0 MB staged');
  const rm = dash.out.split('\n').find((l) => l.startsWith('  git rm --cached'))!;
  expect(rm).toBe('  git rm --cached ./-v.pt');
  expect(spawnSync('sh', ['-c', rm], { cwd: repo.path, env: ENV }).status).toBe(0);
  expect(git('diff', '--cached', '--name-only').out.trim()).toBe('');

  git('add', path);
  git('commit', '--no-verify', '-q', '-m', 'Model');
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(`${path} is 6.0 MB`);
  expect(push.out).toContain(`git lfs migrate import --include='${path}'`);
});

const UNSTRIPPED = JSON.stringify({
  cells: [{ cell_type: 'code', execution_count: 3, id: 'abc', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['hello\n'] }], source: ['print("hello")'] }],
  metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
}, null, 1) + '\n';

test('an unstripped notebook committed with --no-verify blocks the push by default, warns when configured', () => {
  const { repo, git } = setup();
  repo.write('analysis one.ipynb', UNSTRIPPED);
  git('add', '.');
  git('commit', '--no-verify', '-q', '-m', 'Analysis');
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain('1 notebook committed without stripping');
  expect(push.out).toContain("ml-hooks strip 'analysis one.ipynb' && git add 'analysis one.ipynb' && git commit --amend --no-edit");

  repo.write('pyproject.toml', '[tool.ml-hooks.guard]\nunstripped-notebooks = "warn"\n');
  git('add', 'pyproject.toml');
  git('commit', '-q', '-m', 'Warn only');
  const warned = git('push', 'origin', 'main');
  expect(warned.status).toBe(0);
  expect(warned.out).toContain('warning: 1 notebook in the commits pushed to origin is not stripped');
  expect(warned.out).toContain('git rebase -i');
});

test('a stripped notebook passes the push', () => {
  const { repo, git } = setup();
  const strip = spawnSync(process.execPath, [CLI, 'strip', '-t'], { input: UNSTRIPPED, encoding: 'utf8' });
  expect(strip.status).toBe(0);
  expect(strip.stdout).not.toBe(UNSTRIPPED);
  repo.write('clean.ipynb', strip.stdout);
  git('add', '.');
  git('commit', '-q', '-m', 'Clean');
  const push = git('push', 'origin', 'main');
  expect(push.out).not.toContain('notebook');
  expect(push.status).toBe(0);
});
