// Reading cells out of a script, one at a time: where a cell ends, its type, metadata and source,
// and how many blank lines follow it. Two readers: the percent format (`# %%` markers) and the
// light format (paragraphs, `# +`/`# -` fences). Rules and quirks are Jupytext's, so that a
// script Jupytext wrote reads into the notebook Jupytext would read.
import { newPyObject, type PyObject } from '../notebook/pyjson.js';
import { isActive, isJsonMetadata, textToMetadata } from './cellMetadata.js';
import { SCRIPT_EXTENSIONS, uncommentLines } from './languages.js';
import { isMagic, needExplicitMarker, uncommentMagic, unescapeCodeStart } from './magics.js';
import { pep8LinesBetweenCells } from './pep8Lines.js';
import { StringParser } from './StringParser.js';
import { pySplitLines } from './pyText.js';

export type CellType = 'code' | 'markdown' | 'raw';

export interface ReadCell {
  cell_type: CellType;
  source: string;
  metadata: PyObject;
}

export interface ReaderOptions {
  extension: string;
  commentMagics?: boolean;
  cellMetadataJson?: boolean;
  splitAtHeading?: boolean;
  useRuntools?: boolean;
  customCellMagics?: string;
}

const BLANK = /^\s*$/;
const isBlank = (line: string | undefined): boolean => line !== undefined && BLANK.test(line);
const GO_ESCAPED_COMMAND = /^((?:\/\/\s*)*)(\/\/\s*gonb:%%)/;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function nextCodeIsIndented(lines: readonly string[]): boolean {
  for (const line of lines) {
    if (BLANK.test(line)) continue;
    return /^\s/.test(line);
  }
  return false;
}

function countLinesToNextCell(cellEnd: number, nextStart: number, total: number, explicitEoc: boolean): number {
  if (cellEnd < total) {
    let n = nextStart - cellEnd;
    if (explicitEoc) n -= 1;
    if (nextStart >= total) n += 1;
    return n;
  }
  return 1;
}

function lastTwoLinesBlank(source: readonly string[]): boolean {
  if (source.length < 3) return false;
  return !isBlank(source[source.length - 3]) && isBlank(source[source.length - 2]) && isBlank(source[source.length - 1]);
}

function paragraphIsFullyCommented(lines: readonly string[], comment: string, mainLanguage: string): boolean {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(comment)) {
      if (line.slice(comment.length).trimStart().startsWith(comment)) continue;
      if (isMagic(line, mainLanguage)) return false;
      continue;
    }
    return i > 0 && isBlank(line);
  }
  return true;
}

export interface CellEnd {
  end: number;
  next: number;
  explicitEoc: boolean;
}

/** What every reader shares (Jupytext's BaseCellReader and ScriptCellReader). */
export abstract class CellReader {
  protected readonly ext: string;
  protected defaultLanguage: string;
  protected comment: string;
  protected readonly commentSuffix: string;
  protected commentMagics: boolean;
  protected readonly useRuntools: boolean;
  protected metadata: PyObject | undefined;
  protected language: string | undefined;
  protected cellType: CellType = 'code';
  protected content: string[] = [];
  protected orgContent: string[] = [];
  protected explicitSoc = false;
  protected explicitEoc = false;
  protected linesToNextCell = 1;
  cellMetadataJson: boolean;

  constructor(options: ReaderOptions, defaultLanguage?: string) {
    this.ext = options.extension;
    const script = SCRIPT_EXTENSIONS[this.ext] ?? SCRIPT_EXTENSIONS['.py']!;
    this.defaultLanguage = defaultLanguage || script.language;
    this.comment = script.comment;
    this.commentSuffix = script.commentSuffix ?? '';
    this.commentMagics = options.commentMagics ?? true;
    this.useRuntools = options.useRuntools ?? false;
    this.cellMetadataJson = options.cellMetadataJson ?? false;
  }

  protected abstract optionLine(line: string): void;
  protected abstract findCellEnd(lines: readonly string[]): CellEnd;

