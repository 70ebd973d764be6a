// Reads and writes `.ipynb` text exactly as Jupyter's own library (nbformat) does, so that a
// notebook Jupyter wrote comes back byte for byte. Reading joins multi-line fields into single
// strings and drops transient keys; writing splits them again and serializes per format version:
//   v4:  indent 1, keys sorted, non-ASCII raw, lines split with keepends
//   v3:  indent 1, keys sorted, ASCII-escaped, lines split with keepends (worksheets layout)
//   v2:  indent 1, keys sorted, ASCII-escaped, lines split without ends and joined with "\n"
//   v1 (no `nbformat` key): indent 4, insertion order, ASCII-escaped, nothing split
import { NotebookError } from './errors.js';
import { dumpPyJson, isPyObject, newPyObject, parsePyJson, PyJsonError, PyFloat, type PyObject, type PyValue } from './pyjson.js';
import { splitLines } from './splitLines.js';
import type { MultilineString, OutputType } from '@jupyterlab/nbformat';
import { notJson, notANotebook, tooDeep, unsupportedVersion } from '../messages/notebook.js';

/** A parsed notebook document (any nbformat version); see `notebookVersion`. */
export type Notebook = PyObject;

const SUPPORTED_MAJORS = [1, 2, 3, 4];

/** nbformat's `get_version`: a missing `nbformat` key means version 1. */
export function notebookVersion(nb: Notebook): { major: number; minor: number } {
  const major = nb.nbformat === undefined ? 1 : numberOf(nb.nbformat);
  const minorValue = nb.nbformat_minor;
  const minor = minorValue === undefined || minorValue === null ? 0 : numberOf(minorValue);
  return { major, minor };
}

function numberOf(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  return NaN;
}

/** The cells of a notebook in document order, across worksheets for nbformat 2 and 3. */
export function notebookCells(nb: Notebook): PyObject[] {
  if (notebookVersion(nb).major >= 4 || nb.worksheets === undefined) return (nb.cells as PyObject[] | undefined) ?? [];
  return (nb.worksheets as PyObject[]).flatMap((ws) => ws.cells as PyObject[]);
}

/** Strips a UTF-8 byte order mark (nbstripout rejects it; we accept it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses notebook text the way `nbformat.read(…, as_version=NO_CONVERT)` does. */
export function readNotebook(text: string, randomId: () => string = randomCellId): Notebook {
  let doc: PyValue;
  try {
    doc = parsePyJson(stripBom(text));
  } catch (error) {
    throw asNotebookError(error);
  }
  if (!isPyObject(doc)) throw new NotebookError('not-notebook', notANotebook('the top level is not a JSON object'));
  // Version 1 is written in insertion order, which needs the exact (slower) parse.
  if (doc.nbformat === undefined) doc = parsePyJson(stripBom(text), { keepKeyOrder: true }) as PyObject;
  return notebookFromDocument(doc, randomId);
}

/**
 * The part of `readNotebook` after parsing: checks the version and shape, joins multi-line fields
 * and drops transient keys. Takes ownership of `doc` (it is changed in place and returned).
 */
export function notebookFromDocument(doc: PyObject, randomId: () => string = randomCellId): Notebook {
  const { major, minor } = notebookVersion(doc);
  if (!SUPPORTED_MAJORS.includes(major)) throw new NotebookError('unsupported-version', unsupportedVersion(doc.nbformat ?? null));
  checkShape(doc, major);
  if (major === 4) {
    rejoinV4(doc);
    stripTransientV4(doc);
    if (minor >= 5) ensureUniqueIds(doc, randomId);
  } else if (major === 3 || major === 2) {
    rejoinV2V3(doc, major);
  }
  return doc;
}

/** A parse or write error of the JSON codec as the notebook error it is; others unchanged. */
export function asNotebookError(error: unknown): unknown {
  if (!(error instanceof PyJsonError)) return error;
  if (error.kind === 'nesting') return new NotebookError('too-deep', tooDeep(error.message));
  return new NotebookError('not-json', notJson(error.message));
}

/**
 * Serializes a notebook to the exact text nbformat writes, trailing newline included. As
 * nbformat's validation on writing, cells of nbformat 4.5+ without an id (say, removed with
 * `--extra-keys cell.id`) get a random one, and repeated ids are replaced. Metadata built from a
 * text file (a script's YAML header) may nest deeper than the codec writes: that is a
 * NotebookError ('too-deep'), as it is on reading.
 */
export function writeNotebook(nb: Notebook, randomId: () => string = randomCellId): string {
  try {
    return writeNotebookText(nb, randomId);
  } catch (error) {
    throw asNotebookError(error);
  }
}

