// The filter and the commit hook name the real reason a notebook is not stripped: its size, bytes
// that are not UTF-8, or nesting, each in its own words (a big file is not "not UTF-8", a small
// deep one is not "too large").
import { expect, test } from '@jest/globals';
import { cleanNotebook } from '../../src/filter/cleanNotebook.js';
import { stripStagedBlobs } from '../../src/hooks/stripStagedBlobs.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { NotebookError } from '../../src/notebook/errors.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';
import { MAX_TEXT_BYTES } from '../../src/fs/readTextFile.js';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { installedRepo } from '../hooks/installedRepo.js';
import { runGit } from '../helpers/gitRepo.js';

const reasonOf = (e: unknown) => (e instanceof NotebookError ? e.reason : undefined);
const clean = (content: Buffer) => cleanNotebook('nb.ipynb', content, () => true, DEFAULT_STRIP_OPTIONS, stripNotebookText, reasonOf).warning;
const staged = (content: Buffer) =>
  stripStagedBlobs([{ path: 'nb.ipynb', mode: '100644', content }], () => DEFAULT_STRIP_OPTIONS, stripNotebookText, (e): e is NotebookError => e instanceof NotebookError).problems.map((p) => p.reason);

const deep = Buffer.from(`{"cells": [], "metadata": {"a": ${'['.repeat(6000)}${']'.repeat(6000)}}, "nbformat": 4, "nbformat_minor": 5}`);
const latin1 = Buffer.from('{"cells": [], "metadata": {"a": "caf\xe9"}, "nbformat": 4, "nbformat_minor": 5}', 'latin1');

test('over the in-memory limit: the size, not "not UTF-8" (the content is never decoded)', () => {
  expect(MAX_TEXT_BYTES).toBe(400_000_000);
  const big = Buffer.alloc(MAX_TEXT_BYTES + 1, 0x20); // valid UTF-8 all through
  expect(clean(big)).toBe('is 400.0 MB, more than ml-hooks can process in memory (400.0 MB)');
  expect(staged(big)).toEqual(['the staged file is 400.0 MB, more than ml-hooks can process in memory (400.0 MB)']);
});

test('a few KB nested 6000 levels deep: the nesting, not the size', () => {
  expect(deep.length).toBeLessThan(20_000);
  const reason = 'nested deeper than 1000 levels: line 1 column 1031 (char 1030); Jupyter and nbformat cannot read it either';
  expect(clean(deep)).toBe(reason);
  expect(staged(deep)).toEqual([reason]);
});

test('bytes that are not UTF-8: said so', () => {
  expect(clean(latin1)).toBe('not UTF-8 text');
  expect(staged(latin1)).toEqual(['the staged file is not UTF-8 text']);
});

test('"added as it is" is said once, by the git add that stores the file; not by diff, status or commit, which only compare', () => {
  const repo = installedRepo();
  try {
    const git = (...args: string[]) => runGit(repo.path, args);
    const warning = (what: string) => `ml-hooks: bad.ipynb was added as it is, not stripped: ${what}`;
    repo.write('bad.ipynb', '{"cells": [\n');
    expect(git('add', 'bad.ipynb').stderr).toContain(warning('not valid JSON'));
    const touch = () => utimesSync(join(repo.path, 'bad.ipynb'), new Date(), new Date(Date.now() + 5000));
    for (const args of [['diff', '--stat'], ['diff', '--stat'], ['status', '--short'], ['diff', '--cached', '--stat']]) {
      touch(); // stat info changed: git has to clean the file again to compare it
      expect(git(...args).stderr).toBe('');
    }
    touch();
    const commit = git('commit', '-m', 'x');
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('ml-hooks: cannot commit bad.ipynb: not valid JSON');
    expect(commit.stderr).not.toContain('added as it is');
    // new content is news again
    repo.write('bad.ipynb', '{"cells": [1,\n');
    const again = git('add', 'bad.ipynb');
    expect(again.stderr.split('added as it is').length - 1).toBe(1);
  } finally {
    repo.cleanup();
  }
});
