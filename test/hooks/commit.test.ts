// Commit-time stripping with real git: what gets committed, what stays on disk.
import { test, expect, afterEach } from '@jest/globals';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { installedRepo, notebookWithOutputs, stripped, tryGit, MINIMAL_ENV } from './installedRepo.js';
import type { TestRepo } from '../helpers/gitRepo.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** Only the hook strips: the filter is switched off, as in a clone where the attributes are absent. */
function hookOnly(r: TestRepo): void {
  r.git('config', '--unset', 'filter.ml-hooks.process');
  r.git('config', '--unset', 'filter.ml-hooks.required');
}

test('after install a commit stores exactly what ml-hooks strip gives; the working file keeps its outputs; status is clean', () => {
  repo = installedRepo();
  const text = notebookWithOutputs(['import numpy as np\n', 'print(np.pi)\n']);
  repo.write('nb.ipynb', text);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'add notebook');
  expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(stripped(text));
  expect(stripped(text)).not.toBe(text);
  expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(text);
  expect(repo.git('status', '--porcelain')).toBe('');
});

test('the hook alone strips the index, not the working file', () => {
  repo = installedRepo();
  hookOnly(repo);
  const text = notebookWithOutputs(['x = 1\n']);
  repo.write('dir with space/nb ü.ipynb', text);
  repo.git('add', '-A');
  expect(repo.git('show', ':dir with space/nb ü.ipynb')).toBe(text); // staged with outputs
  const r = tryGit(repo.path, ['commit', '-m', 'x']);
  expect(r.status).toBe(0);
  expect(r.stderr).toContain('ml-hooks: stripped outputs from 1 staged notebook');
  expect(repo.git('show', 'HEAD:dir with space/nb ü.ipynb')).toBe(stripped(text));
  expect(readFileSync(join(repo.path, 'dir with space/nb ü.ipynb'), 'utf8')).toBe(text);
});

test('partial staging: the staged cell edit is committed stripped, the unstaged one and the outputs stay on disk', () => {
  for (const mode of ['filter', 'hook only'] as const) {
    repo = installedRepo();
    if (mode === 'hook only') hookOnly(repo);
    repo.write('nb.ipynb', notebookWithOutputs(['a = 1\n', 'b = 2\n']));
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');
    const staged = notebookWithOutputs(['a = 10\n', 'b = 2\n'], { executionCount: 5 });
    const working = notebookWithOutputs(['a = 10\n', 'b = 20\n'], { executionCount: 7 });
    repo.write('nb.ipynb', staged);
    repo.git('add', 'nb.ipynb');
    repo.write('nb.ipynb', working);
    repo.git('commit', '-q', '-m', 'edit a');
    expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(stripped(staged));
    expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(working);
    // the unstaged edit is still a change to commit
    expect(repo.git('diff', '--name-only')).toBe('nb.ipynb\n');
    repo.cleanup();
  }
});

test('env -i PATH=/usr/bin:/bin git commit runs the hooks', () => {
  repo = installedRepo();
  hookOnly(repo);
  const text = notebookWithOutputs(['y = 2\n']);
  repo.write('nb.ipynb', text);
  repo.git('add', '-A');
  const r = tryGit(repo.path, ['commit', '-m', 'x'], MINIMAL_ENV);
  expect(r.stderr).toContain('stripped outputs');
  expect(r.status).toBe(0);
  expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(stripped(text));
});

test('a staged notebook that is not valid JSON stops the commit with one line, and nothing changes', () => {
  repo = installedRepo();
  hookOnly(repo);
  repo.write('good.ipynb', notebookWithOutputs(['z = 3\n']));
  repo.write('bad.ipynb', '{"cells": [\n');
  repo.git('add', '-A');
  const index = repo.git('ls-files', '-s');
  const r = tryGit(repo.path, ['commit', '-m', 'x']);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/^ml-hooks: cannot commit bad\.ipynb: not valid JSON.*$/m);
  expect(r.stderr).toContain('git restore --staged bad.ipynb');
  expect(repo.git('ls-files', '-s')).toBe(index);
  expect(tryGit(repo.path, ['rev-parse', '-q', '--verify', 'HEAD']).status).not.toBe(0);
});

