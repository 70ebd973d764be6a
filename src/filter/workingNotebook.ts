// A blob's working notebook, as the output store keeps it: the notebook remembered at the path,
// taken only when the clean filter, run now with the repository's settings, strips it to exactly
// that blob. The smudge filter writes it at checkout; the merge driver merges it to keep outputs.
import type { Settings } from '../config/settings.js';
import type { OutputStore } from '../store/outputStore.js';
import { stripNotebookText } from '../notebook/strip.js';
import { NotebookError } from '../notebook/errors.js';
import { cleanNotebook } from './cleanNotebook.js';
import { smudgeNotebook } from './smudgeNotebook.js';

/** Why the filter passes a file through: a notebook it cannot read (other errors are bugs: thrown). */
export const passThroughReason = (error: unknown): string | undefined => (error instanceof NotebookError ? error.reason : undefined);

/** What the clean filter stores for `notebook` at `path`; undefined when it would pass it through with a warning. */
export function cleanedForm(settings: Settings, path: string, notebook: Buffer): Buffer | undefined {
  if (!settings.isNotebook(path)) return undefined;
  const outcome = cleanNotebook(path, notebook, settings.isNotebook, settings.stripOptionsFor(path), stripNotebookText, passThroughReason);
  return outcome.warning === undefined ? outcome.content : undefined;
}

/** The working notebook the store remembers for `blob` at `path`, else `blob` itself. */
export function workingNotebook(settings: Settings, store: OutputStore, path: string, blob: Buffer): Buffer {
  return smudgeNotebook(
    blob,
    (stripped) => store.recall(path, stripped),
    (notebook) => cleanedForm(settings, path, notebook),
  );
}
