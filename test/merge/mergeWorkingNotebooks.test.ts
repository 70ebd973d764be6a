// The working notebook of a merge: the same merge over the sides' working notebooks, so cells keep
// the outputs of the side they came from; it stands for the merged blob only when it strips to it.
import { describe, expect, test } from '@jest/globals';
import { mergeNotebookTexts, mergeWorkingNotebooks } from '../../src/merge/mergeNotebookTexts.js';
import { readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';
import { notebookText, type CellSpec } from './notebooks.js';

const strip = (text: string) => stripNotebookText(text, DEFAULT_STRIP_OPTIONS);
/** A working notebook (ids as Jupyter makes them, outputs) and the blob git stores for it. */
const side = (cells: CellSpec[], run: string) => {
  const working = notebookText(cells.map((c, i) => (typeof c === 'string' ? { source: c, id: `id-${c}`, outputs: `${run}: ${c}\n`, count: i + 1 } : c)));
  return { working, blob: strip(working) };
};
const outputsOf = (text: string) => (readNotebook(text).cells as PyObject[]).map((c) => [c.source, (c.outputs as PyObject[]).map((o) => o.text).join(''), c.execution_count]);

const base = side(['a = 1', 'b = 2', 'c = 3'], 'base');
const ours = side(['a = 10', 'b = 2', 'c = 3'], 'ours');
const theirs = side(['a = 1', 'b = 2', 'c = 30'], 'theirs');
const texts = { base: base.blob, ours: ours.blob, theirs: theirs.blob };
const merged = mergeNotebookTexts(texts);
if (merged.kind !== 'merged') throw new Error('the sides are notebooks');

describe('mergeWorkingNotebooks', () => {
  test("each cell keeps the outputs of the side it came from; a cell both kept, ours'", () => {
    const full = mergeWorkingNotebooks(texts, { ours: ours.working, theirs: theirs.working }, merged.text, strip);
    expect(outputsOf(full!)).toEqual([
      ['a = 10', 'ours: a = 10\n', 1],
      ['b = 2', 'ours: b = 2\n', 2],
      ['c = 30', 'theirs: c = 30\n', 3],
    ]);
    expect(strip(full!)).toBe(merged.text);
    expect(outputsOf(merged.text).map((c) => c[1])).toEqual(['', '', '']); // the blob itself: stripped
  });

  test('only one side known: its cells have outputs, the others none', () => {
    expect(outputsOf(mergeWorkingNotebooks(texts, { theirs: theirs.working }, merged.text, strip)!)).toEqual([
      ['a = 10', '', null],
      ['b = 2', 'theirs: b = 2\n', 2],
      ['c = 30', 'theirs: c = 30\n', 3],
    ]);
  });

  test("a merge with conflicts: the conflicted cell has none, the others ours'", () => {
    const t = side(['a = 1', 'b = 2', 'c = 300'], 'theirs');
    const o = side(['a = 10', 'b = 2', 'c = 4'], 'ours');
    const conflicted = { base: base.blob, ours: o.blob, theirs: t.blob };
    const result = mergeNotebookTexts(conflicted);
    if (result.kind !== 'merged') throw new Error('the sides are notebooks');
    expect(result.conflicted).toBe(true);
    const full = mergeWorkingNotebooks(conflicted, { ours: o.working, theirs: t.working }, result.text, strip)!;
    expect(outputsOf(full).map((c) => c[1])).toEqual(['ours: a = 10\n', 'ours: b = 2\n', '']);
    expect(strip(full)).toBe(result.text);
  });

  test('nothing known, nothing to add, or a result that does not strip to the merged blob: none', () => {
    expect(mergeWorkingNotebooks(texts, {}, merged.text, strip)).toBeUndefined();
    expect(mergeWorkingNotebooks(texts, { ours: ours.blob }, merged.text, strip)).toBeUndefined(); // the blob is its own working notebook
    expect(mergeWorkingNotebooks(texts, { ours: ours.working }, merged.text, (t) => strip(t).replace('a = 10', 'a = 11'))).toBeUndefined();
    expect(mergeWorkingNotebooks(texts, { ours: ours.working }, merged.text, () => undefined)).toBeUndefined();
    // A working notebook the merge does not read: no result either (the blob's merge stands).
    expect(mergeWorkingNotebooks(texts, { ours: '{"cells": [' }, merged.text, strip)).toBeUndefined();
  });
});
