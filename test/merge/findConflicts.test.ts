// The detector the commit hook and `check` use: markers in cells, and listed metadata conflicts.
import { describe, expect, test } from '@jest/globals';
import { findConflicts, findConflictsInText, scanConflictLines } from '../../src/merge/findConflicts.js';
import { findTextConflicts } from '../../src/merge/findTextConflicts.js';
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

describe('scanConflictLines', () => {
  test('blocks (complete or not) and leftover closing markers, by position', () => {
    const lines = ['a', '<<<<<<< x', 'b', '=======', 'c', '>>>>>>> y', 'd', '>>>>>>> z', '<<<<<<< u', 'e', '<<<<<<< v', '=======', '>>>>>>> w', '<<<<<<< end'];
    expect(scanConflictLines(lines)).toEqual({
      blocks: [
        { first: 1, last: 5, complete: true },
        { first: 8, last: 9, complete: false },
        { first: 10, last: 12, complete: true },
        { first: 13, last: 13, complete: false },
      ],
      strays: [7],
    });
  });

  test('a block opens and closes with runs of one length; a separator of another length does not complete it', () => {
    expect(scanConflictLines(['<<<<<<<<< a', '=======', '>>>>>>>>> b'])).toEqual({ blocks: [{ first: 0, last: 2, complete: false }], strays: [] });
    expect(scanConflictLines(['<<<<<<<<< a', '=========', '>>>>>>> b', '>>>>>>>>> c'])).toEqual({ blocks: [{ first: 0, last: 3, complete: true }], strays: [2] });
  });

  test('markerSize: shorter runs are ordinary lines; a label needs its space; CR is ignored', () => {
    expect(scanConflictLines(['<<<<<<< a', '=======', '>>>>>>> b'], 8)).toEqual({ blocks: [], strays: [] });
    expect(scanConflictLines(['<<<<<<<x', '=======', '>>>>>>>x'])).toEqual({ blocks: [], strays: [] });
    expect(scanConflictLines(['<<<<<<< a\r', '=======\r', '>>>>>>> b\r'])).toEqual({ blocks: [{ first: 0, last: 2, complete: true }], strays: [] });
  });
});

describe('outside a merge', () => {
  const OUTSIDE = { merging: false };
  const quote = { type: 'markdown' as const, source: 'git writes:\n\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch' };

  test('a new Markdown cell quoting a conflict counts (a stash-pop conflict looks the same), in and outside a merge', () => {
    expect(findConflicts(notebook(['a = 1', quote]), OUTSIDE).cells.map((c) => c.index)).toEqual([1]);
    expect(findConflicts(notebook(['a = 1', quote])).cells.map((c) => c.index)).toEqual([1]);
    const popped = { type: 'markdown' as const, source: '<<<<<<< Updated upstream\n# Results on CIFAR\n=======\n# Results on MNIST\n>>>>>>> Stashed changes' };
    const head = notebookText([{ type: 'markdown', source: '# Results on CIFAR' }, 'y = 1']);
    expect(findConflicts(notebook([popped, 'y = 1']), { merging: false, head }).cells).toEqual([{ index: 0, excerpt: '# Results on CIFAR' }]);
  });

  test("a block HEAD's cells already hold is a quote, in and outside a merge; in any cell type", () => {
    const head = notebookText([quote, 'b = 1']);
    expect(findConflicts(notebook(['a = 1', quote]), { merging: false, head })).toEqual({ cells: [], values: [] });
    expect(findConflicts(notebook(['a = 1', quote]), { merging: true, head })).toEqual({ cells: [], values: [] });
    const sample = 'SAMPLE = """\n<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> other\n"""';
    expect(findConflicts(notebook([sample]), { merging: false, head: notebookText(['x = 0']) }).cells.map((c) => c.index)).toEqual([0]);
    expect(findConflictsInText(notebookText([sample]), { merging: false, head: notebookText([sample]) })).toBeUndefined();
    // HEAD as text, not as a notebook (or unreadable): compared as cells, it quotes nothing.
    expect(findConflicts(notebook([sample]), { merging: false, head: sample }).cells).toHaveLength(1);
  });

  test('a quote HEAD holds once covers one block: a second block equal to it counts, here and in a script', () => {
    const head = notebookText([quote, 'b = 1']);
    expect(findConflicts(notebook([quote, 'b = 1', quote]), { merging: false, head }).cells.map((c) => c.index)).toEqual([2]);
    expect(findConflicts(notebook([quote, quote]), { merging: false, head: notebookText([quote, quote]) })).toEqual({ cells: [], values: [] });
    const block = '<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side';
    const script = `# %%\nx = 1\n${block}\n`;
    expect(findTextConflicts(script, { merging: false, head: script })).toEqual([]);
    expect(findTextConflicts(`${script}${block}\n`, { merging: false, head: script }).map((c) => c.firstLine)).toEqual([8]);
  });

  test('a complete block in a code cell is, a leftover marker is not', () => {
    expect(findConflicts(notebook(['<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> side', quote]), OUTSIDE).cells.map((c) => c.index)).toEqual([0, 1]);
    expect(findConflicts(notebook(['x = 1\n>>>>>>> side', '<<<<<<< HEAD\nx = 1']), OUTSIDE)).toEqual({ cells: [], values: [] });
    const overCells = notebook([{ type: 'markdown', source: '<<<<<<< HEAD\nnotes' }, 'x = 1\n=======\nx = 2\n>>>>>>> side']);
    expect(findConflicts(overCells, OUTSIDE).cells.map((c) => c.index)).toEqual([0, 1]);
  });

  test('conflict-marker-size applies to notebooks too', () => {
    const nb = notebook(['<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> side']);
    expect(findConflicts(nb, { merging: true, markerSize: 9 })).toEqual({ cells: [], values: [] });
    expect(findConflictsInText(notebookText(['<<<<< a\nx\n=====\ny\n>>>>> b']), { merging: false, markerSize: 5 })?.cells.map((c) => c.index)).toEqual([0]);
  });
});
