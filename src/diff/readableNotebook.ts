// A notebook's text as the diff shows it: stripped as the repository strips it (volatile
// metadata, outputs), then as cells (notebookDiffText). A file that is not a notebook we can
// read is shown as it is, with the reason, so a diff never breaks on a half-saved file.
import { readNotebook } from '../notebook/codec.js';
import { NotebookError } from '../notebook/errors.js';
import { notebookDiffText } from './notebookDiffText.js';

export function readableNotebook(text: string, strip: ((text: string) => string) | undefined): { text: string; unreadable?: string } {
  try {
    return { text: notebookDiffText(readNotebook(strip ? strip(text) : text)) };
  } catch (error) {
    if (error instanceof NotebookError) return { text, unreadable: error.reason ?? error.message };
    throw error;
  }
}
