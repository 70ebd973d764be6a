// MyST Markdown (`md:myst`) → notebook, as Jupytext 1.19 reads it: the front matter is the
// notebook metadata (keys outside `root_level_metadata_filter` become a first raw cell), each
// top-level ```` ```{code-cell} ```` / ```` ```{raw-cell} ```` fence is a cell with its options,
// the text between them is Markdown, split at `+++` breaks (which may carry JSON metadata).
import { randomCellId } from '../notebook/codec.js';
import { isPyObject, newPyObject, parsePyJson, type PyObject } from '../notebook/pyjson.js';
import { dumpYamlLines } from './dumpYaml.js';
import { parsePyYaml, yamlProblem } from './parsePyYaml.js';
import { CODE_DIRECTIVE, RAW_DIRECTIVE, takeRootLevel } from './notebookToMyst.js';
import { pySplitLines } from './pyText.js';
import { recursiveUpdate, toPyValue } from './readHeader.js';
import { scanMystBlocks, type MystBlock } from './scanMystBlocks.js';
import { ConversionError, type ScriptFormat } from './scriptFormat.js';

function loadYaml(text: string, what: string): PyObject {
  let doc: unknown;
  try {
    doc = parsePyYaml(text);
  } catch (error) {
    throw new ConversionError(`${what} is ${yamlProblem(error)}`);
  }
  const value = toPyValue(doc ?? null);
  return isPyObject(value) ? value : newPyObject();
}

/** Python's `textwrap.dedent`: the common leading whitespace of the non-blank lines removed. */
function dedent(text: string): string {
  const lines = text.split('\n');
  let common: string | undefined;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === undefined || !indent.startsWith(common)) {
      let k = 0;
      while (common !== undefined && k < common.length && k < indent.length && common[k] === indent[k]) k++;
      common = common === undefined ? indent : common.slice(0, k);
    }
  }
  return lines.map((line) => (line.trim() ? line.slice(common?.length ?? 0) : line.replace(/^[ \t]+$/, ''))).join('\n');
}

/** The options (`---` YAML block or `:key: value` lines) and body lines of a directive. */
function readDirective(content: string, what: string): { options: PyObject; body: string[] } {
  let options = newPyObject();
  let rest = content;
  if (rest.startsWith('---')) {
    rest = pySplitLines(rest).slice(1).join('\n');
    const end = /^-{3,}/m.exec(rest);
    let block: string;
    if (end) {
      block = rest.slice(0, end.index);
      rest = rest.slice(end.index + end[0].length + 1);
    } else {
      block = rest;
      rest = '';
    }
    options = loadYaml(dedent(block), what);
  } else if (rest.trimStart().startsWith(':')) {
    const lines = pySplitLines(rest);
    const yamlLines: string[] = [];
    while (lines.length > 0 && lines[0]!.trimStart().startsWith(':')) yamlLines.push(lines.shift()!.trimStart().slice(1));
    rest = lines.join('\n');
    options = loadYaml(yamlLines.join('\n'), what);
  }
  let body = pySplitLines(rest);
  if (body.length > 0 && !body[0]!.trim()) body = body.slice(1);
  return { options, body };
}

function newCell(cellType: string, source: string, metadata: PyObject, makeId: () => string): PyObject {
  const cell = newPyObject();
  cell.cell_type = cellType;
  if (cellType === 'code') cell.execution_count = null;
  cell.id = makeId();
  cell.metadata = metadata;
  if (cellType === 'code') cell.outputs = [];
  cell.source = source;
  return cell;
}

/** Blank lines at the start and any whitespace at the end removed. */
const stripBlankLines = (text: string): string => text.replace(/\s+$/, '').replace(/^\n+/, '');

