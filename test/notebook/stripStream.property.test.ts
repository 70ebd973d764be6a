// The byte-level strip (NotebookStripStream) against the full parse (readNotebook + stripNotebook +
// writeNotebook): on thousands of generated notebooks (test/helpers/notebookArbitraries.ts: hostile
// strings, escapes, surrogates, nesting, numbers, duplicate keys, BOM, CRLF, damaged bytes), fed in
// random chunks, it must give the same bytes and the same "changed" answer, throw the same error,
// or say that the full parse is needed.
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { NotebookStripStream } from '../../src/notebook/NotebookStripStream.js';
import { planStrip } from '../../src/notebook/planStrip.js';
import { NotebookError } from '../../src/notebook/errors.js';
import type { StripOptions } from '../../src/notebook/stripOptions.js';
import { notebookBytesArb, stripOptionsArb } from '../helpers/notebookArbitraries.js';

// --- the comparison ---------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true });
const counterIds = (): (() => string) => {
  let n = 0;
  return () => `id${n++}`;
};

type Outcome = { output: string; changed: boolean } | { error: string };

/** The full parse, as `ml-hooks strip` runs it on a file's bytes. */
function fullParse(bytes: Buffer, options: StripOptions): Outcome {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { error: 'not UTF-8' };
  }
  try {
    return planStrip(text, options, counterIds());
  } catch (error) {
    if (error instanceof NotebookError) return { error: error.reason };
    throw error;
  }
}

type StreamOutcome = Outcome | { fullParse: string };

function byteLevel(bytes: Buffer, options: StripOptions, chunkSizes: number[]): StreamOutcome {
  const stream = new NotebookStripStream(options, { randomId: counterIds() });
  for (let offset = 0, k = 0; offset < bytes.length; k++) {
    const size = chunkSizes.length === 0 ? bytes.length : chunkSizes[k % chunkSizes.length]!;
    // Each chunk is a copy, as chunks read from a file or a pipe are.
    if (!stream.push(Buffer.from(bytes.subarray(offset, offset + size)))) break;
    offset += size;
  }
  try {
    const result = stream.end();
    return 'fullParse' in result ? result : { output: result.stripped.toString('utf8'), changed: result.changed };
  } catch (error) {
    if (error instanceof NotebookError) return { error: error.reason };
    throw error;
  }
}

const tally = { cases: 0, valid: 0, byteLevel: 0, errorsByteLevel: 0 };

function check(bytes: Buffer, options: StripOptions, chunkSizes: number[]): void {
  const want = fullParse(bytes, options);
  const got = byteLevel(bytes, options, chunkSizes);
  tally.cases++;
  if ('output' in want) tally.valid++;
  if ('fullParse' in got) return; // the caller runs the full parse: the bytes are its own
  if ('error' in got) tally.errorsByteLevel++;
  else tally.byteLevel++;
  expect(got).toEqual(want);
}

const chunkArb = fc.oneof(fc.constant([] as number[]), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }));

test('byte-level strip = full parse on generated notebooks (bytes, changed, errors)', () => {
  fc.assert(
    fc.property(notebookBytesArb, stripOptionsArb, chunkArb, (bytes, options, chunks) => check(bytes, options, chunks)),
    { numRuns: 4000 },
  );
  // The test means something only if many valid notebooks take the byte-level path (three runs
  // in ten use options that need the full parse, on purpose).
  expect(tally.valid).toBeGreaterThan(1000);
  expect(tally.byteLevel).toBeGreaterThan(tally.valid * 0.4);
  expect(tally.errorsByteLevel).toBeGreaterThan(20);
});
