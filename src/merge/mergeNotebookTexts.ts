// The merge driver's decision over three file texts: read them, merge them (paired or cell by
// cell), write the result; or say which version cannot be read, for the text merge fallback.
import { readNotebook, writeNotebook } from '../notebook/codec.js';
import { NotebookError } from '../notebook/errors.js';
import { newPyObject, type PyObject } from '../notebook/pyjson.js';
import { ConversionError, type ScriptFormat } from '../jupytext/scriptFormat.js';
import { mergeNotebooks, type MergeOptions } from './mergeNotebooks.js';
import { mergePairedNotebook } from './mergePairedNotebook.js';
import { withConflictRecord } from './conflictRecord.js';
import type { ValueConflict } from './mergeValues.js';
import { findConflicts } from './findConflicts.js';

export type Side = 'base' | 'ours' | 'theirs';

export type NotebookTextMerge =
  | {
      kind: 'merged';
      text: string;
      /** Whether this merge left conflicts (markers that were in the inputs already do not count). */
      conflicted: boolean;
      /** Cells holding markers (0-based), and metadata conflicts (JSON pointers). */
      conflictCells: number[];
      conflictValues: string[];
    }
  | { kind: 'unreadable'; side: Side; reason: string };

export interface TextMergeOptions extends MergeOptions {
  /** The paired script's format, when the notebook is paired. */
  pairFormat?: ScriptFormat;
}

export function mergeNotebookTexts(texts: Record<Side, string>, options: TextMergeOptions = {}): NotebookTextMerge {
  const notebooks: Partial<Record<Side, PyObject>> = {};
  for (const side of ['ours', 'theirs', 'base'] as const) {
    // Both sides added the file (git's add/add): the base is empty, a notebook without cells.
    if (side === 'base' && texts.base.trim() === '') {
      notebooks.base = emptyLike(notebooks.ours!);
      continue;
    }
    try {
      const nb = readNotebook(texts[side]);
      if (nb.nbformat !== 4) return { kind: 'unreadable', side, reason: `nbformat ${String(nb.nbformat ?? 1)}, not 4` };
      notebooks[side] = nb;
    } catch (error) {
      if (error instanceof NotebookError) return { kind: 'unreadable', side, reason: error.reason ?? error.message };
      throw error;
    }
  }
  const { base, ours, theirs } = notebooks as Record<Side, PyObject>;
  let merged: { notebook: PyObject; values: ValueConflict[] };
  let conflicted: boolean;
  const paired = options.pairFormat ? pairedOrUndefined(() => mergePairedNotebook(base, ours, theirs, options.pairFormat!, options)) : undefined;
  if (paired) {
    [merged, conflicted] = [paired, paired.conflicts > 0];
  } else {
    const cells = mergeNotebooks(base, ours, theirs, options);
    [merged, conflicted] = [cells, cells.cells.length > 0];
  }
  const notebook = withConflictRecord(merged.notebook, merged.values);
  const found = findConflicts(notebook);
  return {
    kind: 'merged',
    text: writeNotebook(notebook),
    conflicted: conflicted || merged.values.length > 0,
    conflictCells: found.cells.map((c) => c.index),
    conflictValues: found.values,
  };
}

/**
 * The working notebook of a merge whose sides' working notebooks (with their outputs) are known:
 * the same merge over them, so each cell taken from a side keeps that side's outputs. It stands
 * for the merged blob `merged` only when `strip` (the clean filter) gives exactly `merged`;
 * otherwise, or when it would add nothing, undefined.
 */
export function mergeWorkingNotebooks(
  texts: Record<Side, string>,
  working: Partial<Record<'ours' | 'theirs', string>>,
  merged: string,
  strip: (notebook: string) => string | undefined,
  options: TextMergeOptions = {},
): string | undefined {
  if (working.ours === undefined && working.theirs === undefined) return undefined;
  const result = mergeNotebookTexts({ base: texts.base, ours: working.ours ?? texts.ours, theirs: working.theirs ?? texts.theirs }, options);
  if (result.kind !== 'merged' || result.text === merged) return undefined;
  return strip(result.text) === merged ? result.text : undefined;
}

/** A merged script that does not convert back (a conflict in its header): merge cell by cell instead. */
function pairedOrUndefined<T>(merge: () => T): T | undefined {
  try {
    return merge();
  } catch (error) {
    if (error instanceof ConversionError) return undefined;
    throw error;
  }
}

function emptyLike(nb: PyObject): PyObject {
  const empty = newPyObject();
  empty.cells = [];
  empty.metadata = newPyObject();
  empty.nbformat = nb.nbformat ?? 4;
  empty.nbformat_minor = nb.nbformat_minor ?? 5;
  return empty;
}
