// The detector the commit hook and `check` use: markers in cells, and listed metadata conflicts.
import { describe, expect, test } from '@jest/globals';
import { findConflicts, findConflictsInText } from '../../src/merge/findConflicts.js';
import { notebook, notebookText } from './notebooks.js';

describe('findConflicts', () => {
  test('names the cells holding a block, with their first line', () => {
    const nb = notebook(['a = 1', '<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> feature', { type: 'markdown', source: 'Title\n=======\n\ntext' }]);
    expect(findConflicts(nb)).toEqual({ cells: [{ index: 1, excerpt: 'b = 2' }], values: [] });
  });

  test('a block over several cells (a script conflict around a cell boundary) names every cell of it', () => {
    const nb = notebook(['ok', '<<<<<<< ours\nx = 1', 'new = 1\n=======\nx = 2', 'other = 2\n>>>>>>> theirs', 'after']);
    expect(findConflicts(nb).cells.map((c) => c.index)).toEqual([1, 2, 3]);
  });

  test('any marker size, diff3 style, and leftover single markers', () => {
    expect(findConflicts(notebook(['<<<<<<<<< a\nx\n|||||||||\nb\n=========\ny\n>>>>>>>>> b'])).cells).toHaveLength(1);
    expect(findConflicts(notebook(['x = 1', 'y = 2\n>>>>>>> theirs'])).cells.map((c) => c.index)).toEqual([1]);
    expect(findConflicts(notebook(['<<<<<<< ours\nx = 1'])).cells.map((c) => c.index)).toEqual([0]);
  });

  test('text that only looks alike is no conflict: a heading underline, a shift operator, markers inside a line', () => {
    const nb = notebook([{ type: 'markdown', source: 'Heading\n=======' }, 'x = a << 7', 'print("<<<<<<< not at the start")', '# >>>>>>> quoted']);
    expect(findConflicts(nb)).toEqual({ cells: [], values: [] });
  });

  test('from text: undefined for a clean notebook or one that is not a notebook; the record counts', () => {
    expect(findConflictsInText(notebookText(['a']))).toBeUndefined();
    expect(findConflictsInText('{"cells": [ <<<<<<< ')).toBeUndefined();
    const recorded = notebookText(['a'], { 'ml-hooks-conflicts': [{ at: '/metadata/kernelspec', ours: 'x', theirs: 'y' }] });
    expect(findConflictsInText(recorded)).toEqual({ cells: [], values: ['/metadata/kernelspec'] });
  });
});
