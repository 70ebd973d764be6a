// Strips a notebook held in memory as bytes: the byte-level strip when it can, else the full parse
// of the decoded text. Either way the bytes are the full parse's.
import { NotebookStripStream, type StreamStripSettings } from './NotebookStripStream.js';
import { planStrip, type StripPlan } from './planStrip.js';
import { NotebookError } from './errors.js';
import type { StripOptions } from './stripOptions.js';
import { notUtf8 } from '../messages/notebook.js';

export interface BytesStripPlan {
  output: Buffer;
  /** Whether the content changes (formatting alone does not count), as `planStrip` says. */
  changed: boolean;
  /** Why the full parse was used, when it was. */
  fullParse?: string;
}

// Decoding drops one byte order mark, as `readTextFile` does (the codec drops another).
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function stripNotebookBytes(bytes: Uint8Array, options: StripOptions, settings: StreamStripSettings = {}): BytesStripPlan {
  const stream = new NotebookStripStream(options, settings);
  stream.push(bytes);
  const result = stream.end();
  if ('stripped' in result) return { output: result.stripped, changed: result.changed };
  return { ...planDecoded(bytes, options), fullParse: result.fullParse };
}

function planDecoded(bytes: Uint8Array, options: StripOptions): { output: Buffer; changed: boolean } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new NotebookError('not-json', notUtf8);
  }
  const plan: StripPlan = planStrip(text, options);
  return { output: Buffer.from(plan.output, 'utf8'), changed: plan.changed };
}
