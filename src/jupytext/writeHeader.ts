// The YAML header a script starts with: notebook metadata under `jupyter:`, commented, between
// `# ---` lines, filtered and dumped like PyYAML. A first raw cell holding a `---` YAML block
// becomes the top of the header. (Reading it back is in readHeader.ts, which loads a YAML parser.)
import { isPyObject, newPyObject, type PyObject } from '../notebook/pyjson.js';
import { dumpYamlLines } from './dumpYaml.js';
import { MARKDOWN_EXTENSIONS } from './formats.js';
import { commentLines, SCRIPT_EXTENSIONS } from './languages.js';
import { DEFAULT_NOTEBOOK_METADATA, filterMetadata } from './metadataFilter.js';
import { pySplitLines } from './pyText.js';

const HEADER_RE = /^---\s*$/;
const UTF8_HEADER = ' -*- coding: utf-8 -*-';

/** The `#!` and `# -*- coding -*-` lines a script starts with (taken out of `jupytext` metadata). */
export function encodingAndExecutable(cellSources: readonly string[], metadata: PyObject, ext: string, defaultLanguage: string | undefined): string[] {
  const lines: string[] = [];
  const comment = SCRIPT_EXTENSIONS[ext]?.comment;
  const jupytext = isPyObject(metadata.jupytext) ? metadata.jupytext : undefined;
  if (comment !== undefined && jupytext && 'executable' in jupytext) {
    lines.push('#!' + String(jupytext.executable));
    delete jupytext.executable;
  }
  if (comment !== undefined) {
    if (jupytext && 'encoding' in jupytext) {
      lines.push(String(jupytext.encoding));
      delete jupytext.encoding;
    } else if (defaultLanguage !== 'python') {
      // eslint-disable-next-line no-control-regex
      if (cellSources.some((s) => /[^\x00-\x7f]/.test(s))) lines.push(comment + UTF8_HEADER);
    }
  }
  return lines;
}

export interface HeaderInput {
  /** Cells of the notebook; a first raw cell with a YAML block is consumed (the caller drops it). */
  firstRawCell?: { source: string; linesToNextCell?: number };
  metadata: PyObject;
  ext: string;
  formatName: string;
  formatVersion: string;
  notebookMetadataFilter?: string;
  /** Markdown's `hide_notebook_metadata`: the header inside `<!-- … -->`. */
  hideInHtmlComment?: boolean;
  unsupported?: Set<string>;
}

export interface HeaderOutput {
  lines: string[];
  linesToNextCell: number | undefined;
  consumedFirstCell: boolean;
}

/** The comment of header lines: none in Markdown formats. */
export function headerComment(ext: string): string {
  return Object.hasOwn(MARKDOWN_EXTENSIONS, ext) ? '' : (SCRIPT_EXTENSIONS[ext]?.comment ?? '#');
}

/** Returns the commented header lines (without the blank line after them). */
export function metadataToHeader(input: HeaderInput): HeaderOutput {
  let header: string[] = [];
  let linesToNextCell: number | undefined;
  let consumedFirstCell = false;
  if (input.firstRawCell) {
    const lines = pySplitLines(input.firstRawCell.source.replace(/^[\n\t ]+|[\n\t ]+$/g, ''));
    if (lines.length >= 2 && HEADER_RE.test(lines[0]!) && HEADER_RE.test(lines[lines.length - 1]!)) {
      header = lines.slice(1, -1);
      linesToNextCell = input.firstRawCell.linesToNextCell;
      consumedFirstCell = true;
    }
  }
  const metadata = input.metadata;
  const jupytext = isPyObject(metadata.jupytext) ? metadata.jupytext : newPyObject();
  const repr = newPyObject();
  repr.extension = input.ext;
  repr.format_name = input.formatName;
  repr.format_version = input.formatVersion;
  jupytext.text_representation = repr;
  metadata.jupytext = jupytext;
  const filtered = filterMetadata(metadata, input.notebookMetadataFilter, DEFAULT_NOTEBOOK_METADATA, input.unsupported);
  if (Object.keys(filtered).length > 0) {
    const root = newPyObject();
    root.jupyter = filtered;
    header.push(...dumpYamlLines(root));
  }
  if (header.length > 0) header = ['---', ...header, '---'];
  if (header.length > 0 && input.hideInHtmlComment) header = ['<!--', '', ...header, '', '-->'];
  const comment = headerComment(input.ext);
  const suffix = SCRIPT_EXTENSIONS[input.ext]?.commentSuffix ?? '';
  return { lines: commentLines(header, comment, suffix), linesToNextCell, consumedFirstCell };
}

