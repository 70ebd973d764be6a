// Conflicts left in the text side of a pair (git merges nb.py or nb.md as text): the commit hook,
// `sync` and `check` never take such a file as the pair's inputs.
import { describe, expect, test } from '@jest/globals';
import { findTextConflicts } from '../../src/merge/findTextConflicts.js';

const PERCENT = { extension: '.py', formatName: 'percent' as const };
const MARKDOWN = { extension: '.md', formatName: 'markdown' as const };
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
    expect(findTextConflicts(script, PERCENT, MERGING)).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
    expect(findTextConflicts(script, PERCENT, OUTSIDE)).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
  });

  test('a block over a cell boundary counts outside a merge too (its opening line is code)', () => {
    const text = '# %%\n<<<<<<< HEAD\nx = 1\n\n# %%\ny = 1\n=======\nx = 2\n>>>>>>> side\n';
    expect(findTextConflicts(text, PERCENT, OUTSIDE)).toEqual([{ firstLine: 2, lastLine: 9, complete: true }]);
  });

  test('CRLF line endings and diff3 style', () => {
    const text = '# %%\r\n<<<<<<< ours\r\nx = 1\r\n||||||| base\r\nx = 0\r\n=======\r\nx = 2\r\n>>>>>>> theirs\r\n';
    expect(findTextConflicts(text, PERCENT, OUTSIDE)).toEqual([{ firstLine: 2, lastLine: 8, complete: true }]);
  });

  test('a leftover marker counts only while merging', () => {
    const text = '# %%\nb = 200\n>>>>>>> side\n';
    expect(findTextConflicts(text, PERCENT, MERGING)).toEqual([{ firstLine: 3, lastLine: 3, complete: false }]);
    expect(findTextConflicts(text, PERCENT, OUTSIDE)).toEqual([]);
    const unclosed = '# %%\n<<<<<<< HEAD\nb = 200\n=======\nb = 20\n';
    expect(findTextConflicts(unclosed, PERCENT, MERGING)).toEqual([{ firstLine: 2, lastLine: 6, complete: false }]);
    expect(findTextConflicts(unclosed, PERCENT, OUTSIDE)).toEqual([]);
  });

  test('a Markdown twin quoting a conflict in its prose counts only while merging; one in a code cell always', () => {
    const quoted = ['# Resolving a conflict', '', 'git writes:', '', '<<<<<<< HEAD', 'mine', '=======', 'theirs', '>>>>>>> branch', '', '```python', 'x = 1', '```', ''].join('\n');
    expect(findTextConflicts(quoted, MARKDOWN, OUTSIDE)).toEqual([]);
    expect(findTextConflicts(quoted, MARKDOWN, MERGING)).toEqual([{ firstLine: 5, lastLine: 9, complete: true }]);
    const inCode = ['# Title', '', '```python', '<<<<<<< HEAD', 'x = 1', '=======', 'x = 2', '>>>>>>> side', '```', ''].join('\n');
    expect(findTextConflicts(inCode, MARKDOWN, OUTSIDE)).toEqual([{ firstLine: 4, lastLine: 8, complete: true }]);
  });

  test("conflict-marker-size: shorter runs are ordinary lines, git's own size is found", () => {
    const sized = '# %%\n<<<<<<<<<< HEAD\nx = 1\n==========\nx = 2\n>>>>>>>>>> side\n';
    expect(findTextConflicts(sized, PERCENT, { merging: false, markerSize: 10 })).toEqual([{ firstLine: 2, lastLine: 6, complete: true }]);
    expect(findTextConflicts(script, PERCENT, { merging: true, markerSize: 10 })).toEqual([]);
    const short = '# %%\n<<< HEAD\nx = 1\n===\nx = 2\n>>> side\n';
    expect(findTextConflicts(short, PERCENT, { merging: false, markerSize: 3 })).toEqual([{ firstLine: 2, lastLine: 6, complete: true }]);
    expect(findTextConflicts(short, PERCENT, MERGING)).toEqual([]);
  });

  test('text that only looks alike: commented markers, markers inside a line, a heading underline', () => {
    const text = '# %% [markdown]\n# <<<<<<< HEAD\n# =======\n# >>>>>>> side\n\n# %%\nx = a << 7  # <<<<<<<\n\n# %% [markdown]\n# Title\n# =======\n';
    expect(findTextConflicts(text, PERCENT, MERGING)).toEqual([]);
  });
});
