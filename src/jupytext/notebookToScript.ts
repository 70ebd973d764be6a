// Notebook → text, as a pure function: the text Jupytext 1.19 writes for the same notebook in the
// percent, light, Markdown (`md`) or R Markdown (`Rmd`) format, without `jupytext_version` in
// the header. MyST has its own writer (notebookToMyst.ts), reached from here.
import { isPyObject, newPyObject, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { LightCellExporter, PercentCellExporter, type CellExporter, type ExportCell, type ExporterFormat } from './cellExporters.js';
import { FORMAT_VERSION, MARKDOWN_EXTENSIONS } from './formats.js';
import { SCRIPT_EXTENSIONS } from './languages.js';
import { MarkdownCellExporter, RMarkdownCellExporter } from './markdownCellExporters.js';
import { notebookToMyst } from './notebookToMyst.js';
import { pep8LinesBetweenCells } from './pep8Lines.js';
import { joinSource } from './pyText.js';
import { ConversionError, deepCopy, defaultLanguage, mergeNotebookOptions, type ScriptFormat } from './scriptFormat.js';
import { scriptExtensionFor } from './scriptExtensionFor.js';
import { updateFormatsMetadata } from './updateFormatsMetadata.js';
import { encodingAndExecutable, metadataToHeader } from './writeHeader.js';

export interface ConvertWarnings {
  /** Metadata keys that cannot be written on a marker (dropped from the script). */
  unsupportedKeys: string[];
}

const EXPORTERS = { percent: PercentCellExporter, light: LightCellExporter, markdown: MarkdownCellExporter, rmarkdown: RMarkdownCellExporter };

const truthy = (v: PyValue | undefined): boolean => v !== undefined && v !== null && v !== false && v !== 0 && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Writes a notebook as text; returns it (ending with a newline). */
export function notebookToScript(nb: PyObject, format: ScriptFormat, warnings?: ConvertWarnings): string {
  const ext = format.extension;
  const markdown = format.formatName === 'markdown' || format.formatName === 'rmarkdown';
  if (format.formatName === 'myst' ? ext !== '.md' : markdown ? MARKDOWN_EXTENSIONS[ext] !== format.formatName : !SCRIPT_EXTENSIONS[ext]) {
    throw new ConversionError(`no ${format.formatName} format for extension ${ext}`);
  }
  if (typeof nb.nbformat === 'number' && nb.nbformat < 4) {
    // Their cells live in worksheets; Jupytext refuses them too rather than write an empty script.
    throw new ConversionError(`nbformat ${nb.nbformat} notebooks cannot be paired: upgrade it first with \`jupyter nbconvert --to notebook --inplace FILE\``);
  }
  const metadata = deepCopy(isPyObject(nb.metadata) ? nb.metadata : newPyObject());
  updateFormatsMetadata(metadata, format, scriptExtensionFor({ metadata }));
  if (format.formatName === 'myst') return notebookToMyst(nb, metadata, format, warnings);
  const language = defaultLanguage(metadata, ext, true) ?? 'python';
  const fmt = mergeNotebookOptions(format, metadata);
  let cells: ExportCell[] = ((nb.cells as PyObject[] | undefined) ?? []).map((cell) => ({
    cell_type: String(cell.cell_type),
    source: joinSource(cell.source),
    metadata: isPyObject(cell.metadata) ? cell.metadata : newPyObject(),
  }));
  // Cells hidden with runtools' keys: R Markdown writes them as echo/include/results options.
  if (fmt.useRuntools === undefined && cells.some((c) => truthy(c.metadata.hide_input) || truthy(c.metadata.hide_output))) fmt.useRuntools = true;
  const exporterFormat: ExporterFormat = { ...fmt };

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
    ...(fmt.hideNotebookMetadata && fmt.formatName === 'markdown' ? { hideInHtmlComment: true } : {}),
    unsupported,
  });
  if (headerOut.consumedFirstCell) cells = cells.slice(1);
  header.push(...headerOut.lines);

  const Exporter = EXPORTERS[fmt.formatName as keyof typeof EXPORTERS];
  const exporters: CellExporter[] = cells.map((cell) => new Exporter(cell, language, exporterFormat, unsupported));
  const texts = exporters.map((e) => e.cellToText());
  let lines: string[] = [];
  for (let i = exporters.length - 1; i >= 0; i--) {
    const exporter = exporters[i]!;
    const text = exporter.removeEocMarker(texts[i]!, lines);
    const blank = exporter.linesToNextCell ?? pep8LinesBetweenCells(text, lines, ext);
    for (let k = 0; k < blank; k++) text.push('');
    // Two Markdown cells in a row are told apart by a second blank line (unless in regions).
    if (markdown && !exporter.isCode() && i + 1 < exporters.length && !exporters[i + 1]!.isCode()) {
      const next = texts[i + 1]!;
      const regions = texts[i]![0]!.startsWith('<!-- #') || next[0]!.startsWith('<!-- #');
      if (!regions && !(fmt.splitAtHeading && next.length > 0 && next[0]!.startsWith('#'))) text.push('');
    }
    lines = text.concat(lines);
  }
  const headerBlank = headerOut.linesToNextCell ?? pep8LinesBetweenCells(headerOut.lines, lines, ext);
  for (let k = 0; k < headerBlank; k++) header.push('');
  if (warnings) warnings.unsupportedKeys = [...unsupported].sort();
  const text = header.concat(lines).join('\n');
  return text.endsWith('\n') ? text : text + '\n';
}
