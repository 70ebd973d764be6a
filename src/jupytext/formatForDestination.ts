// What `convert --to` writes, decided as Jupytext decides it: a format given without a name takes
// the one the notebook's `jupytext.formats` gives that extension (else percent for scripts,
// Markdown for `.md`), and the notebook keeps its `formats` only when the destination is one of
// the paired files.
import { isPyObject, type PyObject } from '../notebook/pyjson.js';
import { FormatError, parseFormats, type FormatName, type FormatSpec } from './formats.js';

function declaredFormats(metadata: PyObject): FormatSpec[] {
  const jupytext = isPyObject(metadata.jupytext) ? metadata.jupytext : undefined;
  if (typeof jupytext?.formats !== 'string') return [];
  try {
    return parseFormats(jupytext.formats);
  } catch (error) {
    if (error instanceof FormatError) return [];
    throw error;
  }
}

export function formatNameFor(target: FormatSpec, extension: string, metadata: PyObject): FormatName {
  if (target.formatName !== undefined) return target.formatName as FormatName;
  const declared = declaredFormats(metadata).find((f) => f.extension === extension && f.formatName !== undefined && !f.unsupported);
  if (declared) return declared.formatName as FormatName;
  if (extension === '.md') return 'markdown';
  if (extension === '.Rmd') return 'rmarkdown';
  return 'percent';
}

/**
 * Removes `jupytext.formats` when `destination` (a path, or `-` for stdout) fits none of its
 * entries, as `jupytext --to` does; `fits` tells whether a path fits one format.
 */
export function dropFormatsOutsidePair(metadata: PyObject, destination: string, fits: (path: string, format: FormatSpec) => boolean): void {
  const jupytext = isPyObject(metadata.jupytext) ? metadata.jupytext : undefined;
  if (!jupytext || typeof jupytext.formats !== 'string') return;
  const formats = declaredFormats(metadata);
  if (formats.length === 0 || formats.some((f) => fits(destination, f))) return;
  delete jupytext.formats;
  if (Object.keys(jupytext).length === 0) delete metadata.jupytext;
}
