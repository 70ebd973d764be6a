// Every command that reads notebooks, given one nested 6000 levels deep (a few KB): an answer
// within seconds, the reason in one line ("nested deeper than 1000 levels" or "nested too deeply"),
// never a stack trace, an internal error, "not valid JSON" or "too large".
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';

const DEPTH = 6000;
const deepValue = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
const cell = '{"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "outputs": [], "source": ["x = 1\\n"]}';
const notebook = (metadata: string): string => `{"cells": [${cell}], "metadata": ${metadata}, "nbformat": 4, "nbformat_minor": 5}\n`;
const DEEP_NOTEBOOK = notebook(`{"deep": ${deepValue}}`);
const KERNEL = '"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}';
const OK_NOTEBOOK = notebook(`{"jupytext": {"formats": "ipynb,py:percent"}, ${KERNEL}}`);
const DEEP_HEADER_SCRIPT = `# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n#   deep: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n# ---\n\n# %%\nx = 1\n`;

let repo: TestRepo;
beforeAll(() => {
  repo = makeRepo();
  repo.write('deep.ipynb', DEEP_NOTEBOOK);
  repo.write('ok.ipynb', OK_NOTEBOOK);
  repo.write('header.py', DEEP_HEADER_SCRIPT);
});
afterAll(() => repo.cleanup());

const run = (...args: string[]): CliResult => runCli(args, { cwd: repo.path, timeout: 30000, env: { ML_HOOKS_STATE_DIR: join(repo.path, '.git', 'state') } });

/** Answered (not killed), in lines that name the nesting, with no trace of a crash (check reports on stdout). */
function expectClearNesting(r: CliResult): void {
  expect(r.status).toBeGreaterThanOrEqual(0);
  const said = r.stderr + (r.stdout.startsWith('{') ? '' : r.stdout);
  expect(said).toMatch(/nested (deeper than 1000 levels|too deeply)/);
  expect(said).not.toMatch(/^\s+at |internal error|RangeError|call stack|not valid JSON|too large|in memory|merge conflict/m);
}

describe('a notebook nested 6000 levels deep', () => {
  test.each([
    ['strip FILE', ['strip', 'deep.ipynb'], 1],
    ['strip --textconv', ['strip', '-t', 'deep.ipynb'], 1],
    ['strip --verify', ['strip', '--verify', 'deep.ipynb'], 1],
    ['textconv', ['textconv', 'deep.ipynb'], 0],
    ['convert to a script', ['convert', 'deep.ipynb', '--to', 'py:percent', '-o', '-'], 1],
    ['convert to a notebook', ['convert', 'deep.ipynb', '--to', 'ipynb', '-o', '-'], 1],
    ['pair', ['pair', 'deep.ipynb'], 1],
    ['diff (either side)', ['diff', 'deep.ipynb', 'ok.ipynb'], 1],
    ['check', ['check', 'deep.ipynb'], 1],
  ])('%s: one clear line', (_name, args, status) => {
    const r = run(...args);
    expectClearNesting(r);
    expect(r.status).toBe(status);
  });

  test('strip from stdin', () => {
    const r = runCli(['strip'], { input: DEEP_NOTEBOOK, timeout: 30000 });
    expectClearNesting(r);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
  });

  test('merge, with the deep notebook as base, ours or theirs: merged as text with a note, never a crash', () => {
    for (const sides of [
      ['deep.ipynb', 'ok.ipynb', 'ok.ipynb'],
      ['ok.ipynb', 'deep.ipynb', 'ok.ipynb'],
      ['ok.ipynb', 'ok.ipynb', 'deep.ipynb'],
    ]) {
      const r = run('merge', '-o', '-', ...sides);
      expectClearNesting(r);
      expect([0, 1]).toContain(r.status);
    }
  });

  test('check-size measures it at full size, without a crash', () => {
    const r = run('check-size', 'deep.ipynb');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  test('sync of a pair whose notebook became deep: the pair is reported, nothing written', () => {
    const pairRepo = makeRepo();
    try {
      pairRepo.write('nb.ipynb', OK_NOTEBOOK);
      expect(runCli(['pair', 'nb.ipynb'], { cwd: pairRepo.path, timeout: 30000 }).status).toBe(0);
      const script = readFileSync(join(pairRepo.path, 'nb.py'), 'utf8');
      pairRepo.write('nb.ipynb', DEEP_NOTEBOOK.replace('{"deep"', `{"jupytext": {"formats": "ipynb,py:percent"}, ${KERNEL}, "deep"`));
      const r = runCli(['sync', 'nb.ipynb'], { cwd: pairRepo.path, timeout: 30000 });
      expectClearNesting(r);
      expect(r.status).toBe(1);
      expect(readFileSync(join(pairRepo.path, 'nb.py'), 'utf8')).toBe(script);
      const check = runCli(['sync', '--check'], { cwd: pairRepo.path, timeout: 30000 });
      expectClearNesting(check);
    } finally {
      pairRepo.cleanup();
    }
  });
});

describe('a script whose YAML header is nested 6000 levels deep', () => {
  test.each([
    ['convert', ['convert', 'header.py', '--to', 'ipynb', '-o', '-']],
    ['sync', ['sync', 'header.py']],
  ])('%s: one clear line', (_name, args) => {
    const r = run(...args);
    expectClearNesting(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the jupyter: header is nested too deeply to read \(line 4, column \d+\)\n$/);
  });
});
