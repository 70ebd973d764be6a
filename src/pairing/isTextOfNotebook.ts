// The one rule for "may writing a notebook's script replace this existing text file?", shared by
// `ml-hooks convert` and `ml-hooks pair`: a file that is the notebook's pair, or itself a text
// version of a notebook, may be rewritten; a module or a script of someone's own that merely has
// the notebook's name may not (both commands then need --force). Pure: the caller reads files.
import type { PairSettings } from '../config/settings.js';
import { scanHeader } from '../jupytext/scanHeader.js';
import { findPair, type ReadFile } from './findPair.js';
import { extensionOf } from './pathKinds.js';

/**
 * Is `text` (the file at `textPath`) the script of the notebook at `notebook`? When it has a
 * Jupytext header (an earlier conversion or pairing wrote it), or the notebook's pair (its
 * metadata, or the configuration) is that file. Paths are repository-relative.
 */
export function isTextOfNotebook(notebook: string, textPath: string, text: string, read: ReadFile, pairing: PairSettings): boolean {
  const header = scanHeader(text, extensionOf(textPath));
  if (header.formatName !== undefined || header.formats !== undefined) return true;
  const pair = findPair(notebook, read, pairing);
  return pair !== undefined && [pair.notebook, pair.script].includes(textPath);
}
