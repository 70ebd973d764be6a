// Finds what a merge left unresolved: git-style conflict markers in a notebook's cells (from
// `ml-hooks merge`, from a script merged as text and rebuilt, or typed by hand) and the metadata
// conflicts listed by the merge (conflictRecord.ts); and in the text side of a pair (a script or
// Markdown twin git merged as text: findTextConflicts.ts). Pure: texts and notebooks in. One line
// scanner, scanConflictLines, serves both.
//
// A block is `<<<<<<<` … `=======` … `>>>>>>>` at the start of lines, the runs of one length
// (git's conflict-marker-size, 7 by default), optionally `|||||||` (diff3 style). In a notebook it
// may run over several cells (a script conflict around a cell boundary). A lone `=======` is
// Markdown (a heading underline), not a marker; a lone `<<<<<<<` or `>>>>>>>` is a leftover marker.
//
// What counts depends on the moment (ConflictScope). A block whose exact lines are already in
// HEAD's version of the file (for a notebook: in HEAD's cell sources) is a quote, committed on
// purpose (a Markdown cell explaining git, parser test data in a string), and never counts. Every
// other marker counts while git is merging (a merge, rebase, cherry-pick or revert in progress):
// a leftover one is a resolution not finished. Outside one, every complete block counts, in any
// cell: `git stash pop` leaves such blocks with no merge state to tell.
import type { PyObject } from '../notebook/pyjson.js';
import { notebookCells, readNotebook } from '../notebook/codec.js';
import { NotebookError } from '../notebook/errors.js';
import { joinSource } from '../jupytext/pyText.js';
import { CONFLICT_RECORD_KEY, recordedConflicts } from './conflictRecord.js';

export interface MarkedCell {
  /** 0-based position in the notebook. */
  index: number;
  /** The cell's first line that is not a marker, for naming it. */
  excerpt: string;
}

export interface NotebookConflicts {
  /** Cells holding markers, in order. */
  cells: MarkedCell[];
  /** Metadata conflicts the merge recorded (JSON pointers). */
  values: string[];
}

/** When and how markers are looked for (see the top of this file). */
export interface ConflictScope {
  /** A merge, rebase, cherry-pick or revert is in progress: every marker counts. */
  merging: boolean;
  /**
   * git's conflict-marker-size for the file (DEFAULT_MARKER_SIZE when unset): shorter runs are
   * not markers; longer ones are (git writes longer ones for a conflict inside a merge base).
   */
  markerSize?: number;
  /** HEAD's version of the file (undefined when HEAD has none): blocks found in it are quotes. */
  head?: string | undefined;
  /**
   * For the text side of a pair: HEAD's version of its notebook, whose cell sources are quotes too
   * (a new twin of a notebook that already quotes a conflict quotes it as well).
   */
  pairedHead?: string | undefined;
}

/** git's conflict-marker-size when the attribute is not set. */
export const DEFAULT_MARKER_SIZE = 7;

/** What the merge driver reports of its own result: every marker counts. */
export const WHILE_MERGING: ConflictScope = { merging: true };

/** A block of conflict lines: positions in the scanned lines, both ends included. */
export interface ConflictBlock {
  first: number;
  last: number;
  /** It has its `=======` and its closing `>>>>>>>`: what git writes, not a stray marker. */
  complete: boolean;
}

type MarkerKind = '<' | '|' | '=' | '>';

const markerPatterns = new Map<number, RegExp>();

/** The marker a line is (a run of at least `size`, the same character), or undefined. */
function markerOf(line: string, size: number): { kind: MarkerKind; size: number } | undefined {
  let pattern = markerPatterns.get(size);
  if (pattern === undefined) markerPatterns.set(size, (pattern = new RegExp(`^(<{${size},}|\\|{${size},}|>{${size},})(?: .*)?$|^(={${size},})$`)));
  const m = pattern.exec(line.endsWith('\r') ? line.slice(0, -1) : line);
  if (!m) return undefined;
  const run = (m[1] ?? m[2])!;
  return { kind: run[0] as MarkerKind, size: run.length };
}

/**
 * The conflict blocks in a sequence of lines, and the leftover closing markers outside any block:
 * an opening marker starts a block, the closing marker of its length ends it (complete when the
 * separator of that length came between); a block still open at a new opening marker or at the
 * end runs to the line before it. Markers shorter than `markerSize` are ordinary lines.
 */
export function scanConflictLines(lines: readonly string[], markerSize = DEFAULT_MARKER_SIZE): { blocks: ConflictBlock[]; strays: number[] } {
  const blocks: ConflictBlock[] = [];
  const strays: number[] = [];
  let open: { first: number; size: number; separated: boolean } | undefined;
  lines.forEach((line, i) => {
    const marker = markerOf(line, markerSize);
    if (marker === undefined || marker.kind === '|') return;
    if (marker.kind === '<') {
      if (open) blocks.push({ first: open.first, last: i - 1, complete: false });
      open = { first: i, size: marker.size, separated: false };
    } else if (marker.kind === '=') {
      if (open && marker.size === open.size) open.separated = true;
    } else if (open && marker.size === open.size) {
      blocks.push({ first: open.first, last: i, complete: open.separated });
      open = undefined;
    } else {
      strays.push(i);
    }
  });
  if (open) blocks.push({ first: open.first, last: lines.length - 1, complete: false });
  return { blocks, strays };
}

