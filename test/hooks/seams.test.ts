// The seams between strip, pairing and the guard, as a user met them before there was one
// settings loader and one path-rule dialect (issue: "One of each"). Real git, installed hooks.
import { test, expect, afterEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { runCli } from '../helpers/cli.js';
import { installedRepo, notebookWithOutputs, stripped, tryGit } from './installedRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const track = <T extends TestRepo>(r: T): T => (cleanups.push(r.cleanup), r);

test('exclude holds at push too: a notebook kept with outputs under exclude commits and pushes', () => {
  const repo = track(installedRepo());
  const remote = track(makeRepo({ bare: true }));
  repo.git('remote', 'add', 'origin', remote.path);
  repo.write('.ml-hooks.json', JSON.stringify({ exclude: ['keep/**'] }));
  const kept = notebookWithOutputs(['print("reference output")\n']);
  repo.write('keep/reference.ipynb', kept);
  repo.git('add', '-A');
  expect(tryGit(repo.path, ['commit', '-q', '-m', 'reference']).status).toBe(0);
  expect(repo.git('cat-file', 'blob', 'HEAD:keep/reference.ipynb')).toBe(kept); // committed with its outputs
  const push = tryGit(repo.path, ['push', '-q', 'origin', 'main']);
  expect(push.stderr).not.toContain('without stripping');
  expect(push.status).toBe(0);
});

test('a pyproject.toml that is not valid TOML: ignored when it has no ml-hooks or jupytext table, one clear line when it has (the hook exits 2)', () => {
  const repo = track(installedRepo());
  repo.write('pyproject.toml', '[project]\nname = "model"\nversion = \n');
  repo.write('train.py', 'print(1)\n');
  repo.write('nb.ipynb', notebookWithOutputs(['x = 1\n']));
  repo.git('add', '-A');
  const ok = tryGit(repo.path, ['commit', '-q', '-m', 'code']);
  expect(ok.stderr).not.toContain('internal error');
  expect(ok.status).toBe(0);
  repo.write('pyproject.toml', '[tool.ml-hooks.strip]\nkeep-count = \n');
  repo.write('train.py', 'print(2)\n');
  repo.git('add', '-A');
  const bad = tryGit(repo.path, ['commit', '-q', '-m', 'more']);
  expect(bad.status).toBe(1); // git commit says 1 whatever the hook's code; the hook itself exits 2
  expect(runCli(['hook', 'pre-commit'], { cwd: repo.path }).status).toBe(2);
  expect(bad.stderr).toContain('pyproject.toml: cannot be read as configuration: not valid TOML: invalid value (line 2, column 14)');
  expect(bad.stderr).not.toContain('internal error');
  expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack
});

test('a glob without "/" means the same in notebooks and pair.notebooks: sub/a.ipynb is stripped and paired', () => {
  const repo = track(installedRepo());
  repo.write('.ml-hooks.json', JSON.stringify({ notebooks: ['*.ipynb'], pair: { notebooks: ['*.ipynb'] } }));
  const text = notebookWithOutputs(['a = 1\n']);
  repo.write('sub/a.ipynb', text);
  repo.git('add', '-A');
  expect(tryGit(repo.path, ['commit', '-q', '-m', 'nb']).status).toBe(0);
  expect(repo.git('cat-file', 'blob', 'HEAD:sub/a.ipynb')).toBe(stripped(text));
  expect(repo.git('cat-file', 'blob', 'HEAD:sub/a.py')).toContain('a = 1');
});

test('ml-hooks strip on a file of another repository applies that repository\'s settings', () => {
  const here = track(makeRepo());
  const other = track(makeRepo());
  here.write('.ml-hooks.json', JSON.stringify({ strip: { 'keep-count': false } }));
  other.write('.ml-hooks.json', JSON.stringify({ strip: { 'keep-count': true } }));
  other.write('nb.ipynb', notebookWithOutputs(['x = 1\n'], { executionCount: 7 }));
  here.write('mine.ipynb', notebookWithOutputs(['y = 1\n'], { executionCount: 7 }));
  const r = runCli(['strip', join(other.path, 'nb.ipynb'), 'mine.ipynb'], { cwd: here.path });
  expect(r.status).toBe(0);
  expect(JSON.parse(readFileSync(join(other.path, 'nb.ipynb'), 'utf8')).cells[0].execution_count).toBe(7);
  expect(JSON.parse(readFileSync(join(here.path, 'mine.ipynb'), 'utf8')).cells[0].execution_count).toBeNull();
});

test('a commit of a README or a module starts one git process and loads nothing of pairing', () => {
  const repo = track(installedRepo());
  repo.write('README.md', '# project\n');
  repo.write('train.py', 'print(1)\n');
  repo.git('add', '-A');
  const r = runCli(['hook', 'pre-commit'], { cwd: repo.path, env: { ML_HOOKS_DEBUG: '1' } });
  expect(r.status).toBe(0);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('ml-hooks[debug]: git '))).toEqual([expect.stringMatching(/^ml-hooks\[debug\]: git diff --cached /)]);
  // a script whose header declares a pair is still looked at
  repo.write('nb.py', '# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n# ---\n\n# %%\nx = 1\n');
  repo.git('add', 'nb.py');
  const paired = runCli(['hook', 'pre-commit'], { cwd: repo.path, env: { ML_HOOKS_DEBUG: '1' } });
  expect(paired.stderr).toMatch(/ml-hooks\[debug\]: git cat-file --batch/);
});
