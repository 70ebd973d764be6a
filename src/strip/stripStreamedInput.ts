// Strips a notebook that arrives in chunks (stdin): input under FULL_PARSE_QUICKER_BELOW by the
// full parse, bigger input by the byte-level strip as the chunks come, with a spool of the input
// for when the full parse is needed after all.
import { FULL_PARSE_QUICKER_BELOW, NotebookStripStream, fullParseReason } from '../notebook/NotebookStripStream.js';
import { planStrip } from '../notebook/planStrip.js';
import { NotebookError } from '../notebook/errors.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { InputSpool } from '../fs/InputSpool.js';
import { decodeUtf8, MAX_TEXT_BYTES } from '../fs/readTextFile.js';
import { notUtf8 } from '../messages/notebook.js';
import { rangeErrorReason } from '../messages/strip.js';

export type StreamedOutcome =
  | { kind: 'stripped'; output: Buffer; changed: boolean }
  /** Not a notebook ml-hooks can strip: `reason` is one line. */
  | { kind: 'not-a-notebook'; reason: string }
  /** Needs the full parse, which cannot hold this much in memory. */
  | { kind: 'too-large'; size: number; fullParse: string };

export async function stripStreamedInput(chunks: AsyncIterable<Buffer>, options: StripOptions, detectChange: boolean): Promise<StreamedOutcome> {
  // Past the size the full parse can hold, the copy could serve nothing.
  const spool = new InputSpool(MAX_TEXT_BYTES);
  try {
    return await planSpooled(chunks, spool, options, detectChange);
  } finally {
    spool.dispose();
  }
}

async function planSpooled(chunks: AsyncIterable<Buffer>, spool: InputSpool, options: StripOptions, detectChange: boolean): Promise<StreamedOutcome> {
  let fullParse = fullParseReason(options);
  let stream: NotebookStripStream | undefined;
  for await (const chunk of chunks) {
    spool.push(chunk);
    if (stream !== undefined) {
      stream.push(chunk); // once it needs the full parse, the rest only goes to the spool
    } else if (fullParse === undefined && spool.size >= FULL_PARSE_QUICKER_BELOW) {
      stream = new NotebookStripStream(options, { detectChange });
      for (const held of spool.read()) stream.push(held);
    }
  }
  if (stream !== undefined) {
    try {
      const result = stream.end();
      if ('stripped' in result) return { kind: 'stripped', output: result.stripped, changed: result.changed };
      fullParse = result.fullParse;
    } catch (error) {
      if (error instanceof NotebookError) return { kind: 'not-a-notebook', reason: error.reason };
      throw error;
    }
  }
  if (spool.size > MAX_TEXT_BYTES) return { kind: 'too-large', size: spool.size, fullParse: fullParse! };
  return planText(spool.readAll(), options);
}

/** The full parse of bytes in memory. */
function planText(bytes: Buffer, options: StripOptions): StreamedOutcome {
  const text = decodeUtf8(bytes);
  if (text === undefined) return { kind: 'not-a-notebook', reason: notUtf8 };
  try {
    const plan = planStrip(text, options);
    return { kind: 'stripped', output: Buffer.from(plan.output, 'utf8'), changed: plan.changed };
  } catch (error) {
    if (error instanceof NotebookError) return { kind: 'not-a-notebook', reason: error.reason };
    if (error instanceof RangeError) return { kind: 'not-a-notebook', reason: rangeErrorReason(error.message) };
    throw error;
  }
}
