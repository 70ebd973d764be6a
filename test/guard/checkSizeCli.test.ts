import { test, expect, afterEach } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { runCli } from '../helpers/cli.js';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { runGuardPreCommit, runGuardPrePush } from '../../src/scan/runGuard.js';
import { Repo } from '../../src/git/repo.js';
import { DEFAULT_GUARD_POLICY } from '../../src/guard/sizePolicy.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));
const repo = (): TestRepo => { const r = makeRepo(); repos.push(r); return r; };

test('check-size with no paths checks the staged blobs; --json reports them', () => {
  const r = repo();
  r.write('m/model.pt', randomBytes(2_500_000));
  r.write('ok.txt', 'fine\n');
  r.git('add', '.');
  const human = runCli(['check-size'], { cwd: r.path });
  expect(human.status).toBe(1);
  expect(human.stdout).toContain('ml-hooks check-size: 1 staged file over the size limit.');
  expect(human.stdout).toContain('m/model.pt is 2.5 MB staged');
  const json = runCli(['check-size', '--staged', '--json'], { cwd: r.path });
  expect(json.status).toBe(1);
  expect(JSON.parse(json.stdout)).toEqual({
    ok: false, staged: true, checked: 2,
    oversized: [{ path: 'm/model.pt', size: 2_500_000, limit: 1_000_000, limitKind: 'binary', binary: true, limitSetIn: null, limitKey: 'max-binary-size' }],
  });
  r.git('rm', '-q', '--cached', 'm/model.pt');
  const clean = runCli(['check-size'], { cwd: r.path });
  expect(clean.status).toBe(0);
  expect(clean.stdout).toBe('ml-hooks check-size: 1 staged file checked, none over the size limit.\n');
});

test('check-size PATH checks working-tree files and folders, relative to where it runs', () => {
  const r = repo();
  r.write('data/a.bin', randomBytes(1_500_000));
  r.write('data/sub/b.txt', 'x'.repeat(11_000_000));
  r.write('data/c.txt', 'x'.repeat(5_000_000));
  r.write('other/d.bin', randomBytes(3_000_000));
  r.write('.gitignore', 'data/ignored.bin\n');
  r.write('data/ignored.bin', randomBytes(3_000_000));
  const res = runCli(['check-size', 'data', '--json'], { cwd: r.path });
  expect(res.status).toBe(1);
  const report = JSON.parse(res.stdout);
  expect(report.checked).toBe(3);
  expect(report.oversized.map((f: { path: string; limitKind: string }) => `${f.path}:${f.limitKind}`).sort()).toEqual(['data/a.bin:binary', 'data/sub/b.txt:file']);
  // A file named explicitly is checked even when ignored; paths are relative to the cwd.
  const one = runCli(['check-size', 'ignored.bin'], { cwd: `${r.path}/data` });
  expect(one.status).toBe(1);
  expect(one.stdout).toContain('data/ignored.bin is 3.0 MB, over the 1.0 MB limit for binary files');
  expect(runCli(['check-size', 'c.txt'], { cwd: `${r.path}/data` }).status).toBe(0);
});

test('check-size: usage errors, missing paths and bad configuration exit 2; --help explains', () => {
  const r = repo();
  expect(runCli(['check-size', '--help']).stdout).toContain('Usage: ml-hooks check-size');
  expect(runCli(['--help']).stdout).toContain('check-size');
  expect(runCli(['--help']).stdout).not.toContain('guard-push');
  const both = runCli(['check-size', '--staged', 'x'], { cwd: r.path });
  expect(both.status).toBe(2);
  expect(both.stderr).toContain('give either --staged or paths');
  const missing = runCli(['check-size', 'nope'], { cwd: r.path });
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('nope: no such file or folder');
  r.write('pyproject.toml', '[tool.ml-hooks.guard]\nmax-file-size = "huge"\n');
  const bad = runCli(['check-size'], { cwd: r.path });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('pyproject.toml: [tool.ml-hooks.guard] max-file-size must be a size');
});

test('runGuardPreCommit and runGuardPrePush return ok and messages for the hooks', async () => {
  const r = repo();
  const git = new Repo(r.path);
  const policy = { ...DEFAULT_GUARD_POLICY };
  r.write('README.md', 'x\n');
  r.git('add', '.');
  r.git('commit', '-q', '-m', 'start');
  expect(await runGuardPreCommit(git, { policy })).toEqual({ ok: true, messages: [] });
  r.write('w.bin', randomBytes(1_200_000));
  r.git('add', '.');
  const pre = await runGuardPreCommit(git, { policy });
  expect(pre.ok).toBe(false);
  expect(pre.messages[0]).toContain('w.bin is 1.2 MB staged');
  r.git('commit', '-q', '--no-verify', '-m', 'w');
  const head = r.git('rev-parse', 'HEAD').trim();
  const stdin = `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`;
  const push = await runGuardPrePush(git, 'origin', '/tmp/x.git', stdin, { policy });
  expect(push.ok).toBe(false);
  expect(push.messages[0]).toContain(`added in commit ${head.slice(0, 12)} "w" (refs/heads/main)`);
  expect(await runGuardPrePush(git, 'origin', '/tmp/x.git', `(delete) ${'0'.repeat(40)} refs/heads/main ${head}\n`, { policy })).toEqual({ ok: true, messages: [] });
  // Refs already parsed by a hook runner are taken as they are.
  const refs = [{ localRef: 'refs/heads/main', localSha: head, remoteRef: 'refs/heads/main', remoteSha: '0'.repeat(40) }];
  const relaxed = { ...DEFAULT_GUARD_POLICY, maxBinarySize: { bytes: 2_000_000, source: { file: 'pyproject.toml', key: 'max-binary-size' } } };
  expect(await runGuardPrePush(git, 'origin', undefined, refs, { policy: relaxed })).toEqual({ ok: true, messages: [] });
  expect((await runGuardPrePush(git, 'origin', undefined, refs, { policy })).ok).toBe(false);
  expect((await runGuardPrePush(git, 'origin', undefined, stdin, { policy: { ...policy, isAllowed: (p) => p.endsWith('.bin') } })).ok).toBe(true);
  git.close();
});