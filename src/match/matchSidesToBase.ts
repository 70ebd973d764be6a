// The cells of both sides of a merge matched with the base's. Each side is matched on its own
// (matchCells: by id, by content, by likeness), except where it is a guess: a gap that order
// pairing fills with more cells on one side than the other (an edit no content step recognised
// sits beside a deletion or an insertion). There the other side says which guess is likelier:
//   - a base cell the other side kept is likelier the one edited than one the other side deleted
//     too (both sides delete X, one edits its neighbour Y: the edit is Y's, not X's, and the
//     merge is clean instead of "deleted" against "edited");
//   - a side's cell that the other side inserted as well is likelier an insertion than the edit
//     of a base cell (both insert N before Y, one edits Y: N once, and Y edited).
// Which guess is right cannot be known from two versions alone; this one makes the merge agree
// with what the other side did, and never changes a match made by content.
import type { PyObject } from '../notebook/pyjson.js';
import { cellKey, gapsBetween, matchByContent, pairInOrder, type CellMatch } from './matchCells.js';

export interface SideMatches {
  ours: CellMatch[];
  theirs: CellMatch[];
}

const BY_CONTENT = { byId: true, bySimilarity: true };

export function matchSidesToBase(base: readonly PyObject[], ours: readonly PyObject[], theirs: readonly PyObject[]): SideMatches {
  const oursFirst = matchByContent(base, ours, BY_CONTENT);
  const theirsFirst = matchByContent(base, theirs, BY_CONTENT);
  const oursDid = whatSideDid(base, ours, oursFirst);
  const theirsDid = whatSideDid(base, theirs, theirsFirst);
  /** How likely base[i] and side[j] are one cell (0 to 3), by what the other side did. */
  const prefer = (other: SideChanges, side: readonly PyObject[]) => {
    const alsoInserted = side.map((c) => other.inserted.has(cellKey(c)));
    return (i: number, j: number): number => other.kept[i]! + (alsoInserted[j] ? 0 : 1);
  };
  return {
    ours: pairInOrder(base, ours, oursFirst, prefer(theirsDid, ours)),
    theirs: pairInOrder(base, theirs, theirsFirst, prefer(oursDid, theirs)),
  };
}

interface SideChanges {
  /** Per base cell: 2 kept (matched, or its gap has as many cells of its type), 1 in doubt, 0 deleted. */
  kept: number[];
  /** Keys of the side's cells no content step matched: inserted, or edited beyond recognition. */
  inserted: Set<string>;
}

/** What one side did with the base's cells, as far as its matches by content tell. */
function whatSideDid(base: readonly PyObject[], side: readonly PyObject[], matches: readonly CellMatch[]): SideChanges {
  const kept = base.map(() => 2);
  const inserted = new Set<string>();
  for (const [a0, a1, b0, b1] of gapsBetween(matches.map((m): [number, number] => [m.a, m.b]), [0, base.length, 0, side.length])) {
    const [was, left] = [typeCounts(base.slice(a0, a1)), typeCounts(side.slice(b0, b1))];
    for (let i = a0; i < a1; i++) {
      const type = base[i]!.cell_type;
      const n = left.get(type) ?? 0;
      kept[i] = n === 0 ? 0 : n >= was.get(type)! ? 2 : 1;
    }
    for (let j = b0; j < b1; j++) inserted.add(cellKey(side[j]!));
  }
  return { kept, inserted };
}

function typeCounts(cells: readonly PyObject[]): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const c of cells) counts.set(c.cell_type, (counts.get(c.cell_type) ?? 0) + 1);
  return counts;
}
