// Taking the pairing out of the side of a pair that stays, when the user deleted the other side
// in the commit: a deletion is a decision, and the declaration left behind would bring the deleted
// file back at the next commit. Pure: texts in, texts out.
import { readNotebook, writeNotebook } from '../notebook/codec.js';
import { isPyObject } from '../notebook/pyjson.js';
import { formatsToString, parseFormats } from '../jupytext/formats.js';
import { withoutHeaderFormats } from '../jupytext/scanHeader.js';
import { pairedPaths } from './pairedPaths.js';
import { extensionOf } from './pathKinds.js';

/**
 * The notebook without the entry of `deleted` in metadata.jupytext.formats (the key goes when
 * only the notebook is left, and `jupytext` when it is then empty); undefined when its metadata
 * declares no such entry (or the notebook cannot be read).
 */
export function notebookWithoutPairing(text: string, notebookPath: string, deleted: string): { text: string; formats: string | undefined } | undefined {
  let nb;
  try {
    nb = readNotebook(text);
  } catch {
    return undefined;
  }
  const jupytext = isPyObject(nb.metadata) ? nb.metadata.jupytext : undefined;
  if (!isPyObject(jupytext) || typeof jupytext.formats !== 'string') return undefined;
  let formats;
  try {
    formats = parseFormats(jupytext.formats);
  } catch {
    return undefined;
  }
  const paths = pairedPaths(notebookPath, formats);
  if (paths === undefined || !paths.some((p) => p.path === deleted)) return undefined;
  const kept = paths.filter((p) => p.path !== deleted).map((p) => p.format);
  if (kept.some((f) => f.extension !== '.ipynb')) {
    jupytext.formats = formatsToString(kept);
  } else {
    delete jupytext.formats;
    if (Object.keys(jupytext).length === 0) delete (nb.metadata as Record<string, unknown>).jupytext;
  }
  return { text: writeNotebook(nb), formats: typeof jupytext.formats === 'string' ? jupytext.formats : undefined };
}

/** The script without the `formats` line of its header; undefined when the header has none. */
export function scriptWithoutPairing(text: string, scriptPath: string): string | undefined {
  return withoutHeaderFormats(text, extensionOf(scriptPath));
}
