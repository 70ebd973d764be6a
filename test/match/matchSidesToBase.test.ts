// Which base cell each side's cell is, when order pairing has to guess: letter likeness, then the
// other side's changes settle it (never towards undoing a deletion), and a match made by content
// never moves.
import { describe, expect, test } from '@jest/globals';
import { matchCells, pairInOrder, type CellMatch } from '../../src/match/matchCells.js';
import { matchSidesToBase } from '../../src/match/matchSidesToBase.js';
import type { PyObject } from '../../src/notebook/pyjson.js';

const code = (source: string): PyObject => ({ cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null }) as unknown as PyObject;
const md = (source: string): PyObject => ({ cell_type: 'markdown', metadata: {}, source }) as unknown as PyObject;
const cells = (...sources: string[]) => sources.map(code);
const pairs = (ms: CellMatch[]) => ms.map((m) => [m.a, m.b]);

const BASE = cells('import pandas as pd', 'print(df.head())  # debug', 'model = train(df, epochs=10)', 'plot(model)');
const [IMPORT, DEBUG, TRAIN, PLOT] = ['import pandas as pd', 'print(df.head())  # debug', 'model = train(df, epochs=10)', 'plot(model)'];

describe('matchSidesToBase', () => {
  test('both delete a cell, one edits the cell after it: the edit is matched with the cell the other side kept', () => {
    const ours = cells(IMPORT, TRAIN, PLOT);
    const theirs = cells(IMPORT, 'model = train(df, epochs=20)', PLOT);
    // On its own, order pairing takes the first cell of the gap: the deleted one.
    expect(pairs(matchCells(BASE, theirs, { bySimilarity: true }))).toEqual([[0, 0], [1, 1], [3, 2]]);
    const m = matchSidesToBase(BASE, ours, theirs);
    expect(pairs(m.ours)).toEqual([[0, 0], [2, 1], [3, 2]]);
    expect(pairs(m.theirs)).toEqual([[0, 0], [2, 1], [3, 2]]);
    expect(m.theirs.map((x) => x.same)).toEqual([true, false, true]);
  });

  test('both delete a cell, one edits the cell before it', () => {
    const ours = cells(IMPORT, TRAIN, PLOT);
    const theirs = cells('import polars as pl', TRAIN, PLOT);
    expect(pairs(matchSidesToBase(BASE, ours, theirs).theirs)).toEqual([[0, 0], [2, 1], [3, 2]]);
    // The gap is [import, debug] against [polars]: the cell it looks like wins wherever it sits.
    expect(pairs(matchSidesToBase(BASE, theirs, ours).ours)).toEqual([[0, 0], [2, 1], [3, 2]]);
  });

  test('a cell the other side inserted too is an insertion, not the edit of a base cell', () => {
    const ours = cells(IMPORT, 'seed(0)', DEBUG, TRAIN, PLOT);
    const theirs = cells(IMPORT, 'seed(0)', 'df.info()', TRAIN, PLOT);
    // theirs' gap is [debug] against [seed, info]: on its own, seed would be the edited debug cell.
    expect(pairs(matchCells(BASE, theirs, { bySimilarity: true }))).toEqual([[0, 0], [1, 1], [2, 3], [3, 4]]);
    expect(pairs(matchSidesToBase(BASE, ours, theirs).theirs)).toEqual([[0, 0], [1, 2], [2, 3], [3, 4]]);
  });

  test('with nothing to go by, the earliest cells pair, as matchCells pairs them', () => {
    const ours = cells(IMPORT, 'a = 1', PLOT); // debug and train: one edited, one deleted
    const theirs = BASE;
    expect(pairs(matchSidesToBase(BASE, ours, theirs).ours)).toEqual([[0, 0], [1, 1], [3, 2]]);
  });

  test('an edit is matched with the base cell it looks like, letter by letter, even the one the other side deleted', () => {
    const base = cells('import numpy', 'def load(): pass', 'train()', 'plot()');
    const m = matchSidesToBase(base, cells('import numpy', 'train()', 'plot()'), cells('import numpy', 'def load(path): pass', 'plot()'));
    expect(pairs(m.theirs)).toEqual([[0, 0], [1, 1], [3, 2]]);
  });

  test('with nothing to go by but what the other side did, the edit is of the cell the other side deleted (a conflict, not a silent undo)', () => {
    const base = cells('x = 1', 'y = 2', 'z = 3');
    const m = matchSidesToBase(base, cells('x = 1', 'z = 3'), cells('x = 1', 'print(done)'));
    expect(pairs(m.theirs)).toEqual([[0, 0], [1, 1]]);
    // The other side deleted z instead: the edit is of z.
    expect(pairs(matchSidesToBase(base, cells('x = 1', 'y = 2'), cells('x = 1', 'print(done)')).theirs)).toEqual([[0, 0], [2, 1]]);
  });

  test('cells pair only with cells of their type', () => {
    const base = [code('x = 1'), md('# Notes'), code('y = 2'), code('z = 3')];
    const ours = [code('x = 1'), md('# Other notes'), code('w = 0'), code('z = 3')];
    const theirs = [code('x = 1'), code('z = 3')]; // deleted the note and y
    const m = matchSidesToBase(base, ours, theirs);
    expect(pairs(m.ours)).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
    expect(pairs(m.theirs)).toEqual([[0, 0], [3, 1]]);
  });
});

describe('pairInOrder', () => {
  const base = [code('a'), md('m'), code('b')];
  test('without preferences each cell takes the next cell of its type (as pairing a script always did)', () => {
    expect(pairs(pairInOrder(base, [md('n'), code('c')], []))).toEqual([[1, 0], [2, 1]]);
    expect(pairs(pairInOrder(base, [code('c'), code('d'), md('n')], []))).toEqual([[0, 0], [2, 1]]);
    expect(pairs(pairInOrder([code('a'), md('m')], [md('n'), code('c')], []))).toEqual([[1, 0]]);
  });
  test('with preferences, the most pairs first, then the likeliest', () => {
    expect(pairs(pairInOrder(base, [code('c')], [], () => 0))).toEqual([[0, 0]]);
    expect(pairs(pairInOrder([code('a'), md('m')], [md('n'), code('c')], [], () => 0))).toEqual([[0, 1]]);
    expect(pairs(pairInOrder([code('a'), md('m')], [md('n'), code('c')], [], (i) => i))).toEqual([[1, 0]]);
    expect(pairs(pairInOrder(base, [code('c')], [], (i) => (i === 2 ? 3 : 0)))).toEqual([[2, 0]]);
    // Two pairs beat one pair however likely.
    expect(pairs(pairInOrder(base, [code('c'), md('n')], [], (i, j) => (i === 2 && j === 0 ? 3 : 0)))).toEqual([[0, 0], [1, 1]]);
  });
});
