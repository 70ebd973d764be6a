// The command modes the pre-commit hooks and the prepare recipe run, without the frameworks:
// strip --pre-commit-mode / --staged, sync --pre-commit-mode, install --quiet, and the entry script.
import { afterEach, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { install, notebookWithOutputs, stripped } from '../hooks/installedRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const newRepo = (): TestRepo => {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r;
};
const read = (repo: TestRepo, path: string) => readFileSync(join(repo.path, path), 'utf8');

test('strip --pre-commit-mode rewrites the notebooks with outputs, names each, and exits 1; stripped ones pass silently', () => {
  const repo = newRepo();
  const text = notebookWithOutputs(['print(1)\n']);
  repo.write('a.ipynb', text);
  repo.write('dir/b c.ipynb', text);
  repo.write('clean.ipynb', stripped(text));
  const r = runCli(['strip', '--pre-commit-mode', '--', 'a.ipynb', 'clean.ipynb', 'dir/b c.ipynb'], { cwd: repo.path });
  expect(r.stderr).toBe(
    'ml-hooks: a.ipynb still had outputs or volatile metadata: stripped it in place\n' +
      'ml-hooks: dir/b c.ipynb still had outputs or volatile metadata: stripped it in place\n' +
      "  Stage the result (git add a.ipynb 'dir/b c.ipynb') and commit again.\n",
  );
  expect(r.stdout).toBe('');
  expect(r.status).toBe(1);
  expect(read(repo, 'a.ipynb')).toBe(stripped(text));
  expect(read(repo, 'dir/b c.ipynb')).toBe(stripped(text));
  const again = runCli(['strip', '--pre-commit-mode', '--', 'a.ipynb', 'clean.ipynb', 'dir/b c.ipynb'], { cwd: repo.path });
  expect(again).toMatchObject({ status: 0, stdout: '', stderr: '' });
  expect(runCli(['strip', '--pre-commit-mode', '--verify', 'a.ipynb'], { cwd: repo.path }).status).toBe(2);
});

test('strip --pre-commit-mode leaves a notebook alone when the clone\'s ml-hooks filter stores it stripped, and strips it when the index holds outputs', () => {
  const repo = newRepo();
  install(repo.path);
  const text = notebookWithOutputs(['x = 1\n']);
  repo.write('kept.ipynb', text);
  repo.git('add', 'kept.ipynb'); // the filter stores it stripped
  expect(repo.git('show', ':kept.ipynb')).toBe(stripped(text));
  repo.write('committed.ipynb', text);
  spawnSync('git', ['add', 'committed.ipynb'], { cwd: repo.path, env: { ...process.env, ML_HOOKS: '0' } }); // stored with its outputs
  expect(repo.git('show', ':committed.ipynb')).toBe(text);
  const r = runCli(['strip', '--pre-commit-mode', '--', 'kept.ipynb', 'committed.ipynb'], { cwd: repo.path });
  expect(r.stderr).toContain('ml-hooks: committed.ipynb still had outputs');
  expect(r.stderr).not.toContain('kept.ipynb still');
  expect(r.status).toBe(1);
  expect(read(repo, 'kept.ipynb')).toBe(text);
  expect(read(repo, 'committed.ipynb')).toBe(stripped(text));
});

test('strip --staged strips the index only and takes no file or flag', () => {
  const repo = newRepo();
  const text = notebookWithOutputs(['y = 2\n']);
  repo.write('nb.ipynb', text);
  repo.git('add', 'nb.ipynb');
  const r = runCli(['strip', '--staged'], { cwd: repo.path });
  expect(r.stderr).toBe('ml-hooks: stripped outputs from 1 staged notebook: nb.ipynb (your working files keep them).\n');
  expect(r.status).toBe(0);
  expect(repo.git('show', ':nb.ipynb')).toBe(stripped(text));
  expect(read(repo, 'nb.ipynb')).toBe(text);
  const withFile = runCli(['strip', '--staged', 'nb.ipynb'], { cwd: repo.path });
  expect(withFile.status).toBe(2);
  expect(withFile.stderr).toContain("--staged strips every staged notebook with the repository's settings: give no FILE");
  expect(runCli(['strip', '--staged', '--keep-count'], { cwd: repo.path }).stderr).toContain('and no other flag (got --keep-count)');
  const outside = makeTempDir();
  cleanups.push(outside.cleanup);
  expect(runCli(['strip', '--staged'], { cwd: outside.path }).status).toBe(2);
});

