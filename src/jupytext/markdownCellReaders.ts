// Reading cells out of Jupytext Markdown (`md`) and R Markdown (`Rmd`), one at a time: a fence
// whose language is a Jupyter language is a code cell, `<!-- #region -->`/`<!-- #raw -->` comments
// delimit Markdown and raw cells, and other text is Markdown up to the next code cell or region,
// or two blank lines outside code blocks. Jupytext's rules, so that cells split where they split.
import { newPyObject, type PyObject } from '../notebook/pyjson.js';
import { isActive, isJsonMetadata, textToMetadata } from './cellMetadata.js';
import { CellReader, type CellEnd, type ReaderOptions } from './cellReaders.js';
import { JUPYTER_LANGUAGES } from './languages.js';
import { uncommentMagic } from './magics.js';
import { rmdOptionsToMetadata } from './rmdOptions.js';
import { StringParser } from './StringParser.js';

const BLANK = /^\s*$/;
const isBlank = (line: string): boolean => BLANK.test(line);

/** Jupyter languages in lower and upper case (`python`, `PYTHON`, `R`, …). */
const FENCE_LANGUAGES: ReadonlySet<string> = new Set([...JUPYTER_LANGUAGES, ...[...JUPYTER_LANGUAGES].map((l) => l.toUpperCase())]);

