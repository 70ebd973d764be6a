// Tells whether the next line of a script starts inside a string literal, so that magics, cell
// markers and blank lines inside a multi-line string are left alone. It follows Jupytext's
// simple quote tracking (single and triple quotes, backslash escapes, comments), including its
// approximations, so that cells split exactly where Jupytext splits them.
import { LANGUAGE_COMMENT } from './languages.js';

export class StringParser {
  private single: string | undefined;
  private triple: string | undefined;
  private tripleStart = -1;
  private readonly ignore: boolean;
  private readonly python: boolean;
  private readonly comment: string | undefined;

  constructor(language: string | undefined) {
    this.ignore = language === undefined;
    this.python = language !== 'R';
    this.comment = language === undefined ? undefined : LANGUAGE_COMMENT[language];
  }

  isQuoted(): boolean {
    if (this.ignore) return false;
    return this.single !== undefined || this.triple !== undefined;
  }

  /** Reads a line and tells whether it began outside a string (so it may hold a marker). */
  readOutsideString(line: string): boolean {
    const quoted = this.isQuoted();
    this.readLine(line);
    return !quoted;
  }

  readLine(line: string): void {
    if (this.ignore) return;
    const comment = this.comment;
    if (!this.isQuoted() && comment !== undefined && line.trimStart().startsWith(comment)) return;
    this.tripleStart = -1;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (this.single === undefined && this.triple === undefined && comment && comment.startsWith(ch) && line.startsWith(comment, i)) break;
      if (ch !== '"' && ch !== "'") continue;
      if (i > 0 && line[i - 1] === '\\') continue;
      if (this.single === ch) {
        this.single = undefined;
        continue;
      }
      if (this.single !== undefined) continue;
      if (!this.python) continue;
      if (i >= 2 && line.slice(i - 2, i + 1) === ch.repeat(3) && i >= this.tripleStart + 3) {
        if (this.triple === ch) {
          this.triple = undefined;
          this.tripleStart = i;
          continue;
        }
        if (this.triple !== undefined) continue;
        this.triple = ch;
        this.tripleStart = i;
        continue;
      }
      if (this.triple !== undefined) continue;
      this.single = ch;
    }
    if (this.python) this.single = undefined;
  }
}
