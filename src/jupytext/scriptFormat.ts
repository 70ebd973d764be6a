// What both directions of the conversion share: the script format with its options, the
// notebook's main language, and the format options a notebook records in its metadata.
import { isPyObject, newPyObject, type PyObject, type PyValue } from '../notebook/pyjson.js';
import type { FormatName, FormatOptions } from './formats.js';
import { SCRIPT_EXTENSIONS } from './languages.js';

export interface ScriptFormat extends FormatOptions {
  /** Script extension: `.py`, `.R`, `.jl`, …, or `.md`, `.Rmd` */
  extension: string;
  formatName: FormatName;
  /** Where the file sits in its pair (`scripts//`, `_nb`): picks its entry of `jupytext.formats`. */
  prefix?: string;
  suffix?: string;
}

export class ConversionError extends Error {}

/** Jupytext's format options and the keys they have in `metadata.jupytext`. */
const OPTION_KEYS: ReadonlyArray<[keyof FormatOptions, string]> = [
  ['notebookMetadataFilter', 'notebook_metadata_filter'],
  ['cellMetadataFilter', 'cell_metadata_filter'],
  ['commentMagics', 'comment_magics'],
  ['cellMarkers', 'cell_markers'],
  ['cellMetadataJson', 'cell_metadata_json'],
  ['customCellMagics', 'custom_cell_magics'],
  ['splitAtHeading', 'split_at_heading'],
  ['useRuntools', 'use_runtools'],
  ['hideNotebookMetadata', 'hide_notebook_metadata'],
];

export function deepCopy<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepCopy(v)) as T;
  if (isPyObject(value)) {
    const out = newPyObject();
    for (const k of Object.keys(value)) out[k] = deepCopy(value[k]!);
    return out as T;
  }
  return value;
}

export function jupytextSection(metadata: PyObject, create: boolean): PyObject | undefined {
  if (isPyObject(metadata.jupytext)) return metadata.jupytext;
  if (!create) return undefined;
  const j = newPyObject();
  metadata.jupytext = j;
  return j;
}

/** The notebook's main language for a script extension (Jupytext's rule). */
export function defaultLanguage(metadata: PyObject, ext: string, popMainLanguage = false): string | undefined {
  const fromExt = SCRIPT_EXTENSIONS[ext]?.language;
  const jupytext = jupytextSection(metadata, false);
  const main = typeof jupytext?.main_language === 'string' ? jupytext.main_language : undefined;
  const kernelspec = isPyObject(metadata.kernelspec) ? metadata.kernelspec : undefined;
  const kernelLanguage = typeof kernelspec?.language === 'string' && kernelspec.language ? kernelspec.language : undefined;
  const def = kernelLanguage ?? fromExt;
  const language = main ?? def;
  if (main !== undefined && main === def && popMainLanguage) delete jupytext!.main_language;
  if (language === undefined || language === 'R' || language === 'sas') return language;
  if (language.startsWith('C++')) return 'c++';
  return language.toLowerCase().replace(/#/g, 'sharp');
}

/** Format options from the notebook's `jupytext` metadata fill what `fmt` leaves unset; then recorded there. */
export function mergeNotebookOptions(fmt: ScriptFormat, metadata: PyObject): ScriptFormat {
  const merged: ScriptFormat = { ...fmt };
  const jupytext = jupytextSection(metadata, false);
  for (const [opt, key] of OPTION_KEYS) {
    if (merged[opt] === undefined && jupytext && key in jupytext) (merged as unknown as Record<string, unknown>)[opt] = jupytext[key];
  }
  for (const [opt, key] of OPTION_KEYS) {
    const v = merged[opt];
    if (v !== undefined) jupytextSection(metadata, true)![key] = v as PyValue;
  }
  return merged;
}

