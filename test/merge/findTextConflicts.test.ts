// Conflicts left in the text side of a pair (git merges nb.py or nb.md as text): the commit hook,
// `sync` and `check` never take such a file as the pair's inputs.
import { describe, expect, test } from '@jest/globals';
import { findTextConflicts } from '../../src/merge/findTextConflicts.js';

const MERGING = { merging: true };
const OUTSIDE = { merging: false };

const script = [
  '# %%', //                1
  'a = 1', //               2
  '', //                    3
  '# %%', //                4
  '<<<<<<< HEAD', //        5
  'b = 200', //             6
  '=======', //             7
  'b = 20', //              8
  '>>>>>>> side', //        9
  '',
].join('\n');

describe('findTextConflicts', () => {
  test('a block git left in a percent script, by line numbers, in and outside a merge', () => {
    expect(findTextConflicts(script, MERGING)).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
    expect(findTextConflicts(script, OUTSIDE)).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
  });

  test('a block over a cell boundary counts outside a merge too', () => {
    const text = '# %%\n<<<<<<< HEAD\nx = 1\n\n# %%\ny = 1\n=======\nx = 2\n>>>>>>> side\n';
    expect(findTextConflicts(text, OUTSIDE)).toEqual([{ firstLine: 2, lastLine: 9, complete: true }]);
  });

  test('CRLF line endings and diff3 style', () => {
    const text = '# %%\r\n<<<<<<< ours\r\nx = 1\r\n||||||| base\r\nx = 0\r\n=======\r\nx = 2\r\n>>>>>>> theirs\r\n';
    expect(findTextConflicts(text, OUTSIDE)).toEqual([{ firstLine: 2, lastLine: 8, complete: true }]);
  });

  test('a leftover marker counts only while merging', () => {
    const text = '# %%\nb = 200\n>>>>>>> side\n';
    expect(findTextConflicts(text, MERGING)).toEqual([{ firstLine: 3, lastLine: 3, complete: false }]);
    expect(findTextConflicts(text, OUTSIDE)).toEqual([]);
    const unclosed = '# %%\n<<<<<<< HEAD\nb = 200\n=======\nb = 20\n';
    expect(findTextConflicts(unclosed, MERGING)).toEqual([{ firstLine: 2, lastLine: 6, complete: false }]);
    expect(findTextConflicts(unclosed, OUTSIDE)).toEqual([]);
  });

  test('a Markdown twin quoting a conflict in its prose counts, in and outside a merge, until HEAD holds it', () => {
    const quoted = ['# Resolving a conflict', '', 'git writes:', '', '<<<<<<< HEAD', 'mine', '=======', 'theirs', '>>>>>>> branch', '', '```python', 'x = 1', '```', ''].join('\n');
    expect(findTextConflicts(quoted, OUTSIDE)).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
    expect(findTextConflicts(quoted, MERGING)).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
    // HEAD holds the quote (at another place): a quote, never a conflict.
    const head = ['# Intro', '', '<<<<<<< HEAD', 'mine', '=======', 'theirs', '>>>>>>> branch', ''].join('\n');
    expect(findTextConflicts(quoted, { merging: false, head })).toEqual([]);
    expect(findTextConflicts(quoted, { merging: true, head })).toEqual([]);
    // HEAD holds other lines of the block, not all of them in a row: it counts.
    const near = ['<<<<<<< HEAD', 'mine', '', '=======', 'theirs', '>>>>>>> branch', ''].join('\n');
    expect(findTextConflicts(quoted, { merging: false, head: near })).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
  });

  test('a stash-pop conflict (no merge state) counts whatever the cell type; a second, new block beside a quote counts', () => {
    const popped = ['# %% [markdown]', '<<<<<<< Updated upstream', '# # Results on CIFAR', '=======', '# # Results on MNIST', '>>>>>>> Stashed changes', ''].join('\n');
    expect(findTextConflicts(popped, { merging: false, head: '# %% [markdown]\n# # Results on CIFAR\n' })).toEqual([{ firstLine: 2, lastLine: 6, complete: true }]);
    const head = 'S = """\n<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> other\n"""\n';
    const two = `${head}T = """\n<<<<<<< HEAD\nx = 3\n=======\nx = 4\n>>>>>>> other\n"""\n`;
    expect(findTextConflicts(two, { merging: false, head })).toEqual([{ firstLine: 9, lastLine: 13, complete: true }]);
  });

  test("a new twin of a notebook whose HEAD cells quote the block: a quote too", () => {
    const twin = ['# Guide', '', '<<<<<<< HEAD', 'mine', '=======', 'theirs', '>>>>>>> branch', ''].join('\n');
    const pairedHead = JSON.stringify({ cells: [{ cell_type: 'markdown', id: 'q', metadata: {}, source: ['# Guide\n', '\n', '<<<<<<< HEAD\n', 'mine\n', '=======\n', 'theirs\n', '>>>>>>> branch'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    expect(findTextConflicts(twin, { merging: false, pairedHead })).toEqual([]);
    expect(findTextConflicts(twin, { merging: false, pairedHead: pairedHead.replace('theirs', 'other') })).toEqual([{ firstLine: 3, lastLine: 7, complete: true }]);
  });

  test('a leftover marker HEAD already holds is a quote while merging too', () => {
    expect(findTextConflicts('# %%\nb = 200\n>>>>>>> side\n', { merging: true, head: 'x\n>>>>>>> side\n' })).toEqual([]);
  });

  test("conflict-marker-size: shorter runs are ordinary lines, git's own size is found", () => {
    const sized = '# %%\n<<<<<<<<<< HEAD\nx = 1\n==========\nx = 2\n>>>>>>>>>> side\n';
    expect(findTextConflicts(sized, { merging: false, markerSize: 10 })).toEqual([{ firstLine: 2, lastLine: 6, complete: true }]);
    expect(findTextConflicts(script, { merging: true, markerSize: 10 })).toEqual([]);
    const short = '# %%\n<<< HEAD\nx = 1\n===\nx = 2\n>>> side\n';
    expect(findTextConflicts(short, { merging: false, markerSize: 3 })).toEqual([{ firstLine: 2, lastLine: 6, complete: true }]);
    expect(findTextConflicts(short, MERGING)).toEqual([]);
  });

  test('text that only looks alike: commented markers, markers inside a line, a heading underline', () => {
    const text = '# %% [markdown]\n# <<<<<<< HEAD\n# =======\n# >>>>>>> side\n\n# %%\nx = a << 7  # <<<<<<<\n\n# %% [markdown]\n# Title\n# =======\n';
    expect(findTextConflicts(text, MERGING)).toEqual([]);
  });
});