export function mystToNotebook(text: string, _format: ScriptFormat, makeId: () => string = randomCellId): PyObject {
  const lines = pySplitLines(text);
  const blocks: MystBlock[] = scanMystBlocks((text + '\n').replace(/\r\n?/g, '\n').split('\n'));
  let metadata = newPyObject();
  let mdStart = 0;
  if (blocks[0]?.type === 'front_matter') {
    const front = blocks.shift()!;
    mdStart = front.end;
    metadata = loadYaml(front.content, 'the notebook metadata (front matter)');
  }
  const cells: PyObject[] = [];
  let mdMetadata = newPyObject();
  let defaultLexer: string | undefined;
  const flushMarkdown = (end: number): void => {
    const source = stripBlankLines(lines.slice(mdStart, end).join('\n'));
    if (source) cells.push(newCell('markdown', source, mdMetadata, makeId));
  };
  for (const block of blocks) {
    if (block.type === 'fence' && (block.info.startsWith(CODE_DIRECTIVE) || block.info.startsWith(RAW_DIRECTIVE))) {
      flushMarkdown(block.start);
      const code = block.info.startsWith(CODE_DIRECTIVE);
      const where = `${code ? 'Code' : 'Raw'} cell ${cells.length} at line ${block.start + 1}`;
      const { options, body } = readDirective(block.content, where);
      if (code) {
        const lexer = block.info.slice(CODE_DIRECTIVE.length).trim();
        if (lexer && !defaultLexer) defaultLexer = lexer;
      }
      cells.push(newCell(code ? 'code' : 'raw', body.join('\n'), options, makeId));
      mdMetadata = newPyObject();
      mdStart = block.end;
    } else if (block.type === 'block_break') {
      flushMarkdown(block.start);
      mdMetadata = newPyObject();
      if (block.content) {
        let parsed;
        try {
          parsed = parsePyJson(block.content.trim(), { keepKeyOrder: true });
        } catch (error) {
          throw new ConversionError(`Markdown cell ${cells.length} at line ${block.start + 1} could not be read: ${(error as Error).message}`);
        }
        if (!isPyObject(parsed)) throw new ConversionError(`Markdown cell ${cells.length} at line ${block.start + 1} is not a dict`);
        mdMetadata = parsed;
      }
      mdStart = block.end;
    }
  }
  flushMarkdown(lines.length);

  if (!('language_info' in metadata) && defaultLexer) {
    const hadMetadata = Object.keys(metadata).length > 0;
    const jupyter = isPyObject(metadata.jupyter) ? metadata.jupyter : (metadata.jupyter = newPyObject());
    const jupytext = isPyObject(jupyter.jupytext) ? jupyter.jupytext : (jupyter.jupytext = newPyObject());
    jupytext.default_lexer = defaultLexer;
    if (!hadMetadata) jupytext.notebook_metadata_filter = '-all';
  }

  // Notebook metadata: what sits under `jupyter:`, and the root-level keys the filter keeps; the
  // other root-level keys go back to a first raw cell.
  const jupyter = isPyObject(metadata.jupyter) ? metadata.jupyter : newPyObject();
  delete metadata.jupyter;
  const fromJupyter = isPyObject(jupyter.jupytext) ? jupyter.jupytext : undefined;
  const fromRoot = isPyObject(metadata.jupytext) ? metadata.jupytext : undefined;
  const filter = fromRoot?.root_level_metadata_filter ?? fromJupyter?.root_level_metadata_filter;
  const notebookMetadata = recursiveUpdate(jupyter, takeRootLevel(metadata, typeof filter === 'string' ? filter : undefined));
  if (Object.keys(metadata).length > 0) {
    cells.unshift(newCell('raw', `---\n${dumpYamlLines(metadata, { sortKeys: false }).join('\n')}\n---`, newPyObject(), makeId));
  }
  const jupytext = isPyObject(notebookMetadata.jupytext) ? notebookMetadata.jupytext : undefined;
  if (jupytext) {
    delete jupytext.text_representation;
    if (Object.keys(jupytext).length === 0) delete notebookMetadata.jupytext;
  }
  const nb = newPyObject();
  nb.cells = cells;
  nb.metadata = notebookMetadata;
  nb.nbformat = 4;
  nb.nbformat_minor = 5;
  return nb;
}
