// Hostile nesting: the codec reads and writes at most MAX_NESTING levels of arrays and objects,
// and past that says so in one line (never a stack overflow, never "not JSON" or "too large").
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { dumpPyJson, MAX_NESTING, newPyObject, parsePyJson, parsePyJsonExact, PyJsonError, type PyObject, type PyValue } from '../../src/notebook/pyjson.js';
import { readNotebook, writeNotebook } from '../../src/notebook/codec.js';
import { NotebookError } from '../../src/notebook/errors.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';
import { parsePyLiteral } from '../../src/jupytext/pyLiteral.js';
import { relaxJsonLoads } from '../../src/jupytext/cellMetadata.js';
import { scriptToNotebook } from '../../src/jupytext/scriptToNotebook.js';

const arrays = (levels: number, inner = ''): string => '['.repeat(levels) + inner + ']'.repeat(levels);
const objects = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const notebookWithMetadata = (value: string): string =>
  `{"cells": [], "metadata": {"deep": ${value}}, "nbformat": 4, "nbformat_minor": 5}\n`;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

test('1000 levels read and write back; 1001 is a nesting error naming the place, on the fast and the exact path', () => {
  expect(MAX_NESTING).toBe(1000);
  for (const text of [arrays(1000), arrays(1000, '1.0'), objects(1000)]) {
    expect(dumpPyJson(parsePyJson(text), { sortKeys: true, ensureAscii: false }).replace(/ /g, '')).toBe(text);
  }
  // the error is the exact parser's wherever the text would have gone (1.0 forces the exact path)
  for (const text of [arrays(1001), arrays(1001, '1.0'), arrays(6000)]) {
    const error = thrown(() => parsePyJson(text)) as PyJsonError;
    expect(error).toBeInstanceOf(PyJsonError);
    expect(error.kind).toBe('nesting');
    expect(error.message).toBe('nested deeper than 1000 levels: line 1 column 1001 (char 1000)');
  }
  const deepObject = thrown(() => parsePyJsonExact(objects(1001))) as PyJsonError;
  expect([deepObject.kind, deepObject.message]).toEqual(['nesting', 'nested deeper than 1000 levels: line 1 column 5001 (char 5000)']);
  // brackets inside strings do not count
  expect(parsePyJson(`["${'['.repeat(5000)}"]`)).toEqual(['['.repeat(5000)]);
  // a syntax error stays a syntax error
  expect((thrown(() => parsePyJson('[1,')) as PyJsonError).kind).toBe('syntax');
});

test('what the codec rejects, Python cannot read either', () => {
  const script = 'import json,sys\nfor n in (900, 1001):\n    try: json.loads("["*n+"]"*n); print(n, "ok")\n    except RecursionError: print(n, "RecursionError")';
  const r = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  expect(r.stdout).toBe('900 ok\n1001 RecursionError\n');
});

test('the writer refuses a value built deeper than the limit (metadata from a text file)', () => {
  let value: PyValue = 1;
  for (let i = 0; i < 1001; i++) value = [value];
  const error = thrown(() => dumpPyJson(value, { indent: 1, sortKeys: true, ensureAscii: false })) as PyJsonError;
  expect([error.kind, error.message]).toEqual(['nesting', 'nested deeper than 1000 levels']);
  const nb = readNotebook(notebookWithMetadata('1'));
  (nb.metadata as PyObject).deep = value;
  const notebookError = thrown(() => writeNotebook(nb)) as NotebookError;
  expect(notebookError).toBeInstanceOf(NotebookError);
  expect(notebookError.kind).toBe('too-deep');
});

test('a notebook nested 6000 levels deep is a too-deep NotebookError in one line, for reading and stripping', () => {
  const text = notebookWithMetadata(objects(6000));
  for (const run of [() => readNotebook(text), () => stripNotebookText(text, DEFAULT_STRIP_OPTIONS)]) {
    const error = thrown(run) as NotebookError;
    expect(error).toBeInstanceOf(NotebookError);
    expect(error.kind).toBe('too-deep');
    expect(error.reason).toBe('nested deeper than 1000 levels: line 1 column 5026 (char 5025); Jupyter and nbformat cannot read it either');
    expect(error.reason).not.toMatch(/\n|not valid JSON|too large|memory/);
  }
});

test('scripts: deep cell metadata is kept as text, a deep YAML header is one line, Python literals stop at the limit', () => {
  expect(() => parsePyLiteral(arrays(1001))).toThrow('not a Python literal');
  expect(parsePyLiteral(arrays(3))).toEqual([[[]]]);
  expect(() => relaxJsonLoads(arrays(6000))).toThrow();
  const nb = scriptToNotebook(`# %% {"a": ${arrays(6000)}}\nx = 1\n`, { extension: '.py', formatName: 'percent' });
  const cell = (nb.cells as PyObject[])[0]!;
  expect(Object.keys(cell.metadata as PyObject)).toEqual(['incorrectly_encoded_metadata']);
  expect(() => scriptToNotebook(`# ---\n# jupyter:\n#   a: ${arrays(6000)}\n# ---\n\n# %%\nx = 1\n`, { extension: '.py', formatName: 'percent' })).toThrow(
    /^the jupyter: header is nested too deeply to read \(line 2, column \d+\)$/,
  );
  expect(newPyObject()).toEqual({});
});
