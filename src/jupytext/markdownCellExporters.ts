// Writing one notebook cell in Jupytext's Markdown (`md`) or R Markdown (`Rmd`) format. Markdown
// cells are the text itself, inside `<!-- #region … -->` … `<!-- #endregion -->` when they have
// metadata or would not read back as one Markdown cell; code cells are fences (```` ```python ````
// in md, ```` ```{python options} ```` in Rmd); raw cells are `<!-- #raw -->` regions in md.
import { newPyObject, type PyObject } from '../notebook/pyjson.js';
import { isActive, metadataToText } from './cellMetadata.js';
import { CellExporter, type ExportCell, type ExporterFormat } from './cellExporters.js';
import { MarkdownCellReader, RMarkdownCellReader } from './markdownCellReaders.js';
import { commentMagic } from './magics.js';
import { metadataToRmdOptions } from './rmdOptions.js';

/** Enough backticks to fence this code: one more than the longest run that starts a line. */
export function fenceFor(lines: readonly string[]): string {
  let fence = '```';
  for (const line of lines) {
    if (!line.startsWith(fence)) continue;
    for (const ch of line.slice(fence.length)) {
      if (ch !== '`') break;
      fence += '`';
    }
    fence += '`';
  }
  return fence;
}

/** `title key=value …` where the title is taken out of the metadata (when it reads back as one). */
export function metadataToTextWithTitle(metadata: PyObject, plainJson: boolean): string {
  const md = newPyObject();
  for (const key of Object.keys(metadata)) md[key] = metadata[key]!;
  let title: string | undefined;
  if (typeof md.title === 'string' && !md.title.includes('{') && !md.title.includes('=')) {
    title = md.title;
    delete md.title;
  }
  return metadataToText(title, md, plainJson);
}

export class MarkdownCellExporter extends CellExporter {
  static override defaultCommentMagics = false;
  protected readonly readerClass: typeof MarkdownCellReader = MarkdownCellReader;

  constructor(cell: ExportCell, defaultLanguage: string, fmt: ExporterFormat, unsupported: Set<string>) {
    super(cell, defaultLanguage, fmt, unsupported);
    this.comment = '';
  }

  protected htmlComment(metadata: PyObject, code: string): string[] {
    const start = Object.keys(metadata).length > 0 ? `<!-- #${code} ${metadataToTextWithTitle(metadata, this.cellMetadataJson)} -->` : `<!-- #${code} -->`;
    return [start, ...this.source, `<!-- #end${code} -->`];
  }

  cellToText(): string[] {
    if (this.cellType !== 'markdown') return this.codeToText();
    let protect = Object.keys(this.metadata).length > 0;
    if (!protect) {
      // Would the text read back as a shorter cell, or as another type?
      const reader = new this.readerClass(this.fmt);
      const { cell, next } = reader.read(this.source);
      protect = next < this.source.length || cell.cell_type !== this.cellType;
    }
    if (!protect) return this.source;
    const region = typeof this.metadata.region_name === 'string' ? this.metadata.region_name : 'region';
    delete this.metadata.region_name;
    return this.htmlComment(this.metadata, region);
  }

  protected codeToText(): string[] {
    const source = commentMagic([...this.source], this.language, this.commentMagics);
    if (this.metadata.active === '') delete this.metadata.active;
    if (typeof this.metadata.language === 'string') {
      this.language = this.metadata.language;
      delete this.metadata.language;
    }
    if (this.cellType === 'raw' && !isActive(this.ext, this.metadata, false)) return this.htmlComment(this.metadata, 'raw');
    const fence = fenceFor(this.source);
    return [fence + metadataToText(this.language, this.metadata), ...source, fence];
  }
}

export class RMarkdownCellExporter extends MarkdownCellExporter {
  static override defaultCommentMagics = true;
  protected override readonly readerClass: typeof MarkdownCellReader = RMarkdownCellReader;

  protected override codeToText(): string[] {
    const active = isActive(this.ext, this.metadata);
    const source = [...this.source];
    if (active) commentMagic(source, this.language, this.commentMagics);
    if (!active) this.metadata.eval = false;
    const options = metadataToRmdOptions(this.language, this.metadata, this.fmt.useRuntools ?? false);
    return ['```{' + options + '}', ...source, '```'];
  }
}
