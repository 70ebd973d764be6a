// The cell-by-cell merge as a pure function over literal notebooks.
import { describe, expect, test } from '@jest/globals';
import { mergeNotebooks } from '../../src/merge/mergeNotebooks.js';
import { withConflictRecord } from '../../src/merge/conflictRecord.js';
import { findConflicts } from '../../src/merge/findConflicts.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { counterIds, notebook, sources, type CellSpec } from './notebooks.js';

const BASE: CellSpec[] = [
  { type: 'markdown', source: '# Training' },
  { source: 'import numpy as np\ndata = np.load("x.npy")', outputs: 'loaded\n' },
  { source: 'model = fit(data)\nscore = model.score()\nprint(score)', outputs: '0.9\n' },
  { source: 'plot(model)', outputs: 'fig\n' },
];
const base = notebook(BASE);
const edit = (changes: Record<number, CellSpec>, cells: CellSpec[] = BASE): PyObject => notebook(cells.map((c, i) => changes[i] ?? c));
const cellsOf = (nb: PyObject) => nb.cells as PyObject[];

describe('mergeNotebooks', () => {
  test('edits of different cells: each takes its edit, with the outputs of the side that edited it', () => {
    const ours = edit({ 1: { source: 'import numpy as np\ndata = np.load("y.npy")', outputs: 'loaded y\n' } });
    const theirs = edit({ 3: { source: 'plot(model, title="run 2")', outputs: 'fig 2\n' } });
    const r = mergeNotebooks(base, ours, theirs);
    expect(r.cells).toEqual([]);
    expect(sources(r.notebook)).toEqual(['# Training', 'import numpy as np\ndata = np.load("y.npy")', 'model = fit(data)\nscore = model.score()\nprint(score)', 'plot(model, title="run 2")']);
    expect(cellsOf(r.notebook).map((c) => (c.outputs as PyObject[] | undefined)?.[0]?.text)).toEqual([undefined, 'loaded y\n', '0.9\n', 'fig 2\n']);
  });

  test('one cell edited on different lines by both: merged, and its outputs dropped (that code never ran)', () => {
    const ours = edit({ 2: { source: 'model = fit(data, epochs=5)\nscore = model.score()\nprint(score)', outputs: 'a\n' } });
    const theirs = edit({ 2: { source: 'model = fit(data)\nscore = model.score()\nprint(f"{score:.2f}")', outputs: 'b\n' } });
    const r = mergeNotebooks(base, ours, theirs);
    expect(r.cells).toEqual([]);
    const cell = cellsOf(r.notebook)[2]!;
    expect(cell.source).toBe('model = fit(data, epochs=5)\nscore = model.score()\nprint(f"{score:.2f}")');
    expect(cell.outputs).toEqual([]);
    expect(cell.execution_count).toBeNull();
  });

  test('overlapping edits: git-style markers in that cell, labelled and sized as asked; the notebook stays a notebook', () => {
    const ours = edit({ 2: 'model = fit(data, epochs=5)\nscore = model.score()\nprint(score)' });
    const theirs = edit({ 2: 'model = fit(data, epochs=50)\nscore = model.score()\nprint(score)' });
    const r = mergeNotebooks(base, ours, theirs, { labels: { ours: 'HEAD', theirs: 'feature', markerSize: 7 } });
    expect(r.cells).toEqual([{ kind: 'source', cell: 2 }]);
    expect(cellsOf(r.notebook)[2]!.source).toBe('<<<<<<< HEAD\nmodel = fit(data, epochs=5)\n=======\nmodel = fit(data, epochs=50)\n>>>>>>> feature\nscore = model.score()\nprint(score)');
    expect(cellsOf(r.notebook)).toHaveLength(4); // no marker cells
    expect(findConflicts(r.notebook).cells.map((c) => c.index)).toEqual([2]);
  });

  test('cells inserted on either side keep their place; both inserting at one place: ours first, the same cell once', () => {
    const ours = notebook([BASE[0]!, 'setup()', BASE[1]!, BASE[2]!, BASE[3]!, 'report()', 'save()']);
    const theirs = notebook([BASE[0]!, BASE[1]!, BASE[2]!, 'evaluate()', BASE[3]!, 'save()', 'upload()']);
    const r = mergeNotebooks(base, ours, theirs);
    expect(r.cells).toEqual([]);
    expect(sources(r.notebook).slice(1)).toEqual(['setup()', BASE_SRC[1], BASE_SRC[2], 'evaluate()', BASE_SRC[3], 'report()', 'save()', 'upload()']);
  });

  test('both inserting alike cells at one place: one cell, with the difference as a conflict', () => {
    const ours = notebook([...BASE, 'fig = plot(score)\nfig.title("A")\nfig.save("a.png")']);
    const theirs = notebook([...BASE, 'fig = plot(score)\nfig.title("B")\nfig.save("a.png")']);
    const r = mergeNotebooks(base, ours, theirs);
    expect(r.cells).toEqual([{ kind: 'inserted', cell: 4 }]);
    expect(cellsOf(r.notebook)[4]!.source).toBe('fig = plot(score)\n<<<<<<< ours\nfig.title("A")\n=======\nfig.title("B")\n>>>>>>> theirs\nfig.save("a.png")');
  });

  test('a cell deleted on one side and unchanged on the other is deleted', () => {
    const ours = notebook([BASE[0]!, BASE[1]!, BASE[2]!]);
    const theirs = edit({ 1: 'import numpy as np\ndata = np.load("z.npy")' });
    const r = mergeNotebooks(base, ours, theirs);
    expect(r.cells).toEqual([]);
    expect(sources(r.notebook)).toEqual(['# Training', 'import numpy as np\ndata = np.load("z.npy")', BASE_SRC[2]]);
  });

  test('deleted on one side, edited on the other: kept, the deleting side empty and named', () => {
    const ours = notebook([BASE[0]!, BASE[1]!, BASE[3]!]);
    const theirs = edit({ 2: 'model = fit(data)\nscore = model.score()\nprint(score * 100)' });
    const r = mergeNotebooks(base, ours, theirs, { labels: { ours: 'HEAD', theirs: 'feature', markerSize: 7 } });
    expect(r.cells).toEqual([{ kind: 'deleted', cell: 2, deletedBy: 'ours' }]);
    expect(cellsOf(r.notebook)[2]!.source).toBe('<<<<<<< HEAD (deleted this cell)\n=======\nmodel = fit(data)\nscore = model.score()\nprint(score * 100)\n>>>>>>> feature');
  });

  test('each side deleting a neighbour the other kept does not delete both (nbdime does): both kept, marked', () => {
    const ours = notebook([BASE[0]!, BASE[2]!, BASE[3]!]); // deleted cell 1
    const theirs = notebook([BASE[0]!, BASE[1]!, BASE[3]!]); // deleted cell 2
    const r = mergeNotebooks(base, ours, theirs);
    expect(r.cells).toEqual([
      { kind: 'deleted', cell: 1, deletedBy: 'ours' },
      { kind: 'deleted', cell: 2, deletedBy: 'theirs' },
    ]);
    expect(sources(r.notebook)[1]).toBe(`<<<<<<< ours (deleted this cell)\n=======\n${BASE_SRC[1]}\n>>>>>>> theirs`);
    expect(sources(r.notebook)[2]).toBe(`<<<<<<< ours\n${BASE_SRC[2]}\n=======\n>>>>>>> theirs (deleted this cell)`);
    // Deletions apart from each other are both applied.
    const far = mergeNotebooks(base, notebook([BASE[0]!, BASE[2]!, BASE[3]!]), notebook([BASE[0]!, BASE[1]!, BASE[2]!]));
    expect(far.cells).toEqual([]);
    expect(sources(far.notebook)).toEqual(['# Training', BASE_SRC[2]]);
  });

  describe('a cell deleted on both sides beside an edit no content step recognises (a one-line cell rewritten)', () => {
    const cells = ['import pandas as pd', 'print(df.head())  # debug', 'model = train(df, epochs=10)', 'plot(model)'];
    const b = notebook(cells);
    const without = (i: number, changes: Record<number, string> = {}) => notebook(cells.map((c, k) => changes[k] ?? c).filter((_c, k) => k !== i));
    const both = (ours: PyObject, theirs: PyObject) => [mergeNotebooks(b, ours, theirs), mergeNotebooks(b, theirs, ours)];

    test('the cell after it edited: agreed, the cell gone and the edit kept (either side)', () => {
      for (const r of both(without(1), without(1, { 2: 'model = train(df, epochs=20)' }))) {
        expect(r.cells).toEqual([]);
        expect(sources(r.notebook)).toEqual(['import pandas as pd', 'model = train(df, epochs=20)', 'plot(model)']);
      }
    });

    test('the cell before it edited', () => {
      for (const r of both(without(1), without(1, { 0: 'import polars as pl' }))) {
        expect(r.cells).toEqual([]);
        expect(sources(r.notebook)).toEqual(['import polars as pl', 'model = train(df, epochs=10)', 'plot(model)']);
      }
    });

    test('both edited the cell after it, differently: one conflict in that cell, none about the deletion', () => {
      const r = mergeNotebooks(b, without(1, { 2: 'model = train(df, epochs=20)' }), without(1, { 2: 'model = train(df, epochs=30)' }));
      expect(r.cells).toEqual([{ kind: 'source', cell: 1 }]);
      expect(sources(r.notebook)).toEqual(['import pandas as pd', '<<<<<<< ours\nmodel = train(df, epochs=20)\n=======\nmodel = train(df, epochs=30)\n>>>>>>> theirs', 'plot(model)']);
    });

    test('deleted on one side and rewritten on the other is still a conflict', () => {
      const r = mergeNotebooks(b, without(1), notebook(cells.map((c, k) => (k === 1 ? 'df.info()' : c))));
      expect(r.cells).toEqual([{ kind: 'deleted', cell: 1, deletedBy: 'ours' }]);
      expect(sources(r.notebook)).toEqual(['import pandas as pd', '<<<<<<< ours (deleted this cell)\n=======\ndf.info()\n>>>>>>> theirs', 'model = train(df, epochs=10)', 'plot(model)']);
    });

    test('the same cell inserted on both sides beside a rewritten cell: inserted once, the rewrite kept', () => {
      const ours = notebook([cells[0]!, 'seed(0)', ...cells.slice(1)]);
      const theirs = notebook([cells[0]!, 'seed(0)', 'df.info()', ...cells.slice(2)]);
      for (const r of both(ours, theirs)) {
        expect(r.cells).toEqual([]);
        expect(sources(r.notebook)).toEqual(['import pandas as pd', 'seed(0)', 'df.info()', 'model = train(df, epochs=10)', 'plot(model)']);
      }
    });

    test('a cell moved on one side and edited on the other: moved, and the edit kept', () => {
      const ours = notebook([cells[0]!, cells[2]!, cells[1]!, cells[3]!]);
      const r = mergeNotebooks(b, ours, notebook(cells.map((c, k) => (k === 3 ? 'plot(model, title="v2")' : c))));
      expect(r.cells).toEqual([]);
      expect(sources(r.notebook)).toEqual(['import pandas as pd', 'model = train(df, epochs=10)', 'print(df.head())  # debug', 'plot(model, title="v2")']);
      // The moved cell itself edited on the other side: a move is a deletion and an insertion, so the two meet as one.
      const moved = mergeNotebooks(b, ours, notebook(cells.map((c, k) => (k === 1 ? 'print(df.tail())' : c))));
      expect(sources(moved.notebook)).toEqual(['import pandas as pd', 'model = train(df, epochs=10)', 'print(df.tail())', 'plot(model)']);
    });
  });

  describe('a deletion is never undone on a guess (red-team 2, f12 and f13)', () => {
    const b = notebook(['import numpy', 'def load(): pass', 'train()', 'plot()']);
    const deletesLoad = notebook(['import numpy', 'train()', 'plot()']);
    const editsLoadDeletesTrain = notebook(['import numpy', 'def load(path): pass', 'plot()']);

    test('one side deletes a cell, the other edits it (one line, no line in common) and deletes the next: both conflicts, load not back in silence', () => {
      const r = mergeNotebooks(b, deletesLoad, editsLoadDeletesTrain);
      expect(r.cells).toEqual([
        { kind: 'deleted', cell: 1, deletedBy: 'ours' },
        { kind: 'deleted', cell: 2, deletedBy: 'theirs' },
      ]);
      expect(sources(r.notebook)).toEqual([
        'import numpy',
        '<<<<<<< ours (deleted this cell)\n=======\ndef load(path): pass\n>>>>>>> theirs',
        '<<<<<<< ours\ntrain()\n=======\n>>>>>>> theirs (deleted this cell)',
        'plot()',
      ]);
      const swapped = mergeNotebooks(b, editsLoadDeletesTrain, deletesLoad);
      expect(swapped.cells).toEqual([
        { kind: 'deleted', cell: 1, deletedBy: 'theirs' },
        { kind: 'deleted', cell: 2, deletedBy: 'ours' },
      ]);
      expect(sources(swapped.notebook)[1]).toBe('<<<<<<< ours\ndef load(path): pass\n=======\n>>>>>>> theirs (deleted this cell)');
    });

    test('an edit that looks like neither base cell, beside a cell the other side deleted: a conflict, never a clean merge', () => {
      const b3 = notebook(['x = 1', 'y = 2', 'z = 3']);
      const r = mergeNotebooks(b3, notebook(['x = 1', 'z = 3']), notebook(['x = 1', 'print(done)']));
      expect(r.cells).toEqual([
        { kind: 'deleted', cell: 1, deletedBy: 'ours' },
        { kind: 'deleted', cell: 2, deletedBy: 'theirs' },
      ]);
      expect(sources(r.notebook)).toEqual(['x = 1', '<<<<<<< ours (deleted this cell)\n=======\nprint(done)\n>>>>>>> theirs', '<<<<<<< ours\nz = 3\n=======\n>>>>>>> theirs (deleted this cell)']);
    });

    test('a cell one side deleted and the other only moved: a conflict on the moved cell (either side)', () => {
      const b2 = notebook(['a = 1', 'b = 2', 'c = 3']);
      const [deletesB, movesB] = [notebook(['a = 1', 'c = 3']), notebook(['b = 2', 'a = 1', 'c = 3'])];
      const r = mergeNotebooks(b2, deletesB, movesB);
      expect(r.cells).toEqual([{ kind: 'deleted', cell: 0, deletedBy: 'ours' }]);
      expect(sources(r.notebook)).toEqual(['<<<<<<< ours (deleted this cell)\n=======\nb = 2\n>>>>>>> theirs', 'a = 1', 'c = 3']);
      const swapped = mergeNotebooks(b2, movesB, deletesB);
      expect(swapped.cells).toEqual([{ kind: 'deleted', cell: 0, deletedBy: 'theirs' }]);
      expect(sources(swapped.notebook)).toEqual(['<<<<<<< ours\nb = 2\n=======\n>>>>>>> theirs (deleted this cell)', 'a = 1', 'c = 3']);
    });

    test('a cell one side deleted and the other moved and edited: a conflict on the moved cell', () => {
      const b2 = notebook(['a = 1', 'b = 2', 'c = 3']);
      const r = mergeNotebooks(b2, notebook(['a = 1', 'c = 3']), notebook(['b = 20', 'a = 1', 'c = 3']));
      expect(r.cells).toEqual([{ kind: 'deleted', cell: 0, deletedBy: 'ours' }]);
      expect(sources(r.notebook)).toEqual(['<<<<<<< ours (deleted this cell)\n=======\nb = 20\n>>>>>>> theirs', 'a = 1', 'c = 3']);
      // A new cell that looks like no deleted one is just inserted.
      expect(mergeNotebooks(b2, notebook(['a = 1', 'c = 3']), notebook(['print(a)', 'a = 1', 'c = 3'])).cells).toEqual([]);
    });

    test('a cell moved on one side and kept on the other is still just moved', () => {
      const b2 = notebook(['a = 1', 'b = 2', 'c = 3']);
      const r = mergeNotebooks(b2, notebook(['a = 1', 'b = 2', 'c = 4']), notebook(['b = 2', 'a = 1', 'c = 3']));
      expect(r.cells).toEqual([]);
      expect(sources(r.notebook)).toEqual(['b = 2', 'a = 1', 'c = 4']);
    });
  });

  test('same source on both sides: the outputs of the side that re-ran the cell', () => {
    const theirs = edit({ 3: { source: 'plot(model)', outputs: 'new fig\n', count: 7 } });
    const cell = cellsOf(mergeNotebooks(base, edit({ 1: 'import numpy' }), theirs).notebook)[3]!;
    expect(cell.execution_count).toBe(7);
    expect((cell.outputs as PyObject[])[0]!.text).toBe('new fig\n');
  });

  test('stable ids match cells whatever their content; positional ids stay positional', () => {
    const withIds = (specs: CellSpec[]) => specs.map((s, i) => (typeof s === 'string' ? { source: s, id: `id${i}` } : { ...s, id: `id${i}` }));
    const b = notebook(withIds(['alpha = 1', 'beta = 2', 'gamma = 3']));
    // ours rewrote cell id1 completely; theirs inserted a cell before it
    const ours = notebook(withIds(['alpha = 1', 'completely different', 'gamma = 3']));
    const theirs = notebook([{ source: 'alpha = 1', id: 'id0' }, { source: 'inserted', id: 'zz' }, { source: 'beta = 2', id: 'id1' }, { source: 'gamma = 3', id: 'id2' }]);
    const r = mergeNotebooks(b, ours, theirs);
    expect(sources(r.notebook)).toEqual(['alpha = 1', 'inserted', 'completely different', 'gamma = 3']);
    expect(cellsOf(r.notebook).map((c) => c.id)).toEqual(['id0', 'zz', 'id1', 'id2']);
    // Positions as ids ("0", "1", … as `ml-hooks strip` writes them) are renumbered: the result is stripped already.
    const p = mergeNotebooks(notebook(['a', 'b']), notebook(['x', 'a', 'b']), notebook(['a', 'b', 'y']), { makeId: counterIds() });
    expect(cellsOf(p.notebook).map((c) => c.id)).toEqual(['0', '1', '2', '3']);
  });

  test('metadata merges key by key; a real disagreement keeps ours and is listed with all three values', () => {
    const md = (kernel: string, extra: Record<string, unknown>) => ({ kernelspec: { display_name: kernel, language: 'python', name: 'python3' }, ...extra });
    const b = notebook(BASE, md('Python 3', {}));
    const ours = notebook(BASE, md('Python 3 (ml)', { language_info: { version: '3.11' } }));
    const theirs = notebook(BASE, md('Python 3 (gpu)', { language_info: { version: '3.12' }, authors: ['ana'] }));
    const r = mergeNotebooks(b, ours, theirs);
    expect(r.values).toEqual([{ at: '/metadata/kernelspec/display_name', base: 'Python 3', ours: 'Python 3 (ml)', theirs: 'Python 3 (gpu)' }]);
    const metadata = r.notebook.metadata as PyObject;
    expect((metadata.kernelspec as PyObject).display_name).toBe('Python 3 (ml)');
    expect(metadata.language_info).toEqual({ version: '3.11' }); // written by the kernel: never a conflict
    expect(metadata.authors).toEqual(['ana']);
    const recorded = withConflictRecord(r.notebook, r.values);
    expect(findConflicts(recorded).values).toEqual(['/metadata/kernelspec/display_name']);
    // Cell metadata too, with the cell's place in the merged notebook.
    const tags = (t: string[]) => edit({ 2: { source: BASE_SRC[2]!, metadata: { tags: t } } });
    expect(mergeNotebooks(base, tags(['a']), tags(['b'])).values).toEqual([{ at: '/cells/2/metadata/tags', ours: ['a'], theirs: ['b'] }]);
  });

  test('a Markdown cell merges like code; a cell turned into Markdown on one side drops its outputs', () => {
    const ours = edit({ 0: { type: 'markdown', source: '# Training, run 2' }, 3: { type: 'markdown', source: 'plot(model)' } });
    const theirs = edit({ 1: 'import numpy' });
    const r = mergeNotebooks(base, ours, theirs);
    expect(cellsOf(r.notebook)[0]!.source).toBe('# Training, run 2');
    expect(cellsOf(r.notebook)[3]).toEqual(expect.objectContaining({ cell_type: 'markdown', source: 'plot(model)' }));
    expect(cellsOf(r.notebook)[3]!.outputs).toBeUndefined();
  });
});

const BASE_SRC = BASE.map((c) => (typeof c === 'string' ? c : c.source));
