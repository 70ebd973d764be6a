// Text → notebook for the percent, light, Markdown and R Markdown formats, as a pure function:
// the cells, metadata and filters Jupytext 1.19 reads from the same text. MyST has its own
// reader (mystToNotebook.ts), reached from here.
import { randomCellId } from '../notebook/codec.js';
import { isPyObject, newPyObject, type PyObject } from '../notebook/pyjson.js';
import { LightCellReader, PercentCellReader, type ReadCell, type ReaderOptions } from './cellReaders.js';
import { MARKDOWN_EXTENSIONS } from './formats.js';
import { MarkdownCellReader, RMarkdownCellReader } from './markdownCellReaders.js';
import { mystToNotebook } from './mystToNotebook.js';
import { headerComment } from './writeHeader.js';
import { JUPYTER_LANGUAGES, SCRIPT_EXTENSIONS, usualLanguageName } from './languages.js';
import { updateMetadataFilters } from './metadataFilter.js';
import { pySplitLines } from './pyText.js';
import { headerToMetadata } from './readHeader.js';
import { ConversionError, defaultLanguage, jupytextSection, mergeNotebookOptions, type ScriptFormat } from './scriptFormat.js';

const READERS = { percent: PercentCellReader, light: LightCellReader, markdown: MarkdownCellReader, rmarkdown: RMarkdownCellReader };

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
  if (format.formatName === 'myst') return mystToNotebook(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, format, makeId);
  const markdown = format.formatName === 'markdown' || format.formatName === 'rmarkdown';
  const script = SCRIPT_EXTENSIONS[ext];
  if (markdown ? MARKDOWN_EXTENSIONS[ext] !== format.formatName : !script) throw new ConversionError(`no ${format.formatName} format for extension ${ext}`);
  let lines = pySplitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = headerToMetadata(lines, headerComment(ext), script?.commentSuffix ?? '', ext);
  const metadata = header.metadata;
  const language = defaultLanguage(metadata, ext);
  const fmt = mergeNotebookOptions(format, metadata);
  const cells: ReadCell[] = [];
  if (header.rawCell) cells.push({ cell_type: 'raw', source: header.rawCell.source, metadata: header.rawCell.metadata });
  lines = lines.slice(header.next);
  let cellMetadataJson = false;
  const readerOptions: ReaderOptions = { extension: ext };
  for (const key of ['commentMagics', 'cellMetadataJson', 'splitAtHeading', 'useRuntools'] as const) if (fmt[key] !== undefined) readerOptions[key] = fmt[key];
  const Reader = READERS[fmt.formatName as keyof typeof READERS];
  while (lines.length > 0) {
    const reader = new Reader(readerOptions, language);
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