test('when stripping leaves nothing to commit the commit stops, says so, and the working file keeps everything', () => {
  repo = installedRepo();
  hookOnly(repo);
  repo.write('nb.ipynb', notebookWithOutputs(['a = 1\n']));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');
  const rerun = notebookWithOutputs(['a = 1\n'], { executionCount: 42 }); // only outputs/counts differ
  repo.write('nb.ipynb', rerun);
  repo.git('add', 'nb.ipynb');
  const r = tryGit(repo.path, ['commit', '-m', 'rerun']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('ml-hooks: nothing left to commit');
  expect(repo.git('rev-list', '--count', 'HEAD')).toBe('1\n');
  expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(rerun);
});

test('renames, deletions, symlinks and ML_HOOKS=0', () => {
  repo = installedRepo();
  hookOnly(repo);
  const a = notebookWithOutputs(['a = 1\n']);
  repo.write('a.ipynb', a);
  repo.write('gone.ipynb', notebookWithOutputs(['g = 1\n']));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');
  // rename with a change, a deletion and a symlink to a notebook, in one commit
  repo.git('mv', 'a.ipynb', 'renamed.ipynb');
  const changed = notebookWithOutputs(['a = 1\n', 'more = 2\n']);
  repo.write('renamed.ipynb', changed);
  repo.git('rm', '-q', '-f', 'gone.ipynb');
  symlinkSync('renamed.ipynb', join(repo.path, 'link.ipynb'));
  repo.git('add', '-A');
  const r = tryGit(repo.path, ['commit', '-m', 'rename']);
  expect(r.status).toBe(0);
  expect(repo.git('show', 'HEAD:renamed.ipynb')).toBe(stripped(changed));
  expect(repo.git('ls-tree', 'HEAD', '--name-only')).toBe('.gitattributes\n.ml-hooks.json\nlink.ipynb\nrenamed.ipynb\n');
  expect(repo.git('ls-tree', 'HEAD', 'link.ipynb')).toMatch(/^120000 blob /);
  expect(repo.git('show', 'HEAD:link.ipynb')).toBe('renamed.ipynb');
  // ML_HOOKS=0 skips the hook with a notice
  const raw = notebookWithOutputs(['raw = 1\n']);
  repo.write('raw.ipynb', raw);
  repo.git('add', 'raw.ipynb');
  const skip = tryGit(repo.path, ['commit', '-m', 'raw'], { ...process.env, ML_HOOKS: '0' });
  expect(skip.status).toBe(0);
  expect(skip.stderr).toContain('ml-hooks: ML_HOOKS=0, skipping the pre-commit hook.');
  expect(repo.git('show', 'HEAD:raw.ipynb')).toBe(raw);
});

test('the configuration decides which notebooks are stripped and how', () => {
  repo = installedRepo();
  hookOnly(repo);
  repo.write('.ml-hooks.json', JSON.stringify({ exclude: ['keep/**'], strip: { 'keep-count': true } }));
  const text = notebookWithOutputs(['k = 1\n'], { executionCount: 9 });
  repo.write('keep/nb.ipynb', text);
  repo.write('work/nb.ipynb', text);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'x');
  expect(repo.git('show', 'HEAD:keep/nb.ipynb')).toBe(text);
  const committed = JSON.parse(repo.git('show', 'HEAD:work/nb.ipynb'));
  expect(committed.cells[0].execution_count).toBe(9);
  expect(committed.cells[0].outputs).toEqual([]);
  // nbstripout's git config keys still apply (appended to the project's extra keys)
  repo.git('config', 'filter.nbstripout.extrakeys', 'metadata.kernelspec');
  repo.write('work/nb2.ipynb', text);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'nbstripout keys');
  const nb2 = JSON.parse(repo.git('show', 'HEAD:work/nb2.ipynb'));
  expect(nb2.metadata.kernelspec).toBeUndefined();
  expect(nb2.metadata.language_info).toBeDefined();
  // an invalid configuration stops the commit and names the file and key
  repo.write('.ml-hooks.json', JSON.stringify({ strip: { 'keep-count': 'yes' } }));
  repo.write('work/nb.ipynb', notebookWithOutputs(['k = 2\n']));
  repo.git('add', '-A');
  const r = tryGit(repo.path, ['commit', '-m', 'y']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('.ml-hooks.json: strip.keep-count must be true or false, got "yes"');
});

