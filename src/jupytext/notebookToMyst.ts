// Notebook → MyST Markdown (`md:myst`), as Jupytext 1.19 writes it: the notebook metadata as
// top-level YAML front matter (a first raw cell holding a `---` YAML block joins it), code cells
// as ```` ```{code-cell} lexer ```` fences with `:key: value` or `---` YAML options, raw cells as
// ```` ```{raw-cell} ````, and `+++` between Markdown cells or before one with metadata.
import { isPyObject, newPyObject, PyFloat, type PyObject } from '../notebook/pyjson.js';
import { IGNORE_CELL_METADATA, pyJsonDumps } from './cellMetadata.js';
import { dumpYamlLines } from './dumpYaml.js';
import { parseFirstPyYamlDocument } from './parsePyYaml.js';
import { fenceFor } from './markdownCellExporters.js';
import { DEFAULT_NOTEBOOK_METADATA, filterMetadata } from './metadataFilter.js';
import type { ConvertWarnings } from './notebookToScript.js';
import { joinSource, pySplitLines } from './pyText.js';
import { recursiveUpdate, toPyValue } from './readHeader.js';
import { mergeNotebookOptions, type ScriptFormat } from './scriptFormat.js';

export const CODE_DIRECTIVE = '{code-cell}';
export const RAW_DIRECTIVE = '{raw-cell}';
const YAML_HEADER = /^---\s*$/;

const MYST_YAML = { sortKeys: false, allowUnicode: true, flowLists: true } as const;

/** Cell or notebook metadata as MyST writes it: `:key: value` lines when flat enough, else `---` YAML. */
export function dumpYamlBlock(data: PyObject, compact: boolean): string {
  const lines = dumpYamlLines(data, MYST_YAML);
  if (compact && lines.every((line) => /^\p{L}/u.test(line))) return lines.map((line) => `:${line}`).join('\n') + '\n\n';
  return `---\n${lines.join('\n')}\n---\n`;
}

/** The first document of a raw cell's YAML block, when it is a mapping. */
function frontMatterOf(source: string): PyObject | undefined {
  const lines = pySplitLines(source.replace(/^[\n\t ]+|[\n\t ]+$/g, ''));
  if (lines.length < 2 || !YAML_HEADER.test(lines[0]!) || !YAML_HEADER.test(lines[lines.length - 1]!)) return undefined;
  const first = parseFirstPyYamlDocument(source);
  if (!first) return undefined;
  const value = toPyValue(first.value);
  return isPyObject(value) ? value : undefined;
}

/** Moves the keys a filter keeps out of `metadata` into the result. */
export function takeRootLevel(metadata: PyObject, filter: string | undefined): PyObject {
  const taken = filterMetadata(metadata, filter ?? '', 'all');
  for (const key of Object.keys(taken)) delete metadata[key];
  return taken;
}

interface MystCell {
  cell_type: string;
  source: string;
  metadata: PyObject;
}

/** Writes a notebook as MyST; `metadata` is the notebook's metadata, already copied. */
export function notebookToMyst(nb: PyObject, metadata: PyObject, format: ScriptFormat, warnings?: ConvertWarnings): string {
  const info = isPyObject(metadata.language_info) ? metadata.language_info : undefined;
  const jupytextIn = isPyObject(metadata.jupytext) ? metadata.jupytext : undefined;
  const lexerFromJupytext = jupytextIn?.default_lexer;
  if (jupytextIn) delete jupytextIn.default_lexer;
  const lexer = typeof info?.pygments_lexer === 'string' ? info.pygments_lexer : typeof lexerFromJupytext === 'string' ? lexerFromJupytext : undefined;
  const fmt = mergeNotebookOptions(format, metadata);
  const rootFilter = typeof jupytextIn?.root_level_metadata_filter === 'string' ? jupytextIn.root_level_metadata_filter : undefined;

  const jupytext = isPyObject(metadata.jupytext) ? metadata.jupytext : newPyObject();
  const repr = newPyObject();
  repr.extension = format.extension;
  repr.format_name = 'myst';
  repr.format_version = new PyFloat(0.13);
  jupytext.text_representation = repr;
  metadata.jupytext = jupytext;
  const unsupported = new Set<string>();
  const filtered = filterMetadata(metadata, fmt.notebookMetadataFilter, DEFAULT_NOTEBOOK_METADATA, unsupported);
  let nbMetadata = newPyObject();
  for (const key of Object.keys(filtered).sort()) nbMetadata[key] = filtered[key]!;

  let cells: MystCell[] = ((nb.cells as PyObject[] | undefined) ?? []).map((cell) => ({
    cell_type: String(cell.cell_type),
    source: joinSource(cell.source),
    metadata: filterMetadata(isPyObject(cell.metadata) ? cell.metadata : newPyObject(), fmt.cellMetadataFilter, IGNORE_CELL_METADATA, unsupported),
  }));
  if (warnings) warnings.unsupportedKeys = [...unsupported].sort();

  // Root-level front matter: the filtered metadata (the rest under `jupyter:`), then a first
  // raw cell's YAML block on top.
  let root = takeRootLevel(nbMetadata, rootFilter);
  if (Object.keys(nbMetadata).length > 0) root.jupyter = nbMetadata;
  const first = cells[0];
  const frontMatter = first && first.cell_type === 'raw' ? frontMatterOf(first.source) : undefined;
  if (frontMatter) {
    cells = cells.slice(1);
    if (rootFilter === undefined) {
      const j = isPyObject(root.jupytext) ? root.jupytext : (root.jupytext = newPyObject());
      j.root_level_metadata_filter = '-' + Object.keys(frontMatter).join(',-');
    }
    root = recursiveUpdate(frontMatter, root, false);
  }
  nbMetadata = root;

  let out = '';
  if (Object.keys(nbMetadata).length > 0) out += dumpYamlBlock(nbMetadata, false);
  let lastMarkdown = false;
  for (const cell of cells) {
    const hasMetadata = Object.keys(cell.metadata).length > 0;
    if (cell.cell_type === 'markdown') {
      if (hasMetadata) out += `\n+++ ${pyJsonDumps(cell.metadata)}\n`;
      else if (lastMarkdown) out += '\n+++\n';
      out += '\n' + cell.source;
      if (!cell.source.endsWith('\n')) out += '\n';
      lastMarkdown = true;
      continue;
    }
    const fence = fenceFor(pySplitLines(cell.source));
    out += `\n${fence}${cell.cell_type === 'code' ? CODE_DIRECTIVE : RAW_DIRECTIVE}`;
    if (lexer && cell.cell_type === 'code') out += ` ${lexer}`;
    out += '\n';
    if (hasMetadata) out += dumpYamlBlock(cell.metadata, true);
    else if (cell.source.startsWith('---') || cell.source.startsWith(':')) out += '\n';
    out += cell.source;
    if (!cell.source.endsWith('\n')) out += '\n';
    out += fence + '\n';
    lastMarkdown = false;
  }
  if (Object.keys(nbMetadata).length === 0) out = out.slice(1);
  return out.replace(/\s+$/, '') + '\n';
}

