import { readNotebook, writeNotebook } from './codec.js';
import { stripNotebook } from './strip.js';
import { readZeppelin, stripZeppelin, writeZeppelin } from './zeppelin.js';
import { clonePyValue, pyEqual, type PyObject } from './pyjson.js';
import type { StripOptions } from './stripOptions.js';

export interface StripPlan {
  /** The stripped notebook text. */
  output: string;
  /** Whether stripping changes the notebook as Jupyter reads it (formatting alone does not count). */
  changed: boolean;
}

/**
 * Strips notebook text and tells whether that changes it, as nbstripout does: the notebook as
 * read (multi-line fields joined, transient keys such as `metadata.signature` dropped) against the
 * stripped notebook. So `--verify` passes, and a file is not rewritten (its mtime kept), when only
 * the formatting differs, as with a `source` written as one string.
 */
export function planStrip(text: string, options: StripOptions, randomId?: () => string): StripPlan {
  const zeppelin = options.mode === 'zeppelin';
  const doc: PyObject = zeppelin ? readZeppelin(text) : readNotebook(text, randomId);
  const original = clonePyValue(doc);
  const stripped = zeppelin ? stripZeppelin(doc) : stripNotebook(doc, options);
  return { output: zeppelin ? writeZeppelin(stripped) : writeNotebook(stripped, randomId), changed: !pyEqual(original, stripped) };
}