const START_REGION = /^<!--\s*#(region|markdown|md|raw)(.*)-->\s*$/;
const ANY_FENCE = /^```/;

interface FenceStart {
  extraBackticks: string;
  /** The text after the backticks, from which language and options are read. */
  options: string;
  language: string;
}

export class MarkdownCellReader extends CellReader {
  protected readonly splitAtHeading: boolean;
  protected inRegion = false;
  private endRegion: RegExp | undefined;
  /** How the current fence closes: a line starting with its backticks. */
  protected endCode: (line: string) => boolean = (line) => /^```\s*$/.test(line);

  constructor(options: ReaderOptions, defaultLanguage?: string) {
    super(options, defaultLanguage);
    this.comment = '';
    this.commentMagics = options.commentMagics ?? this.defaultCommentMagics();
    this.splitAtHeading = options.splitAtHeading ?? false;
  }

  protected defaultCommentMagics(): boolean {
    return false;
  }

  /** A code fence naming a Jupyter language (```` ```python ````, ```` ````R key=1 ````). */
  protected fenceStart(line: string): FenceStart | undefined {
    const m = /^```(`*)(\s*)(.*)$/.exec(line);
    if (!m) return undefined;
    const rest = m[3]!;
    for (const language of FENCE_LANGUAGES) {
      if (rest.startsWith(language) && (rest.length === language.length || /\s/.test(rest[language.length]!))) {
        return { extraBackticks: m[1]!, options: [m[2]!, language, rest.slice(language.length)].join(' '), language };
      }
    }
    return undefined;
  }

  /** Language and metadata of a fence's options (sets how the fence ends). */
  protected fenceToMetadata(start: FenceStart): { language: string | undefined; metadata: PyObject } {
    const backticks = '```' + start.extraBackticks;
    this.endCode = (line) => line.startsWith(backticks);
    this.cellMetadataJson = this.cellMetadataJson || isJsonMetadata(start.options);
    const { title, metadata } = textToMetadata(start.options);
    return { language: title, metadata };
  }

  /** Text that opens a fence which is not a code cell (Markdown keeps it). */
  protected nonJupyterFence(line: string): boolean {
    return ANY_FENCE.test(line);
  }

  protected optionLine(line: string): void {
    const region = START_REGION.exec(line);
    if (region) {
      this.inRegion = true;
      const name = region[1]!;
      this.endRegion = new RegExp(`^<!--\\s*#end${name}\\s*-->\\s*$`);
      this.cellMetadataJson = this.cellMetadataJson || isJsonMetadata(region[2]!);
      const { title, metadata } = textToMetadata(region[2]!, true);
      this.metadata = metadata;
      this.cellType = name === 'raw' ? 'raw' : 'markdown';
      if (title) metadata.title = title;
      if (name === 'markdown' || name === 'md') metadata.region_name = name;
      return;
    }
    const start = this.fenceStart(line);
    if (start) {
      const { language, metadata } = this.fenceToMetadata(start);
      this.language = language;
      this.metadata = metadata;
      // A fence with a `.noeval` attribute is Markdown.
      if ('.noeval' in metadata && metadata['.noeval'] === null) {
        this.cellType = 'markdown';
        this.metadata = newPyObject();
        this.language = undefined;
      }
    }
  }

  /** Is this fence (its language, its metadata) a code cell? */
  private startsCodeCell(start: FenceStart): boolean {
    const { language, metadata } = this.fenceToMetadata(start);
    const known = language !== undefined && FENCE_LANGUAGES.has(language);
    return known && !('.noeval' in metadata && metadata['.noeval'] === null);
  }

  protected findCellEnd(lines: readonly string[]): CellEnd {
    if (this.inRegion) {
      for (let i = 0; i < lines.length; i++) if (this.endRegion!.test(lines[i]!)) return { end: i, next: i + 1, explicitEoc: true };
    } else if (this.metadata === undefined) {
      // Markdown text: up to a code cell, a region, or two blank lines outside code blocks.
      this.cellType = 'markdown';
      let prevBlank = 0;
      let inFence = false;
      let inIndented = false;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (inFence && this.endCode(line)) {
          inFence = false;
          continue;
        }
        if (prevBlank && line.startsWith('    ') && !isBlank(line)) {
          inIndented = true;
          prevBlank = 0;
          continue;
        }
        if (inIndented && !isBlank(line) && !line.startsWith('    ')) inIndented = false;
        if (inIndented || inFence) continue;
        if (START_REGION.test(line)) {
          if (i > 1 && prevBlank) return { end: i - 1, next: i, explicitEoc: false };
          return { end: i, next: i, explicitEoc: false };
        }
        const start = this.fenceStart(line);
        if (start) {
          if (!this.startsCodeCell(start)) {
            inFence = true;
            prevBlank = 0;
            continue;
          }
          if (i > 1 && prevBlank) return { end: i - 1, next: i, explicitEoc: false };
          return { end: i, next: i, explicitEoc: false };
        } else if (line.startsWith('```{')) {
          inFence = true;
          prevBlank = 0;
          continue;
        }
        if (this.nonJupyterFence(line)) {
          if (prevBlank >= 2) return { end: i - 2, next: i, explicitEoc: true };
          inFence = true;
          prevBlank = 0;
          continue;
        }
        if (this.splitAtHeading && line.startsWith('#') && prevBlank >= 1) return { end: i - 1, next: i, explicitEoc: false };
        if (isBlank(line)) prevBlank += 1;
        else if (prevBlank >= 2) return { end: i - 2, next: i, explicitEoc: true };
        else prevBlank = 0;
      }
    } else {
      this.cellType = 'code';
      const parser = new StringParser(this.language || this.defaultLanguage);
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!;
        if (!parser.readOutsideString(line)) continue;
        if (this.endCode(line)) return { end: i, next: i + 1, explicitEoc: true };
      }
    }
    return { end: lines.length, next: lines.length, explicitEoc: false };
  }

  protected override uncommentCodeAndMagics(lines: string[]): string[] {
    if (this.cellType === 'code' && this.commentMagics) return uncommentMagic(lines, this.language ?? this.defaultLanguage);
    return lines;
  }
}

export class RMarkdownCellReader extends MarkdownCellReader {
  protected override defaultCommentMagics(): boolean {
    return true;
  }

  protected override fenceStart(line: string): FenceStart | undefined {
    const m = /^```\{(.*)\}\s*$/.exec(line);
    if (!m) return undefined;
    return { extraBackticks: '', options: m[1]!, language: '' };
  }

  protected override fenceToMetadata(start: FenceStart): { language: string | undefined; metadata: PyObject } {
    return rmdOptionsToMetadata(start.options, this.useRuntools);
  }

  protected override nonJupyterFence(line: string): boolean {
    return /^```([^{]|\s*$)/.test(line);
  }

  protected override uncommentCodeAndMagics(lines: string[]): string[] {
    if (this.cellType === 'code' && this.commentMagics && isActive(this.ext, this.metadata!)) uncommentMagic(lines, this.language || this.defaultLanguage);
    return lines;
  }
}