function writeNotebookText(nb: Notebook, randomId: () => string): string {
  const { major, minor } = notebookVersion(nb);
  if (major === 4) {
    const copy = splitV4(nb);
    stripTransientV4(copy);
    if (minor >= 5) ensureUniqueIds(copy, randomId);
    return dumpPyJson(copy, { indent: 1, sortKeys: true, ensureAscii: false }) + '\n';
  }
  if (major === 3 || major === 2) {
    const copy = splitV2V3(nb, major);
    if (major === 3) stripTransientV3(copy);
    return dumpPyJson(copy, { indent: 1, sortKeys: true, ensureAscii: true }) + '\n';
  }
  return dumpPyJson(nb, { indent: 4, sortKeys: false, ensureAscii: true }) + '\n';
}

function checkShape(doc: PyObject, major: number): void {
  if (major === 2 || major === 3) {
    const worksheets = doc.worksheets;
    if (!Array.isArray(worksheets)) throw new NotebookError('not-notebook', notANotebook('it has no "worksheets" list'));
    for (const ws of worksheets) {
      if (!isPyObject(ws) || !Array.isArray(ws.cells)) throw new NotebookError('not-notebook', notANotebook('a worksheet has no "cells" list'));
      checkCells(ws.cells);
    }
    return;
  }
  if (!Array.isArray(doc.cells)) throw new NotebookError('not-notebook', notANotebook('it has no "cells" list'));
  checkCells(doc.cells);
  if (doc.metadata !== undefined && major === 1 && !isPyObject(doc.metadata)) {
    throw new NotebookError('not-notebook', notANotebook('its "metadata" is not an object'));
  }
}

function checkCells(cells: PyValue[]): void {
  cells.forEach((cell, i) => {
    if (!isPyObject(cell)) throw new NotebookError('not-notebook', notANotebook(`cell ${i} is not a JSON object`));
    const outputs = cell.outputs;
    if (outputs !== undefined && (!Array.isArray(outputs) || !outputs.every(isPyObject))) {
      throw new NotebookError('not-notebook', notANotebook(`the outputs of cell ${i} are not a list of objects`));
    }
  });
}

// --- nbformat 4 -----------------------------------------------------------------------------

const isJsonMime = (mime: string): boolean => mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
const NON_TEXT_SPLIT_MIMES = new Set(['application/javascript', 'image/svg+xml']);

/** Outputs whose `data` is a MIME bundle (nbformat 4). */
const BUNDLE_OUTPUTS: ReadonlySet<PyValue | undefined> = new Set<OutputType>(['execute_result', 'display_data']);

/** A `MultilineString` written as a list of lines becomes one string. */
function joinIfLines(value: PyValue | undefined): PyValue | undefined {
  return Array.isArray(value) && value.every((line) => typeof line === 'string') ? (value as Extract<MultilineString, string[]>).join('') : value;
}

function rejoinBundle(bundle: PyValue | undefined): void {
  if (!isPyObject(bundle)) return;
  for (const mime of Object.keys(bundle)) {
    if (!isJsonMime(mime)) bundle[mime] = joinIfLines(bundle[mime])!;
  }
}

function rejoinV4(nb: PyObject): void {
  (nb.cells as PyObject[]).forEach((cell, i) => {
    if (Array.isArray(cell.source)) {
      // nbformat's ''.join raises TypeError on anything but strings.
      const source = joinIfLines(cell.source);
      if (typeof source !== 'string') throw new NotebookError('not-notebook', notANotebook(`the source of cell ${i} is a list of non-strings`));
      cell.source = source;
    }
    if (isPyObject(cell.attachments)) for (const a of Object.values(cell.attachments)) rejoinBundle(a);
    if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) return;
    for (const output of cell.outputs as PyObject[]) {
      const type = output.output_type;
      if (BUNDLE_OUTPUTS.has(type)) rejoinBundle(output.data);
      // Only lists of strings (nbformat raises TypeError on others: they stay, as they are mostly stripped).
      else if (type && Array.isArray(output.text)) output.text = joinIfLines(output.text)!;
    }
  });
}

function splitBundle(bundle: PyValue | undefined): PyValue | undefined {
  if (!isPyObject(bundle)) return bundle;
  const copy = newPyObject();
  for (const [mime, value] of Object.entries(bundle)) {
    copy[mime] = typeof value === 'string' && (mime.startsWith('text/') || NON_TEXT_SPLIT_MIMES.has(mime)) ? splitLines(value, true) : value;
  }
  return copy;
}

/** A shallow copy with multi-line fields split into lines (the input is left as it was). */
function splitV4(nb: PyObject): PyObject {
  const copy = shallowCopy(nb);
  copy.metadata = isPyObject(nb.metadata) ? shallowCopy(nb.metadata) : newPyObject();
  copy.cells = (nb.cells as PyObject[]).map((cell) => {
    const c = shallowCopy(cell);
    if (isPyObject(cell.metadata)) c.metadata = shallowCopy(cell.metadata);
    if (typeof cell.source === 'string') c.source = splitLines(cell.source, true);
    if (isPyObject(cell.attachments)) {
      const attachments = newPyObject();
      for (const [name, bundle] of Object.entries(cell.attachments)) attachments[name] = splitBundle(bundle)!;
      c.attachments = attachments;
    }
    if (cell.cell_type === 'code' && Array.isArray(cell.outputs)) {
      c.outputs = (cell.outputs as PyObject[]).map((output) => {
        const type = output.output_type;
        if (BUNDLE_OUTPUTS.has(type)) {
          if (!isPyObject(output.data)) return output;
          const o = shallowCopy(output);
          o.data = splitBundle(output.data)!;
          return o;
        }
        if (type === 'stream' && typeof output.text === 'string') {
          const o = shallowCopy(output);
          o.text = splitLines(output.text, true);
          return o;
        }
        return output;
      });
    }
    return c;
  });
  return copy;
}

