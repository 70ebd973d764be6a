// A paired notebook is rebuilt from its merged script: the two files agree.
import { describe, expect, test } from '@jest/globals';
import { mergePairedNotebook } from '../../src/merge/mergePairedNotebook.js';
import { mergeNotebookTexts } from '../../src/merge/mergeNotebookTexts.js';
import { mergeText } from '../../src/merge/mergeText.js';
import { notebookToScript } from '../../src/jupytext/notebookToScript.js';
import { findConflicts } from '../../src/merge/findConflicts.js';
import { readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { notebook, notebookText, sources, type CellSpec } from './notebooks.js';

const FORMAT = { extension: '.py', formatName: 'percent' as const };
const METADATA = { jupytext: { formats: 'ipynb,py:percent' }, kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } };
const BASE: CellSpec[] = [{ type: 'markdown', source: '# Report' }, { source: 'a = 1\nb = 2', outputs: 'ab\n' }, { source: 'x = 1', outputs: 'x\n' }, 'def f():\n    return a'];
const nb = (cells: CellSpec[], metadata: Record<string, unknown> = METADATA) => notebook(cells, metadata);
const script = (n: PyObject) => notebookToScript(n, FORMAT);

describe('mergePairedNotebook', () => {
  test('clean: the notebook gives exactly the script merged as text; unchanged cells keep their outputs', () => {
    const [b, o, t] = [nb(BASE), nb([BASE[0]!, 'a = 10\nb = 2', BASE[2]!, BASE[3]!]), nb([...BASE, 'print(f())'])];
    const r = mergePairedNotebook(b, o, t, FORMAT);
    expect(r.conflicts).toBe(0);
    expect(r.script).toBe(mergeText(script(b), script(o), script(t)).text);
    expect(script(r.notebook)).toBe(r.script);
    expect(sources(r.notebook)).toEqual(['# Report', 'a = 10\nb = 2', 'x = 1', 'def f():\n    return a', 'print(f())']);
    expect(((r.notebook.cells as PyObject[])[2]!.outputs as PyObject[])[0]!.text).toBe('x\n');
  });

  test('conflicts: at the same lines as in the script, inside cells, readable in both', () => {
    const [b, o, t] = [nb(BASE), nb([{ type: 'markdown', source: '# Report A' }, ...BASE.slice(1)]), nb([{ type: 'markdown', source: '# Report B' }, ...BASE.slice(1)])];
    const r = mergePairedNotebook(b, o, t, FORMAT);
    expect(r.conflicts).toBe(1);
    expect(r.script).toContain('# %% [markdown]\n<<<<<<< ours\n# # Report A\n=======\n# # Report B\n>>>>>>> theirs\n');
    expect(sources(r.notebook)[0]).toBe('<<<<<<< ours\n# Report A\n=======\n# Report B\n>>>>>>> theirs');
    expect(findConflicts(r.notebook).cells.map((c) => c.index)).toEqual([0]);
  });

  test('both sides changing the kernel (the script header) still gives a notebook, with the conflict', () => {
    const kernel = (name: string) => ({ ...METADATA, kernelspec: { display_name: name, language: 'python', name: 'python3' } });
    const texts = { base: notebookText(BASE, METADATA), ours: notebookText(BASE, kernel('Py A')), theirs: notebookText(BASE, kernel('Py B')) };
    const r = mergeNotebookTexts(texts, { pairFormat: FORMAT });
    expect(r.kind).toBe('merged');
    if (r.kind !== 'merged') return;
    expect(r.conflicted).toBe(true);
    expect(r.conflictValues).toEqual(['/metadata/kernelspec/display_name']);
    const merged = readNotebook(r.text);
    expect(merged.cells).toHaveLength(4);
    expect((merged.metadata as PyObject).jupytext).toEqual({ formats: 'ipynb,py:percent' }); // the pair is not lost
  });
});

describe('mergeNotebookTexts', () => {
  test('a version that is not a notebook ml-hooks can merge is named, for the text fallback', () => {
    const good = notebookText(['a']);
    expect(mergeNotebookTexts({ base: good, ours: good, theirs: '{"cells": [' })).toMatchObject({ kind: 'unreadable', side: 'theirs' });
    const v3 = JSON.stringify({ metadata: {}, nbformat: 3, nbformat_minor: 0, worksheets: [{ cells: [], metadata: {} }] });
    expect(mergeNotebookTexts({ base: v3, ours: good, theirs: good })).toEqual({ kind: 'unreadable', side: 'base', reason: 'nbformat 3, not 4' });
  });

  test('both sides added the notebook (empty base): both sets of cells, the shared ones once', () => {
    const r = mergeNotebookTexts({ base: '', ours: notebookText(['import os', 'mine()']), theirs: notebookText(['import os', 'yours()']) });
    expect(r.kind === 'merged' && sources(readNotebook(r.text))).toEqual(['import os', 'mine()', 'yours()']);
  });
});
