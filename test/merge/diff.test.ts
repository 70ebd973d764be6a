// Notebooks as a person reads them in a diff: the pure text, `ml-hooks diff`, and `git diff`
// through the textconv.
import { describe, expect, test } from '@jest/globals';
import { notebookDiffText } from '../../src/diff/notebookDiffText.js';
import { unifiedDiff } from '../../src/diff/unifiedDiff.js';
import { makeTempDir, runCli, CLI } from '../helpers/cli.js';
import { makeRepo } from '../helpers/gitRepo.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notebook, notebookText, type CellSpec } from './notebooks.js';

const KERNEL = { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } };
const CELLS: CellSpec[] = [
  { type: 'markdown', source: '# Training\n\nThe *first* run.' },
  { source: 'epochs = 10', metadata: { tags: ['parameters'], ExecuteTime: { end_time: 'x' } } },
  { source: 'model = fit(epochs)\nprint(model.score())', outputs: 'score 0.93\n', count: 4 },
];

describe('notebookDiffText', () => {
  test('cells as a percent script with plain sources, metadata as a short header', () => {
    expect(notebookDiffText(notebook(CELLS, KERNEL))).toBe(
      [
        '# kernelspec: {"display_name": "Python 3", "language": "python", "name": "python3"}',
        '',
        '# %% [markdown]',
        '# Training',
        '',
        'The *first* run.',
        '',
        '# %% {"ExecuteTime": {"end_time": "x"}, "tags": ["parameters"]}',
        'epochs = 10',
        '',
        '# %%',
        'model = fit(epochs)',
        'print(model.score())',
        '',
      ].join('\n'),
    );
  });

  test('outputs, execution counts and ids are not part of it', () => {
    const rerun = CELLS.map((c, i) => (i === 2 ? { source: (c as { source: string }).source, outputs: 'score 0.95\n', count: 9, id: 'other' } : c));
    expect(notebookDiffText(notebook(rerun, KERNEL))).toBe(notebookDiffText(notebook(CELLS, KERNEL)));
  });
});

describe('unifiedDiff', () => {
  test('hunks with three lines of context, headed by the cell they are in', () => {
    const a = ['# %%', 'a = 1', 'b = 2', 'c = 3', 'd = 4', 'e = 5', '', '# %%', 'x = 1', ''].join('\n');
    const b = a.replace('e = 5', 'e = 50');
    expect(unifiedDiff(a, b, { a: 'a.ipynb', b: 'b.ipynb' }, undefined, (l) => l.startsWith('# %%'))).toBe(
      ['--- a.ipynb', '+++ b.ipynb', '@@ -3,7 +3,7 @@ # %%', ' b = 2', ' c = 3', ' d = 4', '-e = 5', '+e = 50', ' ', ' # %%', ' x = 1', ''].join('\n'),
    );
    expect(unifiedDiff(a, a, { a: 'x', b: 'y' })).toBe('');
  });
});

describe('ml-hooks diff', () => {
  test('shows the edited source line, no JSON; exit 1 when different, 0 when only outputs changed', () => {
    const dir = makeTempDir();
    try {
      writeFileSync(join(dir.path, 'a.ipynb'), notebookText(CELLS, KERNEL));
      writeFileSync(join(dir.path, 'b.ipynb'), notebookText(CELLS.map((c, i) => (i === 1 ? { ...(c as Exclude<CellSpec, string>), source: 'epochs = 20' } : c)), KERNEL));
      writeFileSync(join(dir.path, 'c.ipynb'), notebookText(CELLS.map((c, i) => (i === 2 ? { ...(c as Exclude<CellSpec, string>), outputs: 'other\n', count: 8 } : c)), KERNEL));
      const r = runCli(['diff', 'a.ipynb', 'b.ipynb'], { cwd: dir.path });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe(
        ['--- a.ipynb', '+++ b.ipynb', '@@ -6,7 +6,7 @@ # %% [markdown]', ' The *first* run.', ' ', ' # %% {"tags": ["parameters"]}', '-epochs = 10', '+epochs = 20', ' ', ' # %%', ' model = fit(epochs)', ''].join('\n'),
      );
      expect(r.stdout).not.toContain('"source"');
      const same = runCli(['diff', 'a.ipynb', 'c.ipynb'], { cwd: dir.path });
      expect([same.status, same.stdout]).toEqual([0, '']);
      // Colour: asked for, or as git's color.diff says; NO_COLOR wins over git's setting.
      expect(runCli(['diff', '--color=always', 'a.ipynb', 'b.ipynb'], { cwd: dir.path }).stdout).toContain('\x1b[31m-epochs = 10\x1b[m');
      const gitSays = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'color.diff', GIT_CONFIG_VALUE_0: 'always', GIT_CONFIG_NOSYSTEM: '1' };
      expect(runCli(['diff', 'a.ipynb', 'b.ipynb'], { cwd: dir.path, env: { ...gitSays, NO_COLOR: '' } }).stdout).toContain('\x1b[32m+epochs = 20\x1b[m');
      expect(runCli(['diff', 'a.ipynb', 'b.ipynb'], { cwd: dir.path, env: { ...gitSays, NO_COLOR: '1' } }).stdout).not.toContain('\x1b[');
      expect(runCli(['diff', 'a.ipynb'], { cwd: dir.path }).status).toBe(2);
      expect(runCli(['diff', '--help']).stdout).toContain('Usage: ml-hooks diff');
    } finally {
      dir.cleanup();
    }
  });
});

test('git diff through the textconv: the plain source line with a +, no JSON keys; an output-only change shows nothing', () => {
  const repo = makeRepo();
  try {
    repo.write('.gitattributes', '*.ipynb diff=ml-hooks\n');
    repo.git('config', 'diff.ml-hooks.textconv', `"${process.execPath}" "${CLI}" textconv`);
    repo.write('nb.ipynb', notebookText(CELLS, KERNEL));
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'one');
    repo.write('nb.ipynb', notebookText(CELLS.map((c, i) => (i === 2 ? { ...(c as Exclude<CellSpec, string>), outputs: 'other\n', count: 8 } : c)), KERNEL));
    expect(repo.git('diff', 'nb.ipynb')).toBe('');
    repo.write('nb.ipynb', notebookText(CELLS.map((c, i) => (i === 1 ? { ...(c as Exclude<CellSpec, string>), source: 'epochs = 20' } : c)), KERNEL));
    const diff = repo.git('diff', 'nb.ipynb');
    expect(diff).toContain('\n-epochs = 10\n+epochs = 20\n');
    expect(diff).not.toMatch(/"(source|cell_type|outputs)"/);
    repo.git('commit', '-q', '-am', 'two');
    expect(repo.git('show', '--format=', 'HEAD')).toContain('+epochs = 20');
    expect(repo.git('log', '-p', '--format=', '-1')).toContain('+epochs = 20');
  } finally {
    repo.cleanup();
  }
});