  /** Reads one cell from the top of `lines`; returns it and the index where the next cell starts. */
  read(lines: readonly string[]): { cell: ReadCell; next: number } {
    this.optionLine(lines[0]!);
    if (this.metadata && 'language' in this.metadata) {
      this.language = String(this.metadata.language);
      delete this.metadata.language;
    }
    const next = this.findCellContent(lines);
    const metadata = this.metadata ?? newPyObject();
    const expected = this.ext === '.py' ? pep8LinesBetweenCells(this.orgContent.length > 0 ? this.orgContent : [''], lines.slice(next), this.ext) : 1;
    if (this.linesToNextCell !== expected) metadata.lines_to_next_cell = this.linesToNextCell;
    if (this.language) metadata.language = this.language;
    return { cell: { cell_type: this.cellType, source: this.content.join('\n'), metadata }, next };
  }

  /** Finds the cell's end, reads its content; returns where the next cell starts. */
  protected findCellContent(lines: readonly string[]): number {
    const found = this.findCellEnd(lines);
    let { end, next } = found;
    this.explicitEoc = found.explicitEoc;
    const explicitEoc = found.explicitEoc;
    let cellStart: number;
    if (this.metadata === undefined) {
      cellStart = 0;
      this.metadata = newPyObject();
    } else cellStart = 1;
    let source = lines.slice(cellStart, end);
    this.orgContent = [...source];
    if (this.ext === '.py' && explicitEoc) {
      let linesToEndOfCellMarker: number;
      if (lastTwoLinesBlank(source)) {
        source = source.slice(0, -2);
        linesToEndOfCellMarker = 2;
      } else linesToEndOfCellMarker = 0;
      const pep8 = pep8LinesBetweenCells(source, lines.slice(end), this.ext);
      if (linesToEndOfCellMarker !== (pep8 === 1 ? 0 : 2)) this.metadata.lines_to_end_of_cell_marker = linesToEndOfCellMarker;
    }
    this.explicitSoc = cellStart > 0;
    this.content = this.extractContent(source);
    if (this.cellType === 'code') {
      if (!isActive('.ipynb', this.metadata)) {
        if (this.metadata.active === '') delete this.metadata.active;
        this.cellType = 'raw';
      } else if (this.ext === '.md' && !this.language) {
        // A fence with no language is Markdown text (format version 1.3).
        this.cellType = 'markdown';
        this.explicitEoc = false;
        end += 1;
        this.content = lines.slice(0, end);
      }
    }
    if (next + 1 < lines.length && isBlank(lines[next]) && !isBlank(lines[next + 1])) next += 1;
    else if (this.explicitEoc && next + 2 < lines.length && isBlank(lines[next]) && isBlank(lines[next + 1]) && !isBlank(lines[next + 2])) next += 2;
    this.linesToNextCell = countLinesToNextCell(end, next, lines.length, this.explicitEoc);
    return next;
  }

  protected optionsToMetadata(options: string): PyObject {
    this.cellMetadataJson = this.cellMetadataJson || isJsonMetadata(options);
    const parsed = textToMetadata(options, true);
    let title = parsed.title;
    const metadata = parsed.metadata;
    for (const cellType of ['markdown', 'raw', 'md']) {
      const code = `[${cellType}]`;
      if (title.includes(code)) {
        title = title.replace(code, '').trim();
        metadata.cell_type = cellType;
        if (cellType === 'md') {
          metadata.region_name = cellType;
          metadata.cell_type = 'markdown';
        }
        break;
      }
    }
    let depth = 0;
    while (title.startsWith('%')) {
      depth++;
      title = title.slice(1);
    }
    if (depth) {
      metadata.cell_depth = depth;
      title = title.trim();
    }
    if (title) metadata.title = title;
    return metadata;
  }