/** Transient keys nbformat drops on both read and write. Mutates `nb` (callers pass copies on write). */
function stripTransientV4(nb: PyObject): void {
  if (nb.metadata !== undefined && !isPyObject(nb.metadata)) nb.metadata = newPyObject();
  const metadata = nb.metadata;
  if (isPyObject(metadata)) {
    delete metadata.orig_nbformat;
    delete metadata.orig_nbformat_minor;
    delete metadata.signature;
  }
  for (const cell of nb.cells as PyObject[]) {
    if (isPyObject(cell.metadata)) delete cell.metadata.trusted;
  }
}

/** nbformat ≥ 4.5 gives every cell an id and repairs duplicates on read. */
function ensureUniqueIds(nb: PyObject, randomId: () => string): void {
  const cells = nb.cells as PyObject[];
  for (const cell of cells) if (!Object.hasOwn(cell, 'id')) cell.id = randomId();
  const seen = new Set<PyValue>();
  for (const cell of cells) {
    if (seen.has(cell.id!)) cell.id = randomId();
    seen.add(cell.id!);
  }
}

/** nbformat's `generate_corpus_id`: 8 random hex digits. */
export function randomCellId(): string {
  return Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
}

// --- nbformat 2 and 3 -----------------------------------------------------------------------

const MULTILINE_OUTPUT_KEYS_V2V3 = ['text', 'html', 'svg', 'latex', 'javascript', 'json'];

function joinLinesV2V3(lines: PyValue[], major: number): PyValue {
  if (!lines.every((l) => typeof l === 'string')) return lines;
  const strings = lines as string[];
  if (major === 2) return strings.join('\n');
  // v3 reads lists written by splitlines(True) and, in old files, by splitlines().
  const first = strings[0];
  return first !== undefined && (first.endsWith('\n') || first.endsWith('\r')) ? strings.join('') : strings.join('\n');
}

function forEachCellV2V3(nb: PyObject, visit: (cell: PyObject) => void): void {
  for (const ws of nb.worksheets as PyObject[]) for (const cell of ws.cells as PyObject[]) visit(cell);
}

function rejoinV2V3(nb: PyObject, major: number): void {
  forEachCellV2V3(nb, (cell) => {
    const fields = cell.cell_type === 'code' ? ['input'] : ['source', 'rendered'];
    for (const key of fields) {
      const v = cell[key];
      if (Array.isArray(v)) cell[key] = joinLinesV2V3(v, major);
    }
    if (cell.cell_type === 'code' && Array.isArray(cell.outputs)) {
      for (const output of cell.outputs as PyObject[]) {
        for (const key of MULTILINE_OUTPUT_KEYS_V2V3) {
          const v = output[key];
          if (Array.isArray(v)) output[key] = joinLinesV2V3(v, major);
        }
      }
    }
  });
}

function splitV2V3(nb: PyObject, major: number): PyObject {
  const keepEnds = major === 3;
  const copy = shallowCopy(nb);
  copy.worksheets = (nb.worksheets as PyObject[]).map((ws) => {
    const w = shallowCopy(ws);
    w.cells = (ws.cells as PyObject[]).map((cell) => {
      const c = shallowCopy(cell);
      if (isPyObject(cell.metadata)) c.metadata = shallowCopy(cell.metadata);
      const fields = cell.cell_type === 'code' ? ['input'] : ['source', 'rendered'];
      for (const key of fields) {
        const v = cell[key];
        if (typeof v === 'string') c[key] = splitLines(v, keepEnds);
      }
      if (cell.cell_type === 'code' && Array.isArray(cell.outputs)) {
        c.outputs = (cell.outputs as PyObject[]).map((output) => {
          const o = shallowCopy(output);
          for (const key of MULTILINE_OUTPUT_KEYS_V2V3) {
            const v = output[key];
            if (typeof v === 'string') o[key] = splitLines(v, keepEnds);
          }
          return o;
        });
      }
      return c;
    });
    return w;
  });
  return copy;
}

function stripTransientV3(nb: PyObject): void {
  delete nb.orig_nbformat;
  delete nb.orig_nbformat_minor;
  forEachCellV2V3(nb, (cell) => {
    if (isPyObject(cell.metadata)) delete cell.metadata.trusted;
    delete cell.trusted;
  });
}

function shallowCopy(obj: PyObject): PyObject {
  return Object.assign(newPyObject(), obj);
}
