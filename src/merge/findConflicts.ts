// Finds what a merge left unresolved in a notebook: git-style conflict markers in cell sources
// (from `ml-hooks merge`, from a script merged as text and rebuilt, or typed by hand), and
// metadata conflicts listed by the merge (conflictRecord.ts). Pure: a parsed notebook in.
//
// A block is `<<<<<<<` … `=======` … `>>>>>>>` at the start of lines, the runs of one length
// (7, or git's conflict-marker-size), optionally `|||||||` (diff3 style). It may run over several
// cells (a script conflict around a cell boundary). A lone `=======` is Markdown (a heading
// underline), not a marker; a lone `<<<<<<<` or `>>>>>>>` is a leftover marker.
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

const OPEN = /^(<{7,})(?: .*)?$/;
const CLOSE = /^(>{7,})(?: .*)?$/;

export function findConflicts(nb: PyObject): NotebookConflicts {
  const marked = new Set<number>();
  const cells = notebookCells(nb);
  let open: { size: number; cells: number[] } | undefined;
  cells.forEach((cell, index) => {
    if (open) open.cells.push(index);
    for (const line of sourceOf(cell).split(/\r?\n/)) {
      const start = OPEN.exec(line);
      const end = start ? null : CLOSE.exec(line);
      if (start) {
        if (open) open.cells.forEach((c) => marked.add(c)); // a new block before the last one closed
        open = { size: start[1]!.length, cells: [index] };
      } else if (end && open && end[1]!.length === open.size) {
        open.cells.forEach((c) => marked.add(c));
        open = undefined;
      } else if (end) {
        marked.add(index);
      }
    }
  });
  if (open) open.cells.forEach((c) => marked.add(c));
  return {
    cells: [...marked].sort((x, y) => x - y).map((index) => ({ index, excerpt: excerptOf(sourceOf(cells[index]!)) })),
    values: recordedConflicts(nb),
  };
}

/** nbformat 4 cells have a source; code cells of nbformat 3 and earlier an input. */
const sourceOf = (cell: PyObject): string => joinSource(cell.source ?? cell.input);

const MARKER_LINE = /^([<=>|])\1{6,}(?: .*)?$/;

function excerptOf(source: string): string {
  const line = source.split(/\r?\n/).find((l) => l.trim() !== '' && !MARKER_LINE.test(l)) ?? '';
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

export const hasConflicts = (found: NotebookConflicts): boolean => found.cells.length > 0 || found.values.length > 0;

/**
 * The conflicts left in a notebook's text, or undefined when there are none or the text is not a
 * notebook (reported as such elsewhere). Most notebooks hold no marker: they are not parsed.
 */
export function findConflictsInText(text: string): NotebookConflicts | undefined {
  if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>') && !text.includes(CONFLICT_RECORD_KEY)) return undefined;
  let nb: PyObject;
  try {
    nb = readNotebook(text);
  } catch (error) {
    if (error instanceof NotebookError) return undefined;
    throw error;
  }
  const found = findConflicts(nb);
  return hasConflicts(found) ? found : undefined;
}