  protected extractContent(lines: readonly string[]): string[] {
    const metadata = this.metadata!;
    // A cell holding only a triple-quoted string is a markdown cell written with quotes.
    if (this.ext === '.py' && !isActive(this.ext, metadata, this.cellType === 'code')) {
      let content = lines.join('\n').trim();
      for (const prefix of ['', 'r', 'R']) {
        for (const quote of ['"""', "'''"]) {
          let left = prefix + quote;
          let right = quote;
          if (content.startsWith(left) && content.endsWith(right) && content.length >= left.length + right.length) {
            content = content.slice(left.length, content.length - right.length);
            if (content.startsWith('\n')) {
              content = content.slice(1);
              left += '\n';
            }
            if (content.endsWith('\n')) {
              content = content.slice(0, -1);
              right = '\n' + right;
            }
            if (!prefix) {
              if (left.length === 4 && right.length === 4) metadata.cell_marker = left.slice(0, 3);
            } else if (left.length - 1 === 4 && right.length === 4) metadata.cell_marker = left.slice(0, 4);
            else metadata.cell_marker = left + ',' + right;
            return pySplitLines(content);
          }
        }
      }
    }
    if (!isActive(this.ext, metadata) || (!('active' in metadata) && this.language && this.language !== this.defaultLanguage)) {
      return uncommentLines(lines, this.ext === '.r' || this.ext === '.R' ? '#' : this.comment);
    }
    return this.uncommentCodeAndMagics([...lines]);
  }

  protected uncommentCodeAndMagics(input: string[]): string[] {
    let lines = input;
    const language = this.language || this.defaultLanguage;
    if (this.commentMagics) {
      if (isActive(this.ext, this.metadata!)) {
        uncommentMagic(lines, language, true, this.explicitSoc);
        if (this.cellType === 'code' && !this.explicitSoc && needExplicitMarker(lines, language)) this.metadata!.comment_questions = false;
      } else {
        lines = uncommentLines(lines);
      }
    }
    if (this.defaultLanguage === 'go' && !this.language) lines = lines.map((line) => line.replace(GO_ESCAPED_COMMAND, '$1%%'));
    if (this.cellType === 'code') return unescapeCodeStart(lines, this.ext, language);
    return uncommentLines(lines, this.comment, this.commentSuffix);
  }
}

/** Light format: cells are paragraphs; `# +` … `# -` fence a cell. */
export class LightCellReader extends CellReader {
  private readonly startCodeRe: RegExp;
  private endCodeRe: RegExp | undefined;
  private ignoreEndMarker = true;

  constructor(options: ReaderOptions, defaultLanguage?: string) {
    super(options, defaultLanguage);
    this.startCodeRe = new RegExp(`^${escapeRe(this.comment)}\\s*\\+(.*)$`);
  }

  protected optionLine(line: string): void {
    let l = line;
    if (this.startCodeRe.test(l)) {
      if (this.commentSuffix) {
        if (l.endsWith(' ' + this.commentSuffix)) l = l.slice(0, -(this.commentSuffix.length + 1));
        else if (l.endsWith(this.commentSuffix)) l = l.slice(0, -this.commentSuffix.length);
      }
      const m = this.startCodeRe.exec(l)!;
      this.metadata = this.optionsToMetadata(m[1] ?? '');
      this.language = undefined;
      this.ignoreEndMarker = false;
    }
  }

  protected findCellEnd(lines: readonly string[]): CellEnd {
    if (this.metadata === undefined && paragraphIsFullyCommented(lines, this.comment, this.defaultLanguage)) {
      this.cellType = 'markdown';
      for (let i = 0; i < lines.length; i++) if (isBlank(lines[i])) return { end: i, next: i + 1, explicitEoc: false };
      return { end: lines.length, next: lines.length, explicitEoc: false };
    }
    if (this.metadata === undefined) this.endCodeRe = undefined;
    else {
      const endOfCell = typeof this.metadata.endofcell === 'string' ? this.metadata.endofcell : '-';
      this.endCodeRe = new RegExp(`^${escapeRe(this.comment)} ${endOfCell}\\s*$`);
    }
    return this.findRegionEnd(lines);
  }