export function findConflicts(nb: PyObject, scope: ConflictScope = WHILE_MERGING): NotebookConflicts {
  const cells = notebookCells(nb);
  const { lines, cellOf } = cellLines(cells);
  const { blocks, strays } = scanConflictLines(lines, scope.markerSize);
  const quoted = quotedIn(scope.head === undefined ? undefined : headCellLines(scope.head));
  const marked = new Set<number>();
  for (const block of counted(blocks, strays, lines, scope.merging, quoted)) cellOf.slice(block.first, block.last + 1).forEach((c) => marked.add(c));
  return {
    cells: [...marked].sort((x, y) => x - y).map((index) => ({ index, excerpt: excerptOf(sourceOf(cells[index]!)) })),
    values: recordedConflicts(nb),
  };
}

/** The lines of a notebook's cell sources, one after another, and the cell of each. */
function cellLines(cells: readonly PyObject[]): { lines: string[]; cellOf: number[] } {
  const lines: string[] = [];
  const cellOf: number[] = [];
  cells.forEach((cell, index) => {
    for (const line of sourceOf(cell).split('\n')) {
      lines.push(line);
      cellOf.push(index);
    }
  });
  return { lines, cellOf };
}

/** The cell lines of HEAD's notebook; none when it is not a notebook. */
export function headCellLines(text: string): string[] {
  try {
    return cellLines(notebookCells(readNotebook(text))).lines;
  } catch (error) {
    if (error instanceof NotebookError) return [];
    throw error;
  }
}

/**
 * Whether a run of lines stands, exactly and in order, in one of HEAD's versions' lines (a quote
 * already committed). Without HEAD's version, nothing is a quote. Counted: a block HEAD holds once
 * quotes one block of the file, so a real leftover conflict that happens to equal a committed
 * quote still counts. Ask once per block, in the file's order.
 */
export function quotedIn(...versions: Array<readonly string[] | undefined>): (lines: readonly string[]) => boolean {
  const heads = versions.filter((v): v is readonly string[] => v !== undefined && v.length > 0).map((v) => `\n${v.join('\n')}\n`);
  if (heads.length === 0) return () => false;
  const used = new Map<string, number>();
  return (lines) => {
    const block = `\n${lines.join('\n')}\n`;
    const held = Math.max(...heads.map((head) => occurrences(head, block)));
    const quotes = used.get(block) ?? 0;
    if (quotes >= held) return false;
    used.set(block, quotes + 1);
    return true;
  };
}

/** How many times `block` (a run of whole lines, newline on both ends) stands in `text`; one block's closing newline may open the next. */
function occurrences(text: string, block: string): number {
  let count = 0;
  for (let at = text.indexOf(block); at !== -1; at = text.indexOf(block, at + block.length - 1)) count++;
  return count;
}

/**
 * The blocks (and leftover markers, as one-line blocks) that count: not quotes; while merging
 * every one, outside a merge the complete blocks. Shared by notebooks and texts.
 */
export function counted(blocks: readonly ConflictBlock[], strays: readonly number[], lines: readonly string[], merging: boolean, quoted: (lines: readonly string[]) => boolean): ConflictBlock[] {
  const all = merging ? [...blocks, ...strays.map((line) => ({ first: line, last: line, complete: false }))].sort((a, b) => a.first - b.first) : blocks.filter((block) => block.complete);
  return all.filter((block) => !quoted(lines.slice(block.first, block.last + 1)));
}

/** nbformat 4 cells have a source; code cells of nbformat 3 and earlier an input. */
const sourceOf = (cell: PyObject): string => joinSource(cell.source ?? cell.input);

const MARKER_LINE = /^([<=>|])\1{6,}(?: .*)?$/;

function excerptOf(source: string): string {
  const line = source.split(/\r?\n/).find((l) => l.trim() !== '' && !MARKER_LINE.test(l)) ?? '';
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

export const hasConflicts = (found: NotebookConflicts): boolean => found.cells.length > 0 || found.values.length > 0;

/** Whether a text may hold a marker at all (most hold none, and are not scanned or parsed). */
export const mayHoldMarkers = (text: string, markerSize = DEFAULT_MARKER_SIZE): boolean => text.includes('<'.repeat(markerSize)) || text.includes('>'.repeat(markerSize));

/**
 * The conflicts left in a notebook's text, or undefined when there are none or the text is not a
 * notebook (reported as such elsewhere). Most notebooks hold no marker: they are not parsed.
 */
export function findConflictsInText(text: string, scope: ConflictScope = WHILE_MERGING): NotebookConflicts | undefined {
  if (!mayHoldMarkers(text, scope.markerSize) && !text.includes(CONFLICT_RECORD_KEY)) return undefined;
  let nb: PyObject;
  try {
    nb = readNotebook(text);
  } catch (error) {
    if (error instanceof NotebookError) return undefined;
    throw error;
  }
  const found = findConflicts(nb, scope);
  return hasConflicts(found) ? found : undefined;
}
