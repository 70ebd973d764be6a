import { stripNotebookText } from './strip.js';
import { parsePyJson, pyEqual } from './pyjson.js';
import { stripBom } from './codec.js';
import type { StripOptions } from './stripOptions.js';

export interface StripPlan {
  /** The stripped notebook text. */
  output: string;
  /** Whether stripping changes the notebook's content (formatting alone does not count). */
  changed: boolean;
}

/**
 * Strips notebook text and tells whether that changes it. A notebook whose parsed content stays
 * the same is reported unchanged even when its formatting differs, so files are not rewritten
 * (and their mtime kept) for whitespace alone.
 */
export function planStrip(text: string, options: StripOptions, randomId?: () => string): StripPlan {
  const output = stripNotebookText(text, options, randomId);
  if (output === text) return { output, changed: false };
  return { output, changed: !pyEqual(parsePyJson(stripBom(text)), parsePyJson(output)) };
}
