// Notebook ⇄ script conversion for the percent and light formats, as pure functions. The script
// is what Jupytext 1.19 writes for the same notebook (without `jupytext_version` in the header),
// and reading it gives back the notebook's cells.
import { randomCellId } from '../notebook/codec.js';
import { isPyObject, newPyObject, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { LightCellExporter, PercentCellExporter, type ExportCell, type ExporterFormat } from './cellExporters.js';
import { LightCellReader, PercentCellReader, type ReadCell } from './cellReaders.js';
import { FORMAT_VERSION, type FormatName, type FormatOptions } from './formats.js';
import { encodingAndExecutable, headerToMetadata, metadataToHeader } from './header.js';
import { JUPYTER_LANGUAGES, SCRIPT_EXTENSIONS, usualLanguageName } from './languages.js';
import { updateMetadataFilters } from './metadataFilter.js';
import { pep8LinesBetweenCells } from './pep8Lines.js';
import { joinSource, pySplitLines } from './pyText.js';

export interface ScriptFormat extends FormatOptions {
  /** Script extension: `.py`, `.R`, `.jl`, … */
  extension: string;
  formatName: FormatName;
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
];

function deepCopy<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepCopy(v)) as T;
  if (isPyObject(value)) {
    const out = newPyObject();
    for (const k of Object.keys(value)) out[k] = deepCopy(value[k]!);
    return out as T;
  }
  return value;
}

