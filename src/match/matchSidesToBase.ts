// The cells of both sides of a merge matched with the base's. Each side is matched on its own
// (matchCells: by id, by content, by likeness), except where it is a guess: a gap that order
// pairing fills with more cells on one side than the other (an edit no content step recognised
// sits beside a deletion or an insertion). There, in this order:
//   - a cell pairs with the base cell it looks most like, letter by letter, when one is clearly
//     closer (a one-line cell rewritten shares no line with its base, but most of its letters):
//     both sides delete X, one edits its neighbour Y into Y': Y' is Y edited, the merge is clean;
//     one side deletes X, the other edits X into X' and deletes Y: X' is X edited, a conflict;
//   - a side's cell that the other side inserted as well is likelier an insertion than the edit
//     of a base cell (both insert N before Y, one edits Y: N once, and Y edited);
//   - with nothing else to go by, the edit is taken as one of a base cell the other side deleted
//     or changed rather than one it kept, so a guess can only bring up a conflict, never settle
//     an edit against a deletion in silence (which cell was edited cannot be known from two
//     versions; a merge must not undo a deletion on a guess).
// A match made by content never changes.
import type { PyObject } from '../notebook/pyjson.js';
import { joinSource } from '../jupytext/pyText.js';
import { cellKey, gapsBetween, matchByContent, pairInOrder, similarity, type CellMatch } from './matchCells.js';

export interface SideMatches {
  ours: CellMatch[];
  theirs: CellMatch[];
}

const BY_CONTENT = { byId: true, bySimilarity: true };
/** Letter likeness counts in steps of a fifth: closer by less is no evidence. */
const LIKENESS_STEPS = 5;

export function matchSidesToBase(base: readonly PyObject[], ours: readonly PyObject[], theirs: readonly PyObject[]): SideMatches {
  const oursFirst = matchByContent(base, ours, BY_CONTENT);
  const theirsFirst = matchByContent(base, theirs, BY_CONTENT);
  const oursDid = whatSideDid(base, ours, oursFirst);
  const theirsDid = whatSideDid(base, theirs, theirsFirst);
  const baseLetters = base.map((c) => letterPairs(joinSource(c.source)));
  /** How likely base[i] and side[j] are one cell (0 to MAX_PREFERENCE): likeness, then what the other side did. */
  const prefer = (other: SideChanges, side: readonly PyObject[]) => {
    const alsoInserted = side.map((c) => other.inserted.has(cellKey(c)));
    const sideLetters = side.map((c) => letterPairs(joinSource(c.source)));
    return (i: number, j: number): number => {
      const likeness = Math.floor(LIKENESS_STEPS * letterLikeness(baseLetters[i]!, sideLetters[j]!));
      return 8 * likeness + (alsoInserted[j] ? 0 : 4) + (2 - other.kept[i]!);
    };
  };
  return {
    ours: pairInOrder(base, ours, oursFirst, prefer(theirsDid, ours)),
    theirs: pairInOrder(base, theirs, theirsFirst, prefer(oursDid, theirs)),
  };
}

/** Letter likeness at which a cell is taken as another one edited, when no line is shared. */
const ALIKE_LETTERS = 0.8;

/** True when y is likely x edited (or x itself): same type, and half their lines or most of their letters in common. */
export function looksLikeEdited(x: PyObject, y: PyObject): boolean {
  if (x.cell_type !== y.cell_type) return false;
  const [xs, ys] = [joinSource(x.source), joinSource(y.source)];
  return similarity(xs, ys) >= 0.5 || letterLikeness(letterPairs(xs), letterPairs(ys)) >= ALIKE_LETTERS;
}

/** The letter pairs of a text, counted. */
function letterPairs(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let k = 0; k + 1 < text.length; k++) {
    const pair = text.slice(k, k + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** The share of letter pairs two texts have in common (0 to 1). */
function letterLikeness(x: Map<string, number>, y: Map<string, number>): number {
  let total = 0;
  let common = 0;
  for (const n of x.values()) total += n;
  for (const [pair, n] of y) {
    total += n;
    common += Math.min(n, x.get(pair) ?? 0);
  }
  return total === 0 ? 0 : (2 * common) / total;
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
