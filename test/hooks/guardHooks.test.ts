// The large-file guard through the installed hooks (the guard's own logic is tested in test/guard).
import { test, expect, afterEach } from '@jest/globals';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { installedRepo, notebookWithOutputs, tryGit } from './installedRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const track = <T extends TestRepo>(r: T): T => (cleanups.push(r.cleanup), r);

test('pre-commit: a staged binary over the limit stops the commit with the fix; the limit comes from the config', () => {
  const repo = track(installedRepo());
  const binary = Buffer.alloc(1_500_000, 0);
  repo.write('models/weights.pt', binary);
  repo.git('add', '-A');
  const r = tryGit(repo.path, ['commit', '-m', 'model']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('models/weights.pt');
  expect(r.stderr).toContain('git rm --cached models/weights.pt');
  expect(tryGit(repo.path, ['rev-parse', '-q', '--verify', 'HEAD']).status).not.toBe(0);
  // raising the limit in .ml-hooks.json lets it through
  repo.write('.ml-hooks.json', JSON.stringify({ guard: { 'max-binary-size': '2MB' } }));
  repo.git('add', '-A');
  expect(tryGit(repo.path, ['commit', '-q', '-m', 'model']).status).toBe(0);
});

test('pre-push: a commit made with --no-verify is caught with its commit and path; unstripped notebooks too', () => {
  const repo = track(installedRepo());
  const remote = track(makeRepo({ bare: true }));
  repo.git('remote', 'add', 'origin', remote.path);
  repo.write('README.md', 'x\n');
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');
  expect(tryGit(repo.path, ['push', '-q', 'origin', 'main']).status).toBe(0);

  repo.write('data/big.bin', Buffer.alloc(1_200_000, 0));
  repo.git('add', '-A');
  repo.git('commit', '-q', '--no-verify', '-m', 'sneak');
  const push = tryGit(repo.path, ['push', 'origin', 'main']);
  expect(push.status).not.toBe(0);
  expect(push.stderr).toContain('data/big.bin');
  expect(remote.git('rev-parse', 'main')).not.toBe(repo.git('rev-parse', 'HEAD'));

  // a notebook committed unstripped (hooks and filter bypassed) is reported at push
  repo.git('reset', '-q', '--hard', 'HEAD~1');
  repo.write('nb.ipynb', notebookWithOutputs(['a = 1\n']));
  const noFilter = ['-c', 'filter.ml-hooks.process=', '-c', 'filter.ml-hooks.required=false'];
  repo.git(...noFilter, 'add', 'nb.ipynb');
  repo.git(...noFilter, 'commit', '-q', '--no-verify', '-m', 'outputs');
  const push2 = tryGit(repo.path, [...noFilter, 'push', 'origin', 'main']);
  expect(push2.status).not.toBe(0);
  expect(push2.stderr).toContain('nb.ipynb');
  // ML_HOOKS=0 skips it, with a notice
  const skipped = tryGit(repo.path, [...noFilter, 'push', '-q', 'origin', 'main'], { ...process.env, ML_HOOKS: '0' });
  expect(skipped.stderr).toContain('ml-hooks: ML_HOOKS=0, skipping the pre-push hook.');
  expect(skipped.status).toBe(0);
});
