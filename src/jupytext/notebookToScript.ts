// Notebook → script for the percent and light formats, as a pure function: the text Jupytext 1.19
// writes for the same notebook, without `jupytext_version` in the header.
import { isPyObject, newPyObject, type PyObject } from '../notebook/pyjson.js';
import { LightCellExporter, PercentCellExporter, type ExportCell, type ExporterFormat } from './cellExporters.js';
import { FORMAT_VERSION } from './formats.js';
import { SCRIPT_EXTENSIONS } from './languages.js';
import { pep8LinesBetweenCells } from './pep8Lines.js';
import { joinSource } from './pyText.js';
import { ConversionError, deepCopy, defaultLanguage, mergeNotebookOptions, type ScriptFormat } from './scriptFormat.js';
import { encodingAndExecutable, metadataToHeader } from './writeHeader.js';

export interface ConvertWarnings {
  /** Metadata keys that cannot be written on a marker (dropped from the script). */
  unsupportedKeys: string[];
}

/** Writes a notebook as a script; returns the text (ending with a newline). */
export function notebookToScript(nb: PyObject, format: ScriptFormat, warnings?: ConvertWarnings): string {
  const ext = format.extension;
  if (!SCRIPT_EXTENSIONS[ext]) throw new ConversionError(`no script format for extension ${ext}`);
  if (typeof nb.nbformat === 'number' && nb.nbformat < 4) {
    // Their cells live in worksheets; Jupytext refuses them too rather than write an empty script.
    throw new ConversionError(`nbformat ${nb.nbformat} notebooks cannot be paired: upgrade it first with \`jupyter nbconvert --to notebook --inplace FILE\``);
  }
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

