// Jupytext conformance: every expected script of the shared fixtures is produced byte for byte
// (after the spec's header normalization), and both round trips hold on every fixture.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNotebook } from '../../src/notebook/codec.js';
import { isPyObject, type PyObject } from '../../src/notebook/pyjson.js';
import { IGNORE_CELL_METADATA } from '../../src/jupytext/cellMetadata.js';
import { notebookToScript } from '../../src/jupytext/notebookToScript.js';
import { scriptToNotebook } from '../../src/jupytext/scriptToNotebook.js';
import type { FormatName } from '../../src/jupytext/formats.js';
import { filterMetadata } from '../../src/jupytext/metadataFilter.js';
import { normalizeHeader } from './normalizeHeader.js';
import { JUPYTEXT_FIXTURES } from '../helpers/cli.js';

const BASE = JUPYTEXT_FIXTURES;

function fixtures(format: FormatName): { name: string; stem: string; ext: string }[] {
  return readdirSync(join(BASE, `expected-${format}`))
    .sort()
    .map((name) => {
      const dot = name.lastIndexOf('.');
      return { name, stem: name.slice(0, dot), ext: name.slice(dot) };
    });
}

function comparableCells(nb: PyObject): { type: string; source: string; metadata: PyObject }[] {
  const jupytext = isPyObject((nb.metadata as PyObject).jupytext) ? ((nb.metadata as PyObject).jupytext as PyObject) : undefined;
  const filter = typeof jupytext?.cell_metadata_filter === 'string' ? jupytext.cell_metadata_filter : undefined;
  return (nb.cells as PyObject[]).map((cell) => ({
    type: String(cell.cell_type),
    source: Array.isArray(cell.source) ? cell.source.join('') : String(cell.source),
    metadata: { ...filterMetadata(cell.metadata as PyObject, filter, IGNORE_CELL_METADATA) },
  }));
}

for (const format of ['percent', 'light'] as const) {
  const list = fixtures(format);
  describe(`${format} format (${list.length} fixtures)`, () => {
    test('the fixture set is complete', () => {
      expect(list.length).toBe(format === 'percent' ? 28 : 27);
    });

    test.each(list)('notebook → script is byte-exact: $name', ({ name, stem, ext }) => {
      const nb = readNotebook(readFileSync(join(BASE, 'inputs', `${stem}.ipynb`), 'utf8'));
      const expected = readFileSync(join(BASE, `expected-${format}`, name), 'utf8');
      expect(normalizeHeader(notebookToScript(nb, { extension: ext, formatName: format }))).toBe(expected);
    });

    test.each(list)('cells with list sources (raw .ipynb JSON) give the same script: $name', ({ stem, ext }) => {
      const text = readFileSync(join(BASE, 'inputs', `${stem}.ipynb`), 'utf8');
      const raw = JSON.parse(text) as PyObject;
      expect(notebookToScript(raw, { extension: ext, formatName: format })).toBe(notebookToScript(readNotebook(text), { extension: ext, formatName: format }));
    });

    test.each(list)('script → notebook → script gives the same bytes: $name', ({ name, ext }) => {
      const script = readFileSync(join(BASE, `expected-${format}`, name), 'utf8');
      const nb = scriptToNotebook(script, { extension: ext, formatName: format });
      expect(normalizeHeader(notebookToScript(nb, { extension: ext, formatName: format }))).toBe(script);
    });

    test.each(list)('notebook → script → notebook keeps the cells: $name', ({ stem, ext }) => {
      const nb = readNotebook(readFileSync(join(BASE, 'inputs', `${stem}.ipynb`), 'utf8'));
      const script = notebookToScript(nb, { extension: ext, formatName: format });
      const back = scriptToNotebook(script, { extension: ext, formatName: format });
      expect(comparableCells(back)).toEqual(comparableCells(nb));
    });
  });
}
