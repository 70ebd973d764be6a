// Writing one notebook cell as script text, in the percent or the light format. Each exporter
// decides the cell marker and its metadata, comments markdown and magics, and (light) whether a
// cell needs `# +`/`# -` fences. The rules and their order are Jupytext's, for identical output.
import { isPyObject, newPyObject, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { IGNORE_CELL_METADATA, isActive, metadataToDoublePercentOptions } from './cellMetadata.js';
import { LightCellReader } from './cellReaders.js';
import type { FormatName, FormatOptions } from './formats.js';
import { cellLanguage, commentLines, SCRIPT_EXTENSIONS, sameLanguage } from './languages.js';
import { commentMagic, escapeCodeStart, needExplicitMarker } from './magics.js';
import { filterMetadata } from './metadataFilter.js';
import { pep8LinesBetweenCells } from './pep8Lines.js';
import { pySplitLines } from './pyText.js';

export interface ExportCell {
  cell_type: string;
  source: string;
  metadata: PyObject;
}

export interface ExporterFormat extends FormatOptions {
  extension: string;
  formatName: FormatName;
}

/** A cell's source as lines; a trailing newline shows as a last empty line. */
export function cellSourceLines(source: string): string[] {
  if (source === '') return [''];
  if (source.endsWith('\n')) return [...pySplitLines(source), ''];
  return pySplitLines(source);
}

// Only the last `//` of a commented command is kept before `//gonb:` (Jupytext's substitution).
const GO_COMMAND = /^(\/\/\s*)*(%%\s*$|%%\s+-.*$)/;

const tagsOf = (metadata: PyObject): string[] => (Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string') : []);
const numberOrUndefined = (v: PyValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

export abstract class CellExporter {
  /** Whether magics are commented when the format options do not say (Markdown: no). */
  static defaultCommentMagics = true;
  protected readonly ext: string;
  cellType: string;
  protected source: string[];
  protected unfilteredMetadata: PyObject;
  protected metadata: PyObject;
  protected language: string;
  protected readonly defaultLanguage: string;
  protected comment: string;
  protected readonly commentSuffix: string;
  protected readonly commentMagics: boolean;
  protected readonly cellMetadataJson: boolean;
  linesToNextCell: number | undefined;
  protected readonly linesToEndOfCellMarker: number | undefined;
  /** The `cell_markers` option (triple quotes for Markdown). */
  protected cellMarkers: string | undefined;

  constructor(
    cell: ExportCell,
    defaultLanguage: string,
    protected readonly fmt: ExporterFormat,
    unsupported: Set<string>,
  ) {
    this.ext = fmt.extension;
    this.cellType = cell.cell_type;
    this.source = cellSourceLines(cell.source);
    this.unfilteredMetadata = cell.metadata;
    this.metadata = filterMetadata(cell.metadata, fmt.cellMetadataFilter, IGNORE_CELL_METADATA, unsupported);
    const customMagics = (fmt.customCellMagics ?? '').split(',').filter((m) => m);
    const { language, magicArgs } = cellLanguage(this.source, defaultLanguage, customMagics);
    if (magicArgs) this.metadata.magic_args = magicArgs;
    if (language && !this.ext.endsWith('.Rmd')) this.metadata.language = language;
    const fromMetadata = cell.metadata.language;
    this.language = language || (typeof fromMetadata === 'string' ? fromMetadata : defaultLanguage);
    this.defaultLanguage = defaultLanguage;
    this.comment = SCRIPT_EXTENSIONS[this.ext]?.comment ?? '#';
    this.commentSuffix = SCRIPT_EXTENSIONS[this.ext]?.commentSuffix ?? '';
    this.commentMagics = fmt.commentMagics ?? (this.constructor as typeof CellExporter).defaultCommentMagics;
    this.cellMetadataJson = fmt.cellMetadataJson ?? false;
    this.cellMarkers = fmt.cellMarkers;
    this.linesToNextCell = numberOrUndefined(cell.metadata.lines_to_next_cell);
    this.linesToEndOfCellMarker = numberOrUndefined(cell.metadata.lines_to_end_of_cell_marker);
    if (cell.cell_type === 'raw' && !('active' in this.metadata) && !tagsOf(this.metadata).some((t) => t.startsWith('active-'))) {
      this.metadata.active = '';
    }
  }

  isCode(): boolean {
    if (this.cellType === 'code') return true;
    return (this.cellType === 'raw' && 'active' in this.metadata) || tagsOf(this.metadata).some((t) => t.startsWith('active-'));
  }

  protected useTripleQuotes(): boolean {
    const marker = this.unfilteredMetadata.cell_marker;
    if (typeof marker !== 'string') return false;
    if (marker === '"""' || marker === "'''") return true;
    if (!marker.includes(',')) return false;
    const [left, right] = marker.split(',') as [string, string];
    return left.slice(0, 3) === right.slice(-3) && (left.startsWith('"""') || left.startsWith("'''"));
  }

  /** Markdown (or inactive code) as comments, or wrapped in the cell's triple quotes. */
  protected markdownToText(source: string[]): string[] {
    const markers = this.unfilteredMetadata.cell_marker ?? this.cellMarkers;
    if (typeof markers === 'string' && markers) {
      let left: string;
      let right: string;
      if (markers.includes(',')) {
        const comma = markers.indexOf(',');
        left = markers.slice(0, comma);
        right = markers.slice(comma + 1);
      } else {
        left = markers + '\n';
        const bare = markers.startsWith('r') || markers.startsWith('R') ? markers.slice(1) : markers;
        right = '\n' + bare;
      }
      const tail = right.slice(-3);
      if ((left.slice(0, 3) === tail || ((left[0] === 'r' || left[0] === 'R') && left.slice(1, 4) === tail)) && (tail === '"""' || tail === "'''")) {
        // Markdown with a backslash is written as a raw string in the percent format.
        if (left[0] !== 'r' && left[0] !== 'R' && source.join('\n').includes('\\') && this.fmt.formatName === 'percent') left = 'r' + left;
        const out = [...source];
        out[0] = left + out[0];
        out[out.length - 1] = out[out.length - 1] + right;
        return out;
      }
    }
    let out = source;
    if (this.comment && this.comment !== "#'" && isActive(this.ext, this.metadata) && this.fmt.formatName !== 'percent') {
      out = commentMagic([...source], this.language, this.commentMagics, this.cellType === 'code');
    }
    return commentLines(out, this.comment, this.commentSuffix);
  }

  abstract cellToText(): string[];

  /** GoNB's `%%` and `%% -flags` lines would read as cell markers: written `//gonb:%%`. */
  protected escapeGoCommands(): void {
    if (this.defaultLanguage === 'go' && this.language === 'go') this.source = this.source.map((line) => line.replace(GO_COMMAND, '$1//gonb:$2'));
  }

  removeEocMarker(text: string[], _next: string[]): string[] {
    return text;
  }
}

export class PercentCellExporter extends CellExporter {
  cellToText(): string[] {
    this.escapeGoCommands();
    const active = isActive(this.ext, this.metadata, sameLanguage(this.language, this.defaultLanguage));
    if (this.cellType === 'raw' && this.metadata.active === '') delete this.metadata.active;
    if (!this.isCode()) this.metadata.cell_type = this.cellType;
    const options = metadataToDoublePercentOptions(this.metadata, this.cellMetadataJson);
    let indent = '';
    if (this.isCode() && active && this.source.length > 0) {
      const first = this.source[0]!;
      if (first.trim()) indent = /^(\s*)/.exec(first)![1]!;
    }
    const marker = options.startsWith('%') || !options ? '%%' + options : '%% ' + options;
    const lines = commentLines([marker], indent + this.comment, this.commentSuffix);
    if (this.isCode() && active) {
      const source = commentMagic([...this.source], this.language, this.commentMagics);
      if (source.length === 1 && source[0] === '') return lines;
      return [...lines, ...source];
    }
    return [...lines, ...this.markdownToText(this.source)];
  }
}

/** `-`, or `--` (and so on) when the cell itself contains a `# -` line. */
function endOfCellMarker(source: readonly string[], comment: string): string {
  let marker = '-';
  const esc = comment.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  for (;;) {
    const re = new RegExp(`^${esc}( )${marker}\\s*$`);
    if (source.some((line) => re.test(line))) marker += '-';
    else return marker;
  }
}

export class LightCellExporter extends CellExporter {
  private linesToNext: number | undefined;

  constructor(cell: ExportCell, defaultLanguage: string, fmt: ExporterFormat, unsupported: Set<string>) {
    super(cell, defaultLanguage, fmt, unsupported);
    if ('endofcell' in this.unfilteredMetadata) this.metadata.endofcell = this.unfilteredMetadata.endofcell!;
    // The light format takes only `start,end` region markers: Jupytext ignores a bare `"""`.
    if (this.cellMarkers !== undefined && !this.cellMarkers.includes(',')) this.cellMarkers = undefined;
    this.linesToNext = this.linesToNextCell;
  }

  override isCode(): boolean {
    if ((this.cellType === 'markdown' && Object.keys(this.metadata).length > 0) || this.useTripleQuotes()) {
      if (isActive(this.ext, this.metadata)) {
        this.metadata.cell_type = this.cellType;
        this.source = this.markdownToText(this.source);
        this.cellType = 'code';
        const copy = newPyObject();
        for (const k of Object.keys(this.unfilteredMetadata)) if (k !== 'cell_marker') copy[k] = this.unfilteredMetadata[k]!;
        this.unfilteredMetadata = copy;
      }
      return true;
    }
    return super.isCode();
  }

  cellToText(): string[] {
    if (this.cellType !== 'code' && Object.keys(this.metadata).length === 0 && this.useTripleQuotes()) this.metadata.cell_type = this.cellType;
    this.escapeGoCommands();
    if (this.isCode()) return this.codeToText();
    return this.markdownToText([...this.source]);
  }

  private codeToText(): string[] {
    const active = isActive(this.ext, this.metadata, sameLanguage(this.language, this.defaultLanguage));
    let source = escapeCodeStart([...this.source], this.ext, this.language);
    let commentQuestions = true;
    if ('comment_questions' in this.metadata) {
      commentQuestions = this.metadata.comment_questions !== false;
      delete this.metadata.comment_questions;
    }
    if (active) commentMagic(source, this.language, this.commentMagics, commentQuestions);
    else source = this.markdownToText(source);
    if ((active && commentQuestions && needExplicitMarker(this.source, this.language, this.commentMagics)) || this.explicitStartMarker(source)) {
      this.metadata.endofcell = endOfCellMarker(source, this.comment);
    }
    if (Object.keys(this.metadata).length === 0) return source;
    const endofcell = String(this.metadata.endofcell);
    if (endofcell === '-') delete this.metadata.endofcell;
    const start = [this.comment, '+'];
    const options = metadataToDoublePercentOptions(this.metadata, this.cellMetadataJson);
    if (options) start.push(options);
    return [start.join(' '), ...source, `${this.comment} ${endofcell}`];
  }

  private explicitStartMarker(source: string[]): boolean {
    if (Object.keys(this.metadata).length > 0) return true;
    if (this.source.every((line) => line.startsWith(this.comment))) return true;
    const reader = new LightCellReader({ extension: this.ext, commentMagics: this.commentMagics });
    return reader.read(source).next < source.length;
  }

  override removeEocMarker(text: string[], next: string[]): string[] {
    if (this.isCode() && text[text.length - 1] === this.comment + ' -') {
      if (next.length === 0 || next[0]!.startsWith(this.comment + ' +')) {
        const out = text.slice(0, -1);
        if (this.linesToEndOfCellMarker && (this.linesToNext === undefined || this.linesToEndOfCellMarker > this.linesToNext)) {
          this.linesToNext = this.linesToEndOfCellMarker;
        }
        this.linesToNextCell = this.linesToNext;
        return out;
      }
      let blank = this.linesToEndOfCellMarker;
      if (blank === undefined) {
        blank = pep8LinesBetweenCells(text.slice(0, -1), next, this.ext);
        blank = blank < 2 ? 0 : 2;
      }
      return [...text.slice(0, -1), ...Array<string>(blank).fill(''), text[text.length - 1]!];
    }
    return text;
  }
}

export function isObject(v: PyValue | undefined): v is PyObject {
  return isPyObject(v);
}
