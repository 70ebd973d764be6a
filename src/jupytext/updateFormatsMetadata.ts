// A notebook's `jupytext.formats` as the text file being written declares it: the entry for that
// file (same extension, folder prefix and name suffix) takes the format being written, so a pair
// declared `ipynb,py:light` and written as `py:percent` says `ipynb,py:percent` (Jupytext's rule).
import { isPyObject, type PyObject } from '../notebook/pyjson.js';
import { FormatError, formatsToString, parseFormats, type FormatSpec } from './formats.js';

export function updateFormatsMetadata(metadata: PyObject, written: FormatSpec, autoExtension?: string): void {
  const jupytext = isPyObject(metadata.jupytext) ? metadata.jupytext : undefined;
  if (typeof jupytext?.formats !== 'string') return;
  let formats: FormatSpec[];
  try {
    formats = parseFormats(jupytext.formats);
  } catch (error) {
    if (error instanceof FormatError) return; // not ours to fix: the value is left as it is
    throw error;
  }
  if (formats.length === 0) return;
  if (autoExtension) formats = formats.map((f) => (f.extension === '.auto' ? { ...f, extension: autoExtension } : f));
  const same = formats.find((f) => f.extension === written.extension && f.prefix === written.prefix && f.suffix === written.suffix);
  if (same) {
    if (written.formatName === undefined) delete same.formatName;
    else same.formatName = written.formatName;
  }
  jupytext.formats = formatsToString(formats);
}