  private findRegionEnd(lines: readonly string[]): CellEnd {
    if (this.metadata && 'cell_type' in this.metadata) {
      this.cellType = this.metadata.cell_type as CellType;
      delete this.metadata.cell_type;
    } else this.cellType = 'code';
    const parser = new StringParser(this.language || this.defaultLanguage);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (this.metadata !== undefined && i === 0) continue;
      if (!parser.readOutsideString(line)) continue;
      if (this.startCodeRe.test(line)) {
        if (i > 0 && isBlank(lines[i - 1])) {
          if (i > 1 && isBlank(lines[i - 2])) return { end: i - 2, next: i, explicitEoc: false };
          return { end: i - 1, next: i, explicitEoc: false };
        }
        return { end: i, next: i, explicitEoc: false };
      }
      if (!this.ignoreEndMarker && this.endCodeRe) {
        if (this.endCodeRe.test(line)) return { end: i, next: i + 1, explicitEoc: true };
      } else if (isBlank(line)) {
        if (!nextCodeIsIndented(lines.slice(i))) {
          if (i > 0) return { end: i, next: i + 1, explicitEoc: false };
          if (lines.length > 1 && !isBlank(lines[1])) return { end: 1, next: 1, explicitEoc: false };
          return { end: 1, next: 2, explicitEoc: false };
        }
      }
    }
    return { end: lines.length, next: lines.length, explicitEoc: false };
  }
}

/** Percent format: every cell starts with `# %%` (or `# In[…]:`, `# <codecell>`). */
export class PercentCellReader extends CellReader {
  private readonly startCodeRe: RegExp;
  private readonly alternativeStartRe: RegExp;

  constructor(options: ReaderOptions, defaultLanguage?: string) {
    super(options, defaultLanguage);
    const c = escapeRe(this.comment);
    this.startCodeRe = new RegExp(`^\\s*${c}\\s*%%(%*)\\s(.*)$`);
    this.alternativeStartRe = new RegExp(`^\\s*${c}\\s*(%%|<codecell>|In\\[[0-9 ]*\\]:?)\\s*$`);
    this.explicitSoc = true;
  }

  protected optionLine(line: string): void {
    if (this.startCodeRe.test(line)) {
      const l = uncommentLines([line], this.comment, this.commentSuffix)[0]!;
      this.metadata = this.optionsToMetadata(l.slice(l.indexOf('%%') + 2));
    } else {
      this.metadata = newPyObject();
    }
  }

  protected findCellEnd(lines: readonly string[]): CellEnd {
    const metadata = this.metadata!;
    if ('cell_type' in metadata) {
      this.cellType = metadata.cell_type as CellType;
      delete metadata.cell_type;
    } else if (!isActive('.ipynb', metadata)) {
      if (metadata.active === '') delete metadata.active;
      this.cellType = 'raw';
      if (isActive(this.ext, metadata)) this.comment = '';
    } else this.cellType = 'code';
    let next = lines.length;
    const parser = new StringParser(this.language || this.defaultLanguage);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!parser.readOutsideString(line)) continue;
      if (i > 0 && (this.startCodeRe.test(line) || this.alternativeStartRe.test(line))) {
        next = i;
        break;
      }
    }
    if (lastTwoLinesBlank(lines.slice(0, next))) return { end: next - 2, next, explicitEoc: false };
    if (next > 0 && isBlank(lines[next - 1])) return { end: next - 1, next, explicitEoc: false };
    return { end: next, next, explicitEoc: false };
  }

  protected findCellContent(lines: readonly string[]): number {
    const { end, next, explicitEoc } = this.findCellEnd(lines);
    const cellStart = this.startCodeRe.test(lines[0]!) || this.alternativeStartRe.test(lines[0]!) ? 1 : 0;
    const source = lines.slice(cellStart, end);
    this.orgContent = [...source];
    this.content = this.extractContent(source);
    this.linesToNextCell = countLinesToNextCell(end, next, lines.length, explicitEoc);
    return next;
  }
}
