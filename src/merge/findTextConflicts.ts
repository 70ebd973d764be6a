// The text side of a pair (a script or Markdown twin) is merged by git as text: a conflict leaves
// blocks of markers in it. Such a file must never be read as the pair's inputs, or the markers
// become the notebook's cells and the resolution made in the notebook is lost. Pure; the one line
// scanner of findConflicts.ts, with the same rule for when markers count (see the top of that
// file): while git is merging every marker does; outside a merge only a complete block in a code
// cell, as the pair reads the text (a Markdown twin may quote a conflict on purpose).
import { scriptToNotebook } from '../jupytext/scriptToNotebook.js';
import { joinSource } from '../jupytext/pyText.js';
import type { ScriptFormat } from '../jupytext/scriptFormat.js';
import { notebookCells } from '../notebook/codec.js';
import { mayHoldMarkers, scanConflictLines, type ConflictScope } from './findConflicts.js';

/** Conflict lines in a text, numbered from 1 as editors number them. */
export interface TextConflict {
  firstLine: number;
  lastLine: number;
  /** A whole block as git writes it; otherwise a leftover marker (only while merging). */
  complete: boolean;
}

export function findTextConflicts(text: string, format: ScriptFormat, scope: ConflictScope): TextConflict[] {
  if (!mayHoldMarkers(text, scope.markerSize)) return [];
  const lines = text.split('\n');
  const { blocks, strays } = scanConflictLines(lines, scope.markerSize);
  const found = scope.merging
    ? [...blocks, ...strays.map((line) => ({ first: line, last: line, complete: false }))].sort((a, b) => a.first - b.first)
    : blocks.filter((block) => block.complete);
  if (found.length === 0) return [];
  const inCode = scope.merging ? () => true : codeLines(text, format);
  return found.filter((block) => inCode(lines[block.first]!)).map((block) => ({ firstLine: block.first + 1, lastLine: block.last + 1, complete: block.complete }));
}

/**
 * Whether a line is a line of a code cell, as the pair reads the text (true of every line when
 * it cannot be read). A block counts by its opening line: it may run over a cell boundary.
 */
function codeLines(text: string, format: ScriptFormat): (line: string) => boolean {
  const lines = new Set<string>();
  try {
    for (const cell of notebookCells(scriptToNotebook(text, format, () => 'id'))) {
      if (cell.cell_type === 'code') for (const line of joinSource(cell.source).split('\n')) lines.add(line.replace(/\r$/, ''));
    }
  } catch {
    return () => true;
  }
  return (line) => lines.has(line.replace(/\r$/, ''));
}