test('git commit PATH (a temporary index): the commit and the main index both get the stripped notebook', () => {
  repo = installedRepo();
  hookOnly(repo);
  repo.write('nb.ipynb', notebookWithOutputs(['a = 1\n']));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');
  const edited = notebookWithOutputs(['a = 2\n']);
  repo.write('nb.ipynb', edited);
  const r = tryGit(repo.path, ['commit', 'nb.ipynb', '-m', 'only nb']);
  expect(r.status).toBe(0);
  expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(stripped(edited));
  expect(repo.git('diff', '--cached', '--name-only')).toBe('');
  expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(edited);
});

test('awkward paths (leading dash, quotes, newline, non-ASCII) and CRLF checkouts', () => {
  for (const mode of ['filter', 'hook only'] as const) {
    repo = installedRepo();
    if (mode === 'hook only') hookOnly(repo);
    repo.git('config', 'core.autocrlf', 'true');
    const names = ['-dash.ipynb', `q'u"ote.ipynb`, 'new\nline.ipynb', 'ünï cödé.ipynb'];
    const texts = names.map((_, i) => notebookWithOutputs([`p = ${i}\n`]));
    names.forEach((n, i) => repo.write(n, texts[i]!));
    const crlf = notebookWithOutputs(['c = 1\n']);
    repo.write('crlf.ipynb', crlf.replace(/\n/g, '\r\n'));
    repo.git('add', '-A');
    const r = tryGit(repo.path, ['commit', '-m', 'awkward']);
    expect(r.status).toBe(0);
    names.forEach((n, i) => expect(repo.git('show', `HEAD:${n}`)).toBe(stripped(texts[i]!)));
    expect(repo.git('show', 'HEAD:crlf.ipynb')).toBe(stripped(crlf));
    repo.cleanup();
  }
});

test('pairing runs before stripping: a new notebook matching pair.notebooks gets its script, and is committed stripped', () => {
  repo = installedRepo();
  repo.write('.ml-hooks.json', JSON.stringify({ pair: { notebooks: ['notebooks/**/*.ipynb'], format: 'py:percent' } }));
  const text = notebookWithOutputs(['import math\n', 'print(math.pi)\n']);
  repo.write('notebooks/a.ipynb', text);
  repo.git('add', '-A');
  const r = tryGit(repo.path, ['commit', '-m', 'paired']);
  expect(r.status).toBe(0);
  expect(repo.git('ls-tree', '-r', '--name-only', 'HEAD')).toBe('.gitattributes\n.ml-hooks.json\nnotebooks/a.ipynb\nnotebooks/a.py\n');
  const script = repo.git('show', 'HEAD:notebooks/a.py');
  expect(script).toContain('# %%\nimport math');
  expect(script).toContain('print(math.pi)');
  expect(JSON.parse(repo.git('show', 'HEAD:notebooks/a.ipynb')).cells.every((c: { outputs: unknown[] }) => c.outputs.length === 0)).toBe(true);
  expect(readFileSync(join(repo.path, 'notebooks/a.ipynb'), 'utf8')).toContain('output of cell 0');
});

test('ML_HOOKS=0 also lets the filter add a notebook as it is (to commit outputs once)', () => {
  repo = installedRepo();
  const text = notebookWithOutputs(['keep = 1\n']);
  repo.write('nb.ipynb', text);
  const env = { ...process.env, ML_HOOKS: '0' };
  const add = tryGit(repo.path, ['add', '-A'], env);
  expect(add.status).toBe(0);
  expect(add.stderr).toContain('ml-hooks: ML_HOOKS=0, adding notebooks without stripping them.');
  expect(tryGit(repo.path, ['commit', '-q', '-m', 'with outputs'], env).status).toBe(0);
  expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(text);
});
