// The top-level blocks of a MyST document that make notebook cells: the front matter, fenced code
// blocks (```` ```{code-cell} ````, ```` ```{raw-cell} ````) and `+++` block breaks. Jupytext finds
// them with markdown-it (CommonMark) and skips any that are nested in a list or a block quote;
// this is a line scanner with CommonMark's block rules for what decides that: fences and their
// closing, indented code, HTML blocks, block quotes and list items with their lazy continuation
// lines. Inline syntax plays no part.

export type MystBlock =
  | { type: 'front_matter'; start: number; end: number; content: string }
  | { type: 'fence'; start: number; end: number; info: string; content: string }
  | { type: 'block_break'; start: number; end: number; content: string };

interface Fence {
  char: string;
  length: number;
  indent: number;
}

/** Columns of leading whitespace (tabs to the next multiple of 4) and where the text starts. */
function indentOf(line: string): { width: number; offset: number } {
  let width = 0;
  let offset = 0;
  for (; offset < line.length; offset++) {
    const ch = line[offset];
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
  }
  return { width, offset };
}

const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);

function fenceOpen(line: string): (Fence & { info: string }) | undefined {
  const { width, offset } = indentOf(line);
  if (width >= 4) return undefined;
  const m = /^(`{3,}|~{3,})(.*)$/.exec(line.slice(offset));
  if (!m) return undefined;
  const marker = m[1]!;
  if (marker[0] === '`' && m[2]!.includes('`')) return undefined;
  return { char: marker[0]!, length: marker.length, indent: width, info: m[2]!.trim() };
}

function closesFence(line: string, fence: Fence): boolean {
  const { width, offset } = indentOf(line);
  if (width >= 4) return false;
  const rest = line.slice(offset);
  let n = 0;
  while (rest[n] === fence.char) n++;
  return n >= fence.length && isBlank(rest.slice(n));
}

/** `+++` (with optional spaces between), then the break's content. */
function blockBreak(line: string): string | undefined {
  const { width, offset } = indentOf(line);
  if (width >= 4 || line[offset] !== '+') return undefined;
  let count = 0;
  let pos = offset;
  for (; pos < line.length; pos++) {
    const ch = line[pos]!;
    if (ch !== '+' && ch !== ' ' && ch !== '\t') break;
    if (ch === '+') count++;
  }
  return count >= 3 ? line.slice(pos).trim() : undefined;
}

const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|section|source|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const ATTRIBUTE = `(?:\\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\\s*=\\s*(?:[^"'=<>\`\\x00-\\x20]+|'[^']*'|"[^"]*"))?)`;
// [start, end (undefined: a blank line ends it), can it interrupt a paragraph?]
const HTML_BLOCKS: ReadonlyArray<[RegExp, RegExp | undefined, boolean]> = [
  [/^<(script|pre|style|textarea)(?=(\s|>|$))/i, /<\/(script|pre|style|textarea)>/i, true],
  [/^<!--/, /-->/, true],
  [/^<\?/, /\?>/, true],
  [/^<![A-Z]/, />/, true],
  [/^<!\[CDATA\[/, /\]\]>/, true],
  [new RegExp(`^</?(${HTML_BLOCK_NAMES})(?=(\\s|/?>|$))`, 'i'), undefined, true],
  [new RegExp(`^(?:<[A-Za-z][A-Za-z0-9-]*${ATTRIBUTE}*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)\\s*$`), undefined, false],
];

function htmlBlockStart(line: string, inParagraph: boolean): { end: RegExp | undefined } | undefined {
  const { width, offset } = indentOf(line);
  if (width >= 4) return undefined;
  const text = line.slice(offset);
  for (const [start, end, interrupts] of HTML_BLOCKS) if (start.test(text) && (interrupts || !inParagraph)) return { end };
  return undefined;
}

interface ListMarker {
  bullet: string;
  /** Columns from the line start to the item's content. */
  contentIndent: number;
  empty: boolean;
  number?: number;
}

function listMarker(line: string): ListMarker | undefined {
  const { width, offset } = indentOf(line);
  if (width >= 4) return undefined;
  const m = /^([-+*]|(\d{1,9})([.)]))([ \t]+|$)(.*)$/.exec(line.slice(offset));
  if (!m) return undefined;
  const empty = isBlank(m[5]!);
  const spaces = indentOf(m[4]!).width;
  const after = empty || spaces > 4 ? 1 : spaces;
  return { bullet: m[3] ?? m[1]!, contentIndent: width + m[1]!.length + after, empty, ...(m[2] !== undefined ? { number: Number(m[2]) } : {}) };
}

const isThematicBreak = (line: string): boolean => /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line);
const isHeading = (line: string): boolean => /^ {0,3}#{1,6}([ \t]|$)/.test(line);
const isBlockquote = (line: string): boolean => /^ {0,3}>/.test(line);
const isMystComment = (line: string): boolean => /^ {0,3}%/.test(line);
const isMystTarget = (line: string): boolean => /^ {0,3}\(.+\)=\s*$/.test(line);

/** Does this line end a paragraph (rather than continue it)? */
function interruptsParagraph(line: string): boolean {
  if (isBlank(line) || fenceOpen(line) || isBlockquote(line) || isThematicBreak(line) || isHeading(line)) return true;
  if (blockBreak(line) !== undefined || isMystComment(line) || isMystTarget(line) || htmlBlockStart(line, true)) return true;
  const list = listMarker(line);
  return list !== undefined && !list.empty && (list.number === undefined || list.number === 1);
}

/** The cell-making blocks at the top level of a MyST document, in order. */
export function scanMystBlocks(lines: readonly string[]): MystBlock[] {
  const blocks: MystBlock[] = [];
  let i = 0;
  const n = lines.length;

  if (n > 0 && lines[0]!.startsWith('---')) {
    let markers = 0;
    while (lines[0]![markers] === '-') markers++;
    for (let j = 1; j < n; j++) {
      const line = lines[j]!;
      const { width, offset } = indentOf(line);
      if (line[offset] !== '-' || width >= 4) continue;
      let k = offset;
      while (line[k] === '-') k++;
      if (k - offset >= markers && isBlank(line.slice(k))) {
        blocks.push({ type: 'front_matter', start: 0, end: j + 1, content: lines.slice(1, j).join('\n') });
        i = j + 1;
        break;
      }
    }
  }

  let inParagraph = false;
  while (i < n) {
    const line = lines[i]!;
    if (isBlank(line)) {
      inParagraph = false;
      i++;
      continue;
    }
    const { width } = indentOf(line);
    if (width >= 4 && !inParagraph) {
      while (i < n && (isBlank(lines[i]!) || indentOf(lines[i]!).width >= 4)) i++;
      continue;
    }
    const fence = fenceOpen(line);
    if (fence) {
      let j = i + 1;
      while (j < n && !closesFence(lines[j]!, fence)) j++;
      const body = lines.slice(i + 1, j).map((l) => stripIndent(l, fence.indent));
      blocks.push({ type: 'fence', start: i, end: Math.min(j + 1, n), info: fence.info, content: body.map((l) => l + '\n').join('') });
      i = j + 1;
      inParagraph = false;
      continue;
    }
    const brk = blockBreak(line);
    if (brk !== undefined) {
      blocks.push({ type: 'block_break', start: i, end: i + 1, content: brk });
      i++;
      inParagraph = false;
      continue;
    }
    if (isMystComment(line) || isMystTarget(line) || isThematicBreak(line) || isHeading(line)) {
      // One-line blocks (a comment block's next `%` lines are skipped as paragraphs would be).
      i++;
      inParagraph = false;
      continue;
    }
    const html = htmlBlockStart(line, inParagraph);
    if (html) {
      if (html.end) {
        while (i < n && !html.end.test(lines[i]!)) i++;
        i++;
      } else while (i < n && !isBlank(lines[i]!)) i++;
      inParagraph = false;
      continue;
    }
    if (isBlockquote(line)) {
      i = skipBlockquote(lines, i);
      inParagraph = false;
      continue;
    }
    const list = listMarker(line);
    if (list && (!inParagraph || (!list.empty && (list.number === undefined || list.number === 1)))) {
      i = skipList(lines, i, list);
      inParagraph = false;
      continue;
    }
    inParagraph = true;
    i++;
  }
  return blocks;
}

function stripIndent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && line[k] === ' ') k++;
  return line.slice(k);
}

/**
 * Skips a block quote: its `>` lines and the lazy paragraph lines after them. A fence inside
 * it ends with the quote.
 */
function skipBlockquote(lines: readonly string[], start: number): number {
  let i = start + 1;
  let lazyAllowed = !fenceOpen(lines[start]!.replace(/^ {0,3}> ?/, ''));
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) break;
    if (isBlockquote(line)) {
      const inner = line.replace(/^ {0,3}> ?/, '');
      lazyAllowed = !isBlank(inner) && !fenceOpen(inner);
      i++;
      continue;
    }
    if (lazyAllowed && !interruptsParagraph(line)) {
      i++;
      continue;
    }
    break;
  }
  return i;
}

/** Skips a list: its items, the lines indented under them, and lazy paragraph lines. */
function skipList(lines: readonly string[], start: number, first: ListMarker): number {
  let contentIndent = first.contentIndent;
  let fence: Fence | undefined;
  let lazyAllowed = !first.empty;
  let prevBlank = false;
  const content = (line: string, indent: number): string => line.slice(Math.min(indentOf(line).offset, indent));
  const startItem = (m: ListMarker, line: string): void => {
    contentIndent = m.contentIndent;
    fence = m.empty ? undefined : fenceOpen(content(line, contentIndent));
    lazyAllowed = !m.empty && !fence;
  };
  startItem(first, lines[start]!);
  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) {
      prevBlank = true;
      lazyAllowed = false;
      continue;
    }
    const { width } = indentOf(line);
    if (width >= contentIndent) {
      const inner = content(line, contentIndent);
      if (fence) {
        if (closesFence(inner, fence)) fence = undefined;
      } else {
        fence = fenceOpen(inner);
        lazyAllowed = !fence && indentOf(inner).width < 4;
      }
      prevBlank = false;
      continue;
    }
    const m = listMarker(line);
    if (m && m.bullet === first.bullet && !isThematicBreak(line)) {
      startItem(m, line);
      prevBlank = false;
      continue;
    }
    if (!prevBlank && lazyAllowed && !fence && !interruptsParagraph(line)) continue;
    break;
  }
  // Trailing blank lines are not part of the list.
  while (i > start + 1 && isBlank(lines[i - 1]!)) i--;
  return i;
}