test('sync --pre-commit-mode skips files that are not paired, writes the other side of a pair and exits 1 naming it', () => {
  const repo = newRepo();
  repo.write('pyproject.toml', '[tool.ml-hooks.pair]\nnotebooks = ["nb/*.ipynb"]\n');
  repo.write('nb/a.ipynb', stripped(notebookWithOutputs(['z = 3\n'])));
  repo.write('setup.py', 'print("not paired")\n');
  const quiet = runCli(['sync', '--pre-commit-mode', '--', 'setup.py', 'README.md'], { cwd: repo.path });
  expect(quiet).toMatchObject({ status: 0, stdout: '', stderr: '' });
  const r = runCli(['sync', '--pre-commit-mode', '--', 'setup.py', 'nb/a.ipynb'], { cwd: repo.path });
  expect(r.stdout).toBe('Updated nb/a.py from nb/a.ipynb\n  Stage the updated files (git add nb/a.py) and commit again.\n');
  expect(r.status).toBe(1);
  expect(read(repo, 'nb/a.py')).toContain('z = 3');
  expect(runCli(['sync', '--pre-commit-mode', '--', 'nb/a.ipynb', 'nb/a.py'], { cwd: repo.path })).toMatchObject({ status: 0, stdout: '' });
  expect(runCli(['sync', '--pre-commit-mode', '--check', 'nb/a.ipynb'], { cwd: repo.path }).status).toBe(2);
});

test('install --quiet prints nothing and is idempotent; in CI or outside a work tree it does nothing and succeeds', () => {
  const repo = newRepo();
  const first = runCli(['install', '--quiet'], { cwd: repo.path, env: { CI: '' } });
  expect(first).toMatchObject({ status: 0, stdout: '', stderr: '' });
  expect(existsSync(join(repo.path, '.git', 'ml-hooks', 'run'))).toBe(true);
  const config = repo.git('config', '--list', '--local');
  expect(runCli(['install', '--quiet'], { cwd: repo.path, env: { CI: 'false' } })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  expect(repo.git('config', '--list', '--local')).toBe(config);
  expect(runCli(['install'], { cwd: repo.path }).stdout).toBe('ml-hooks is already installed here; nothing changed.\n');

  const ci = newRepo();
  expect(runCli(['install', '--quiet'], { cwd: ci.path, env: { CI: 'true' } })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  expect(existsSync(join(ci.path, '.git', 'ml-hooks'))).toBe(false);
  const outside = makeTempDir();
  cleanups.push(outside.cleanup);
  expect(runCli(['install', '--quiet'], { cwd: outside.path, env: { CI: '' } })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  expect(runCli(['install'], { cwd: outside.path, env: { CI: '' } }).status).toBe(2); // not a repository
});

test('the pre-commit entry script says what to do when node cannot be found, and honours ML_HOOKS=0', () => {
  const home = makeTempDir();
  cleanups.push(home.cleanup);
  const entry = join(REPO_ROOT, 'hooks', 'pre-commit-framework');
  const noNode = spawnSync(entry, ['check'], { env: { PATH: '/nonexistent', HOME: home.path }, encoding: 'utf8' });
  expect(noNode.stderr).toBe('ml-hooks: cannot find node (Node.js 20 or later), which the ml-hooks hooks run on: install it, or start git where node is on the PATH; skip once with ML_HOOKS=0.\n');
  expect(noNode.status).toBe(1);
  const skipped = spawnSync(entry, ['strip', '--pre-commit-mode', '--', 'x.ipynb'], { env: { PATH: '/nonexistent', HOME: home.path, ML_HOOKS: '0' }, encoding: 'utf8' });
  expect(skipped).toMatchObject({ status: 0, stderr: 'ml-hooks: ML_HOOKS=0, skipping `ml-hooks strip`.\n' });
});
