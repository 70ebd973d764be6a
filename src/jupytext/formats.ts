// Text formats of a paired notebook, written as Jupytext writes them: `py:percent`, `R:light`,
// `ipynb`, with optional folder prefix and name suffix (`scripts///py:percent`, `_nb.py`).
import { SCRIPT_EXTENSIONS } from './languages.js';

export type FormatName = 'percent' | 'light';

export interface FormatSpec {
  /** `.py`, `.R`, `.ipynb`, … */
  extension: string;
  formatName?: string;
  /** Folder prefix (`scripts//`), as written before the last `/`. */
  prefix?: string;
  /** Text added to the file name before the extension (`_nb` in `_nb.py`). */
  suffix?: string;
}

export interface FormatOptions {
  notebookMetadataFilter?: string;
  cellMetadataFilter?: string;
  commentMagics?: boolean;
  cellMarkers?: string;
  cellMetadataJson?: boolean;
  customCellMagics?: string;
}

/** Format versions written in `jupytext.text_representation`. */
export const FORMAT_VERSION: Record<FormatName, string> = { percent: '1.3', light: '1.5' };

export const SUPPORTED_FORMAT_NAMES: readonly string[] = ['percent', 'light'];

export class FormatError extends Error {}

const COMMON_NAMES: Record<string, string> = { notebook: 'ipynb', script: 'auto', 'c++': 'cpp' };

/** Parses `prefix/sfx.ext:format` (Jupytext's long form of one format). */
export function parseFormat(text: string): FormatSpec {
  let rest = COMMON_NAMES[text.toLowerCase()] ?? text;
  const fmt: FormatSpec = { extension: '' };
  const slash = rest.lastIndexOf('/');
  if (slash > 0) {
    fmt.prefix = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
  }
  let ext: string;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    ext = rest.slice(0, colon);
    fmt.formatName = rest.slice(colon + 1);
  } else if (!rest || rest.includes('.') || isNotebookExtension('.' + rest) || rest === 'auto') {
    ext = rest;
  } else if (SUPPORTED_FORMAT_NAMES.includes(rest)) {
    fmt.formatName = rest;
    ext = '';
  } else {
    throw new FormatError(`'${text}' is neither a notebook extension (ipynb, py, R, jl, …) nor a format name (percent, light)`);
  }
  const dot = ext.lastIndexOf('.');
  if (dot > 0) {
    fmt.suffix = ext.slice(0, dot);
    ext = ext.slice(dot);
  }
  if (!ext.startsWith('.')) ext = '.' + ext;
  fmt.extension = ext;
  if (fmt.formatName !== undefined && !SUPPORTED_FORMAT_NAMES.includes(fmt.formatName)) {
    throw new FormatError(`'${fmt.formatName}' is not a supported format: use percent or light`);
  }
  if (ext !== '.auto' && ext !== '.' && !isNotebookExtension(ext)) {
    throw new FormatError(`'${ext}' is not a notebook extension: use ipynb or a script extension (py, R, jl, …)`);
  }
  return fmt;
}

export function isNotebookExtension(ext: string): boolean {
  return ext === '.ipynb' || Object.hasOwn(SCRIPT_EXTENSIONS, ext);
}

/** Parses `ipynb,py:percent` into a list. */
export function parseFormats(text: string): FormatSpec[] {
  return text
    .split(',')
    .filter((f) => f)
    .map(parseFormat);
}

export function formatToString(fmt: FormatSpec): string {
  let s = fmt.suffix !== undefined ? fmt.suffix + fmt.extension : fmt.extension.replace(/^\./, '');
  if (fmt.prefix !== undefined) s = fmt.prefix + '/' + s;
  if (fmt.formatName) s += ':' + fmt.formatName;
  return s;
}

export function formatsToString(formats: readonly FormatSpec[]): string {
  return formats.map(formatToString).join(',');
}
