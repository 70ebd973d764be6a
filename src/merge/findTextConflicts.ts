// The text side of a pair (a script or Markdown twin) is merged by git as text: a conflict leaves
// blocks of markers in it. Such a file must never be read as the pair's inputs, or the markers
// become the notebook's cells and the resolution made in the notebook is lost. Pure; the one line
// scanner of findConflicts.ts, with the same rule for what counts (see the top of that file):
// quotes already in HEAD's version never; while git is merging every other marker; outside a
// merge every other complete block.
import { counted, headCellLines, mayHoldMarkers, quotedIn, scanConflictLines, type ConflictScope } from './findConflicts.js';

/** Conflict lines in a text, numbered from 1 as editors number them. */
export interface TextConflict {
  firstLine: number;
  lastLine: number;
  /** A whole block as git writes it; otherwise a leftover marker (only while merging). */
  complete: boolean;
}

export function findTextConflicts(text: string, scope: ConflictScope): TextConflict[] {
  if (!mayHoldMarkers(text, scope.markerSize)) return [];
  const lines = text.split('\n');
  const { blocks, strays } = scanConflictLines(lines, scope.markerSize);
  const quoted = quotedIn(scope.head?.split('\n'), scope.pairedHead === undefined ? undefined : headCellLines(scope.pairedHead));
  return counted(blocks, strays, lines, scope.merging, quoted).map((block) => ({ firstLine: block.first + 1, lastLine: block.last + 1, complete: block.complete }));
}
