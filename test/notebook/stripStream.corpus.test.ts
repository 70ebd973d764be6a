// The byte-level strip on every fixture notebook and every notebook of the bench corpus (shaped
// like real ones), fed whole and in chunks that cut strings, escapes and UTF-8 sequences: the
// bytes and the "changed" answer are the full parse's, and it falls back only where it must.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotebookStripStream, fullParseReason } from '../../src/notebook/NotebookStripStream.js';
import { stripNotebookBytes } from '../../src/notebook/stripNotebookBytes.js';
import { planStrip } from '../../src/notebook/planStrip.js';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../../src/notebook/stripOptions.js';
import { JUPYTEXT_INPUTS, NBSTRIPOUT_FIXTURES } from '../helpers/cli.js';
import { realShapedCorpus } from '../../bench/corpus.mjs';

const fixtureFiles = [
  ...readdirSync(NBSTRIPOUT_FIXTURES).filter((f) => f.includes('.ipynb')).map((f) => join(NBSTRIPOUT_FIXTURES, f)),
  ...readdirSync(JUPYTEXT_INPUTS).filter((f) => f.endsWith('.ipynb')).map((f) => join(JUPYTEXT_INPUTS, f)),
];

const variants: [string, Partial<StripOptions>][] = [
  ['defaults', {}],
  ['--keep-count --keep-id', { keepCount: true, keepId: true }],
  ['--drop-empty-cells --drop-tagged-cells test', { dropEmptyCells: true, dropTaggedCells: ['test'] }],
  ['--extra-keys, --keep-metadata-keys', { extraKeys: ['metadata.kernelspec', 'cell.metadata.tags', 'cell.metadata.application/vnd.databricks.v1+cell'], keepMetadataKeys: ['cell.metadata.collapsed', 'metadata.widgets'] }],
  ['--strip-init-cells --drop-output-type stream', { stripInitCells: true, dropOutputTypes: ['stream'] }],
];

/** Ids for nbformat 4.5 cells without one, the same sequence for both paths. */
const ids = (): (() => string) => {
  let n = 0;
  return () => `id-${n++}`;
};

function streamed(bytes: Buffer, options: StripOptions, chunkSize: number) {
  const stream = new NotebookStripStream(options, { randomId: ids() });
  for (let offset = 0; offset < bytes.length; offset += chunkSize) stream.push(Buffer.from(bytes.subarray(offset, offset + chunkSize)));
  return stream.end();
}

function fullParse(bytes: Buffer, options: StripOptions) {
  const plan = planStrip(bytes.toString('utf8'), options, ids());
  return { stripped: Buffer.from(plan.output), changed: plan.changed };
}

test('fixtures to check', () => {
  expect(fixtureFiles.length).toBeGreaterThan(60);
});

describe.each(variants)('fixtures, %s', (_name, overrides) => {
  const options = { ...DEFAULT_STRIP_OPTIONS, ...overrides };
  test.each(fixtureFiles)('%s', (file) => {
    const bytes = readFileSync(file);
    let want: ReturnType<typeof fullParse> | { error: string };
    try {
      want = fullParse(bytes, options);
    } catch (error) {
      want = { error: (error as Error).message };
    }
    // Byte by byte only where that is quick.
    for (const chunkSize of bytes.length < 20_000 ? [bytes.length, 4096, 13, 1] : [bytes.length, 4096, 13]) {
      let got;
      try {
        got = streamed(bytes, options, chunkSize);
      } catch (error) {
        got = { error: (error as Error).message };
      }
      if ('fullParse' in got) continue;
      expect(got).toEqual(want);
    }
  });
});

test('the nbstripout fixtures that need the full parse say why; the others do not fall back', () => {
  const reasons = Object.fromEntries(
    readdirSync(NBSTRIPOUT_FIXTURES)
      .filter((f) => f.endsWith('.ipynb'))
      .map((f) => {
        const result = streamed(readFileSync(join(NBSTRIPOUT_FIXTURES, f)), DEFAULT_STRIP_OPTIONS, 1 << 20);
        return [f, 'fullParse' in result ? result.fullParse : 'byte-level'];
      }),
  );
  expect(reasons).toEqual({
    'test_drop_empty_cells.ipynb': 'byte-level',
    'test_drop_tagged_cells.ipynb': 'byte-level',
    'test_empty_metadata.ipynb': 'byte-level',
    'test_execution_timing.ipynb': 'byte-level',
    'test_invalid_json.ipynb': 'it is not valid JSON',
    'test_keep_metadata_keys.ipynb': 'byte-level',
    'test_max_size.ipynb': 'byte-level',
    'test_metadata.ipynb': expect.stringMatching(/^a cell keeps its outputs/),
    'test_metadata_exception.ipynb': expect.stringMatching(/^a cell keeps its outputs/),
    'test_metadata_notebook.ipynb': expect.stringMatching(/^a cell keeps its outputs/),
    'test_metadata_period.ipynb': 'byte-level',
    'test_missing_nbformat.ipynb': 'it is not an nbformat 4 notebook',
    'test_nbformat2.ipynb': 'it is not an nbformat 4 notebook',
    'test_nbformat45.ipynb': 'byte-level',
    'test_nochange.ipynb': expect.stringMatching(/^a cell keeps its outputs/),
    'test_strip_init_cells.ipynb': expect.stringMatching(/^a cell keeps its outputs/),
    'test_unicode.ipynb': 'byte-level',
    'test_widgets.ipynb': 'byte-level',
  });
});

test('options that read outputs need the full parse', () => {
  expect(fullParseReason(DEFAULT_STRIP_OPTIONS)).toBeUndefined();
  expect(fullParseReason({ ...DEFAULT_STRIP_OPTIONS, maxSize: 0 })).toBeUndefined();
  expect(fullParseReason({ ...DEFAULT_STRIP_OPTIONS, keepOutput: true })).toMatch(/--keep-output /);
  expect(fullParseReason({ ...DEFAULT_STRIP_OPTIONS, keepOutputTypes: ['stream'] })).toMatch(/--keep-output-type/);
  expect(fullParseReason({ ...DEFAULT_STRIP_OPTIONS, maxSize: 10 })).toMatch(/--max-size/);
  expect(fullParseReason({ ...DEFAULT_STRIP_OPTIONS, mode: 'zeppelin' })).toMatch(/Zeppelin/);
});

test('every notebook of the bench corpus: the bytes of the full parse, without falling back', () => {
  let count = 0;
  for (const text of realShapedCorpus()) {
    const bytes = Buffer.from(text);
    const want = planStrip(text, DEFAULT_STRIP_OPTIONS);
    const whole = stripNotebookBytes(bytes, DEFAULT_STRIP_OPTIONS);
    expect(whole.fullParse).toBeUndefined();
    expect(whole.output.toString()).toBe(want.output);
    expect(whole.changed).toBe(want.changed);
    // Odd chunk sizes cut base64, escapes and multi-byte characters at every kind of place.
    const chunked = streamed(bytes, DEFAULT_STRIP_OPTIONS, 4093 + (count % 7) * 1021);
    expect('stripped' in chunked && chunked.stripped.toString()).toBe(want.output);
    count++;
  }
  expect(count).toBe(200);
});
