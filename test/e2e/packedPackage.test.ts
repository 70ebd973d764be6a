// End to end, as a user meets ml-hooks: the packed tarball, `npx ml-hooks install` in a fresh
// Python-style repository (no package.json), commits with a notebook, a paired script and a
// large file, a push to a local bare remote, and a global install.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NBSTRIPOUT_FIXTURES, REPO_ROOT, makeTempDir } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';

const tmp = makeTempDir('ml-hooks-e2e-');
const npmCache = join(tmp.path, 'npm-cache');
let tarball: string;
let repo: TestRepo;
let remote: TestRepo;

const DIRTY = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb'));
const CLEAN = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb.expected'), 'utf8');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function sh(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; bareEnv?: boolean } = {}): Run {
  const env = options.bareEnv ? { ...GIT_ENV, ...options.env } : { ...process.env, ...GIT_ENV, npm_config_cache: npmCache, npm_config_update_notifier: 'false', ...options.env };
  const r = spawnSync(cmd, args, { cwd: options.cwd ?? repo.path, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const packed = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp.path, '--json'], { cwd: REPO_ROOT });
  expect(packed.stderr).not.toMatch(/npm error/);
  const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(tmp.path, info[0]!.filename);
  repo = makeRepo();
  remote = makeRepo({ bare: true });
  repo.git('remote', 'add', 'origin', remote.path);
}, 120_000);

afterAll(() => {
  repo?.cleanup();
  remote?.cleanup();
  tmp.cleanup();
});

test('the package holds only what it needs', () => {
  const listed = sh('tar', ['-tzf', tarball], { cwd: tmp.path }).stdout.trim().split('\n').map((p) => p.replace(/^package\//, ''));
  const topLevel = new Set(listed.map((p) => p.split('/')[0]));
  expect([...topLevel].sort()).toEqual(['.pre-commit-hooks.yaml', 'LICENSE', 'README.md', 'action.yml', 'dist', 'hooks', 'package.json', 'schemas', 'templates']);
  expect(listed).toContain('dist/cli.js');
  expect(listed.some((p) => p.startsWith('src/') || p.startsWith('test/'))).toBe(false);
});

test('npx ml-hooks install works in a repository without package.json', () => {
  expect(existsSync(join(repo.path, 'package.json'))).toBe(false);
  const r = sh('npx', ['--yes', '--package', tarball, '--', 'ml-hooks', 'install']);
  expect(r.stderr).not.toMatch(/npm error/);
  expect(r.status).toBe(0);
  const status = sh('npx', ['--yes', '--package', tarball, '--', 'ml-hooks', 'status']);
  expect(status.status).toBe(0);
  expect(status.stdout).toMatch(/pre-commit/);
});

test('a commit stores the stripped notebook and its paired script; the working file keeps outputs', () => {
  repo.write('analysis.ipynb', DIRTY);
  expect(sh('npx', ['--yes', '--package', tarball, '--', 'ml-hooks', 'pair', 'analysis.ipynb', '--format', 'py:percent']).status).toBe(0);
  expect(existsSync(join(repo.path, 'analysis.py'))).toBe(true);
  repo.git('add', '-A');
  const commit = sh('git', ['commit', '-q', '-m', 'analysis']);
  expect(commit.stderr).toBe('');
  expect(commit.status).toBe(0);
  const stored = repo.git('show', 'HEAD:analysis.ipynb');
  expect(JSON.parse(stored)).toMatchObject({ cells: expect.any(Array) });
  expect(stored).not.toContain('"execution_count": 1');
  expect(repo.git('show', 'HEAD:analysis.py')).toContain('# %%');
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toContain('"output_type"');
  expect(repo.git('status', '--porcelain')).toBe('');
});

test('after npm clears its cache, hooks still run from a GUI-like environment (no node on PATH)', () => {
  rmSync(npmCache, { recursive: true, force: true });
  const gui = { bareEnv: true, env: { PATH: '/usr/bin:/bin', HOME: tmp.path } };
  repo.write('second.ipynb', DIRTY);
  expect(sh('git', ['add', 'second.ipynb'], gui).status).toBe(0); // through the filter, from the private copy
  expect(repo.git('show', ':second.ipynb')).toBe(CLEAN);
  const r = sh('git', ['commit', '-q', '-m', 'second'], gui);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(repo.git('show', 'HEAD:second.ipynb')).toBe(CLEAN);
  expect(readFileSync(join(repo.path, 'second.ipynb'))).toEqual(DIRTY); // the working file keeps its outputs
  expect(sh('git', ['status', '--porcelain'], gui).stdout).toBe('');
});

test('a large binary is blocked at commit with the commands that fix it', () => {
  repo.write('models/model.pt', randomBytes(6 * 1000 * 1000));
  repo.git('add', 'models/model.pt');
  const r = sh('git', ['commit', '-q', '-m', 'model']);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/models\/model\.pt/);
  expect(r.stderr).toMatch(/6\.0 MB/);
  expect(r.stderr).toMatch(/git rm --cached models\/model\.pt/);
  expect(r.stderr).toMatch(/git lfs track/);
  expect(r.stderr).toMatch(/dvc add/);
  expect(repo.git('log', '--format=%s', '-1').trim()).toBe('second');
});

test('what slipped through with --no-verify is stopped at push; the clean history is pushed', () => {
  expect(sh('git', ['commit', '-q', '--no-verify', '-m', 'sneak the model in']).status).toBe(0);
  const blocked = sh('git', ['push', '-q', 'origin', 'main']);
  expect(blocked.status).not.toBe(0);
  expect(blocked.stderr).toMatch(/models\/model\.pt/);
  expect(blocked.stderr).toMatch(/sneak the model in|[0-9a-f]{7,}/);
  expect(remote.git('branch', '--list').trim()).toBe('');
  repo.git('reset', '-q', '--hard', 'HEAD~1');
  const pushed = sh('git', ['push', '-q', 'origin', 'main'], { bareEnv: true, env: { PATH: '/usr/bin:/bin', HOME: tmp.path } });
  expect(pushed.stderr).toBe('');
  expect(pushed.status).toBe(0);
  expect(remote.git('show', 'main:second.ipynb')).toBe(CLEAN);
});

test('a global install runs the same CLI', () => {
  const prefix = join(tmp.path, 'global');
  const r = sh('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball]);
  expect(r.status).toBe(0);
  const version = sh(join(prefix, 'bin', 'ml-hooks'), ['--version']);
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(version.stdout.trim()).toBe(pkg.version);
  expect(readdirSync(join(prefix, 'lib', 'node_modules', 'ml-hooks'))).toContain('dist');
});