function jupytextSection(metadata: PyObject, create: boolean): PyObject | undefined {
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
function mergeNotebookOptions(fmt: ScriptFormat, metadata: PyObject): ScriptFormat {
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

export interface ConvertWarnings {
  /** Metadata keys that cannot be written on a marker (dropped from the script). */
  unsupportedKeys: string[];
}

/** Writes a notebook as a script; returns the text (ending with a newline). */
export function notebookToScript(nb: PyObject, format: ScriptFormat, warnings?: ConvertWarnings): string {
  const ext = format.extension;
  if (!SCRIPT_EXTENSIONS[ext]) throw new ConversionError(`no script format for extension ${ext}`);
  const metadata = deepCopy(isPyObject(nb.metadata) ? nb.metadata : newPyObject());
  const language = defaultLanguage(metadata, ext, true) ?? 'python';
  const fmt = mergeNotebookOptions(format, metadata);
  const exporterFormat: ExporterFormat = { ...fmt };
  let cells: ExportCell[] = ((nb.cells as PyObject[] | undefined) ?? []).map((cell) => ({
    cell_type: String(cell.cell_type),
    source: joinSource(cell.source),
    metadata: isPyObject(cell.metadata) ? cell.metadata : newPyObject(),
  }));

  const header = encodingAndExecutable(
    cells.map((c) => c.source),
    metadata,
    ext,
    defaultLanguage(metadata, ext),
  );
  const unsupported = new Set<string>();
  const first = cells[0];
  const lnc = first?.metadata.lines_to_next_cell;
  const headerOut = metadataToHeader({
    ...(first && first.cell_type === 'raw' ? { firstRawCell: { source: first.source, ...(typeof lnc === 'number' ? { linesToNextCell: lnc } : {}) } } : {}),
    metadata,
    ext,
    formatName: fmt.formatName,
    formatVersion: FORMAT_VERSION[fmt.formatName],
    ...(fmt.notebookMetadataFilter !== undefined ? { notebookMetadataFilter: fmt.notebookMetadataFilter } : {}),
    unsupported,
  });
  if (headerOut.consumedFirstCell) cells = cells.slice(1);
  header.push(...headerOut.lines);

  const exporters = cells.map((cell) =>
    fmt.formatName === 'percent' ? new PercentCellExporter(cell, language, exporterFormat, unsupported) : new LightCellExporter(cell, language, exporterFormat, unsupported),
  );
  const texts = exporters.map((e) => e.cellToText());
  let lines: string[] = [];
  for (let i = exporters.length - 1; i >= 0; i--) {
    const exporter = exporters[i]!;
    const text = exporter.removeEocMarker(texts[i]!, lines);
    const blank = exporter.linesToNextCell ?? pep8LinesBetweenCells(text, lines, ext);
    for (let k = 0; k < blank; k++) text.push('');
    lines = text.concat(lines);
  }
  const headerBlank = headerOut.linesToNextCell ?? pep8LinesBetweenCells(headerOut.lines, lines, ext);
  for (let k = 0; k < headerBlank; k++) header.push('');
  if (warnings) warnings.unsupportedKeys = [...unsupported].sort();
  const text = header.concat(lines).join('\n');
  return text.endsWith('\n') ? text : text + '\n';
}

function newCell(cell: ReadCell, makeId: () => string): PyObject {
  const out = newPyObject();
  out.cell_type = cell.cell_type;
  out.id = makeId();
  out.metadata = cell.metadata;
  out.source = cell.source;
  if (cell.cell_type === 'code') {
    out.execution_count = null;
    out.outputs = [];
  }
  return out;
}

/** Reads a script into a notebook (nbformat 4.5; sources as single strings, as `readNotebook` gives). */
export function scriptToNotebook(text: string, format: ScriptFormat, makeId: () => string = randomCellId): PyObject {
  const ext = format.extension;
  const script = SCRIPT_EXTENSIONS[ext];
  if (!script) throw new ConversionError(`no script format for extension ${ext}`);
  let lines = pySplitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = headerToMetadata(lines, script.comment, script.commentSuffix ?? '', ext);
  const metadata = header.metadata;
  const language = defaultLanguage(metadata, ext);
  const fmt = mergeNotebookOptions(format, metadata);
  const cells: ReadCell[] = [];
  if (header.rawCell) cells.push({ cell_type: 'raw', source: header.rawCell.source, metadata: header.rawCell.metadata });
  lines = lines.slice(header.next);
  let cellMetadataJson = false;
  const readerOptions = { extension: ext, ...(fmt.commentMagics !== undefined ? { commentMagics: fmt.commentMagics } : {}), ...(fmt.cellMetadataJson !== undefined ? { cellMetadataJson: fmt.cellMetadataJson } : {}) };
  while (lines.length > 0) {
    const reader = fmt.formatName === 'percent' ? new PercentCellReader(readerOptions, language) : new LightCellReader(readerOptions, language);
    const { cell, next } = reader.read(lines);
    cells.push(cell);
    cellMetadataJson = cellMetadataJson || reader.cellMetadataJson;
    if (next <= 0) throw new ConversionError(`could not read the script at: ${lines.slice(0, 3).join(' | ')}`);
    lines = lines.slice(next);
  }
  const customMagics = (fmt.customCellMagics ?? '').split(',').filter((m) => m);
  setMainAndCellLanguage(metadata, cells, ext, customMagics);
  const keys = new Set<string>();
  for (const cell of cells) for (const k of Object.keys(cell.metadata)) keys.add(k);
  updateMetadataFilters(metadata, header.hasJupyter, keys);
  if (cellMetadataJson) {
    const j = jupytextSection(metadata, true)!;
    if (!('cell_metadata_json' in j)) j.cell_metadata_json = true;
  }
  const jupytext = jupytextSection(metadata, false);
  if (jupytext) {
    delete jupytext.text_representation;
    if (Object.keys(jupytext).length === 0) delete metadata.jupytext;
  }
  const nb = newPyObject();
  nb.cells = cells.map((c) => newCell(c, makeId));
  nb.metadata = metadata;
  nb.nbformat = 4;
  nb.nbformat_minor = 5;
  return nb;
}

function setMainAndCellLanguage(metadata: PyObject, cells: ReadCell[], ext: string, customMagics: readonly string[]): void {
  let main = defaultLanguage(metadata, ext);
  if (main === undefined) {
    const counts = new Map<string, number>([['python', 0.5]]);
    for (const cell of cells) {
      const l = cell.metadata.language;
      if (typeof l === 'string') {
        const u = usualLanguageName(l);
        counts.set(u, (counts.get(u) ?? 0) + 1);
      }
    }
    main = [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  }
  const kernelspec = isPyObject(metadata.kernelspec) ? metadata.kernelspec : undefined;
  if (!(kernelspec && 'language' in kernelspec) && cells.length > 0) jupytextSection(metadata, true)!.main_language = main;
  for (const cell of cells) {
    const language = cell.metadata.language;
    if (typeof language !== 'string') continue;
    if (language === main) {
      delete cell.metadata.language;
      continue;
    }
    if (usualLanguageName(language) === main) continue;
    if (JUPYTER_LANGUAGES.has(language) || customMagics.includes(language)) {
      delete cell.metadata.language;
      const magic = main !== 'csharp' ? '%%' : '#!';
      if ('magic_args' in cell.metadata) {
        const args = cell.metadata.magic_args;
        delete cell.metadata.magic_args;
        cell.source = `${magic}${language} ${String(args)}\n` + cell.source;
      } else {
        cell.source = `${magic}${language}\n` + cell.source;
      }
    }
  }
}
