// Text formats of a paired notebook, written as Jupytext writes them: `py:percent`, `R:light`,
// `md`, `md:myst`, `Rmd`, `ipynb`, with optional folder prefix and name suffix
// (`scripts///py:percent`, `_nb.py`). Every format Jupytext knows is parsed; the ones ml-hooks
// cannot write yet (`py:hydrogen`, `md:pandoc`, `qmd`, …) come back marked `unsupported`, so that
// callers can leave that pair alone and say so instead of failing.
import { SCRIPT_EXTENSIONS } from './languages.js';

/** The formats ml-hooks reads and writes. */
export type FormatName = 'percent' | 'light' | 'markdown' | 'rmarkdown' | 'myst';

export interface FormatSpec {
  /** `.py`, `.R`, `.md`, `.ipynb`, … */
  extension: string;
  formatName?: string;
  /** Folder prefix (`scripts//`), as written before the last `/`. */
  prefix?: string;
  /** Text added to the file name before the extension (`_nb` in `_nb.py`). */
  suffix?: string;
  /** A format Jupytext has and ml-hooks does not write: its pair is left alone. */
  unsupported?: true;
}

export interface FormatOptions {
  notebookMetadataFilter?: string;
  cellMetadataFilter?: string;
  commentMagics?: boolean;
  cellMarkers?: string;
  cellMetadataJson?: boolean;
  customCellMagics?: string;
  splitAtHeading?: boolean;
  useRuntools?: boolean;
  hideNotebookMetadata?: boolean;
}

/** Format versions written in `jupytext.text_representation` (MyST writes its own as a number). */
export const FORMAT_VERSION: Record<FormatName, string> = { percent: '1.3', light: '1.5', markdown: '1.3', rmarkdown: '1.2', myst: '0.13' };

/** Extensions of the Markdown-like formats (their format name is implied, and left out of `formats`). */
export const MARKDOWN_EXTENSIONS: Readonly<Record<string, FormatName>> = { '.md': 'markdown', '.Rmd': 'rmarkdown' };

/** Every format name Jupytext 1.19 has (`bare` is its old name for `nomarker`). */
const JUPYTEXT_FORMAT_NAMES = ['markdown', 'rmarkdown', 'light', 'nomarker', 'percent', 'hydrogen', 'spin', 'sphinx', 'pandoc', 'quarto', 'marimo', 'myst'];

/** Extensions Jupytext pairs that ml-hooks does not: `.markdown`, Quarto, MyST's own extensions. */
const OTHER_JUPYTEXT_EXTENSIONS = ['.markdown', '.qmd', '.myst', '.mystnb', '.mnb'];

export class FormatError extends Error {}

const COMMON_NAMES: Record<string, string> = {
  notebook: 'ipynb',
  rmarkdown: 'Rmd',
  quarto: 'qmd',
  marimo: 'py',
  markdown: 'md',
  script: 'auto',
  'c++': 'cpp',
  myst: 'md:myst',
  pandoc: 'md:pandoc',
};

export function isNotebookExtension(ext: string): boolean {
  return ext === '.ipynb' || Object.hasOwn(SCRIPT_EXTENSIONS, ext) || Object.hasOwn(MARKDOWN_EXTENSIONS, ext);
}

const isJupytextExtension = (ext: string): boolean => isNotebookExtension(ext) || OTHER_JUPYTEXT_EXTENSIONS.includes(ext);

/** Can ml-hooks read and write this (extension, format name)? Undefined: Jupytext cannot either. */
function support(ext: string, name: string | undefined): boolean | undefined {
  if (ext === '.ipynb') return name === undefined ? true : undefined;
  if (ext === '.auto' || ext === '.') return name === undefined || name === 'percent' || name === 'light' ? true : false;
  if (OTHER_JUPYTEXT_EXTENSIONS.includes(ext)) return false;
  if (ext === '.md') return name === undefined || name === 'markdown' || name === 'myst' ? true : name === 'pandoc' ? false : undefined;
  if (ext === '.Rmd') return name === undefined || name === 'rmarkdown' ? true : undefined;
  if (name === undefined || name === 'percent' || name === 'light') return true;
  if (name === 'nomarker' || name === 'hydrogen') return false;
  if (name === 'sphinx' || name === 'marimo') return ext === '.py' ? false : undefined;
  if (name === 'spin') return ext === '.R' || ext === '.r' ? false : undefined;
  return undefined;
}

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
    fmt.formatName = rest.slice(colon + 1) === 'bare' ? 'nomarker' : rest.slice(colon + 1);
  } else if (!rest || rest.includes('.') || isJupytextExtension('.' + rest) || rest === 'auto') {
    ext = rest;
  } else if (JUPYTEXT_FORMAT_NAMES.includes(rest)) {
    fmt.formatName = rest;
    ext = '';
  } else {
    throw new FormatError(`'${text}' is neither a notebook extension (ipynb, py, R, jl, md, Rmd, …) nor a format name (percent, light, myst, …)`);
  }
  const dot = ext.lastIndexOf('.');
  if (dot > 0) {
    fmt.suffix = ext.slice(0, dot);
    ext = ext.slice(dot);
  }
  if (!ext.startsWith('.')) ext = '.' + ext;
  fmt.extension = ext;
  if (fmt.formatName !== undefined && !JUPYTEXT_FORMAT_NAMES.includes(fmt.formatName)) {
    throw new FormatError(`'${fmt.formatName}' is not a format name: use percent or light for scripts, markdown or myst for .md`);
  }
  if (ext !== '.auto' && ext !== '.' && !isJupytextExtension(ext)) {
    throw new FormatError(`'${ext}' is not a notebook extension: use ipynb, md, Rmd or a script extension (py, R, jl, …)`);
  }
  const supported = support(ext, fmt.formatName);
  if (supported === undefined) throw new FormatError(`the ${fmt.formatName} format does not apply to ${ext} files`);
  if (!supported) fmt.unsupported = true;
  return fmt;
}

/** Parses `ipynb,py:percent` into a list. */
export function parseFormats(text: string): FormatSpec[] {
  return text
    .split(',')
    .filter((f) => f)
    .map(parseFormat);
}

/** Jupytext's short form; `md:markdown` and `Rmd:rmarkdown` are written `md` and `Rmd`. */
export function formatToString(fmt: FormatSpec): string {
  let s = fmt.suffix !== undefined ? fmt.suffix + fmt.extension : fmt.extension.replace(/^\./, '');
  if (fmt.prefix !== undefined) s = fmt.prefix + '/' + s;
  const impliedName = fmt.extension === '.md' || fmt.extension === '.markdown' || fmt.extension === '.Rmd';
  if (fmt.formatName && (!impliedName || fmt.formatName === 'pandoc' || fmt.formatName === 'myst')) s += ':' + fmt.formatName;
  return s;
}

export function formatsToString(formats: readonly FormatSpec[]): string {
  return formats.map(formatToString).join(',');
}
