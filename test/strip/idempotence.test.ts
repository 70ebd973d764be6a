// On every fixture notebook: stripping twice equals stripping once, and a notebook written by
// Jupyter's library (the nbstripout expected outputs) comes back byte for byte from read + write.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNotebook, writeNotebook } from '../../src/notebook/codec.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../../src/notebook/stripOptions.js';
import { JUPYTEXT_INPUTS, NBSTRIPOUT_FIXTURES } from '../helpers/cli.js';

const nbstripoutInputs = readdirSync(NBSTRIPOUT_FIXTURES).filter((f) => f.endsWith('.ipynb') && !/invalid|exception/.test(f));
const expectedOutputs = readdirSync(NBSTRIPOUT_FIXTURES).filter((f) => f.includes('.ipynb.expected'));
const jupytextInputs = readdirSync(JUPYTEXT_INPUTS).filter((f) => f.endsWith('.ipynb'));
const allInputs = [...nbstripoutInputs.map((f) => join(NBSTRIPOUT_FIXTURES, f)), ...jupytextInputs.map((f) => join(JUPYTEXT_INPUTS, f))];

const variants: [string, Partial<StripOptions>][] = [
  ['defaults', {}],
  ['--keep-output --keep-count', { keepOutput: true, keepCount: true }],
  ['--max-size 1k --drop-empty-cells', { maxSize: 1000, dropEmptyCells: true }],
];

test('there are fixtures to check', () => {
  expect(allInputs.length).toBeGreaterThan(40);
  expect(expectedOutputs.length).toBeGreaterThan(20);
});

describe.each(variants)('strip(strip(x)) = strip(x) with %s', (_name, overrides) => {
  const options = { ...DEFAULT_STRIP_OPTIONS, ...overrides };
  test.each(allInputs)('%s', (file) => {
    let once: string;
    try {
      once = stripNotebookText(readFileSync(file, 'utf8'), options);
    } catch (error) {
      // A fixture that is invalid on purpose (contradictory keep_output) must fail every time.
      expect(String(error)).toMatch(/contradicts/);
      return;
    }
    expect(stripNotebookText(once, options)).toBe(once);
  });
});

describe('read + write of a notebook Jupyter wrote returns the same bytes', () => {
  test.each(expectedOutputs)('%s', (name) => {
    const text = readFileSync(join(NBSTRIPOUT_FIXTURES, name), 'utf8');
    expect(writeNotebook(readNotebook(text))).toBe(text);
  });
});
