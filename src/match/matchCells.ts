// Which cell of one notebook is which cell of another: the matching that pairing (a script edit
// brought into its notebook) and merging (each side against the base) share.
//   1. by id, when both notebooks have ids that identify cells: present, unique, and not just
//      their positions ("0", "1", … as `ml-hooks strip` writes them by default);
//   2. by type and source (the longest common subsequence of identical cells);
//   3. optionally, cells of one type whose sources are alike (an edited cell);
//   4. what is left, in order, by type within each gap.
// Matches never cross: a moved cell is a deletion and an insertion.
import type { PyObject } from '../notebook/pyjson.js';
import { joinSource } from '../jupytext/pyText.js';
import { commonSubsequence } from './commonSubsequence.js';

export interface CellMatch {
  /** Index in the first notebook's cells. */
  a: number;
  /** Index in the second notebook's cells. */
  b: number;
  /** Same type and source. */
  same: boolean;
}

export interface MatchOptions {
  /** Step 1: match by id when both notebooks' ids are stable. */
  byId?: boolean;
  /** Step 3: pair cells whose sources share at least half their lines before pairing by order. */
  bySimilarity?: boolean;
  /** Step 4 (on unless false): pair what is left in order by type. */
  byOrder?: boolean;
}

/** The key cells are compared by: type and source. */
export const cellKey = (cell: PyObject): string => `${String(cell.cell_type)}\u0000${joinSource(cell.source)}`;

/** True when the cells' ids name them across versions (not missing, repeated or positional). */
export function hasStableIds(cells: readonly PyObject[]): boolean {
  if (cells.length === 0) return false;
  const seen = new Set<string>();
  let positional = true;
  for (let i = 0; i < cells.length; i++) {
    const id = cells[i]!.id;
    if (typeof id !== 'string' || id === '' || seen.has(id)) return false;
    seen.add(id);
    if (id !== String(i)) positional = false;
  }
  return !positional;
}

export function matchCells(a: readonly PyObject[], b: readonly PyObject[], options: MatchOptions = {}): CellMatch[] {
  const matches = matchByContent(a, b, options);
  return options.byOrder === false ? matches : pairInOrder(a, b, matches);
}

/** Steps 1 to 3: the cells that are the same cell by id, by identity or by likeness, sorted. */
export function matchByContent(a: readonly PyObject[], b: readonly PyObject[], options: Pick<MatchOptions, 'byId' | 'bySimilarity'> = {}): CellMatch[] {
  const aKeys = a.map(cellKey);
  const bKeys = b.map(cellKey);
  const matches: CellMatch[] = [];
  const add = (i: number, j: number): void => void matches.push({ a: i, b: j, same: aKeys[i] === bKeys[j] });
  const inGap = (pairs: Array<[number, number]>, [a0, , b0]: Gap): Array<[number, number]> => pairs.map(([x, y]) => [a0 + x, b0 + y]);

  // Each step fills the gaps the previous one left.
  const byIdentity = (gap: Gap): void => {
    const [a0, a1, b0, b1] = gap;
    const pairs = inGap(commonSubsequence(aKeys.slice(a0, a1), bKeys.slice(b0, b1)), gap);
    for (const [x, y] of pairs) add(x, y);
    if (options.bySimilarity) for (const g of gapsBetween(pairs, gap)) for (const [x, y] of similarPairs(a, b, g)) add(x, y);
  };
  const whole: Gap = [0, a.length, 0, b.length];
  if (options.byId && hasStableIds(a) && hasStableIds(b)) {
    const pairs = commonSubsequence(a.map((c) => String(c.id)), b.map((c) => String(c.id)));
    for (const [x, y] of pairs) add(x, y);
    for (const g of gapsBetween(pairs, whole)) byIdentity(g);
  } else {
    byIdentity(whole);
  }
  return matches.sort((x, y) => x.a - y.a);
}

/** A stretch of cells between matches: [aStart, aEnd) of a against [bStart, bEnd) of b. */
export type Gap = [number, number, number, number];

/** The gaps that matches (increasing in both) leave within `within` (default: everything). */
export function gapsBetween(pairs: ReadonlyArray<readonly [number, number]>, within: Gap): Gap[] {
  const [a0, a1, b0, b1] = within;
  const gaps: Gap[] = [];
  let i = a0;
  let j = b0;
  for (const [x, y] of pairs) {
    if (x > i || y > j) gaps.push([i, x, j, y]);
    i = x + 1;
    j = y + 1;
  }
  if (a1 > i || b1 > j) gaps.push([i, a1, j, b1]);
  return gaps;
}

/**
 * Step 4: within each gap `matches` leave, pairs cells of one type in order. Which ones is a
 * guess when a gap has more cells on one side (an edit no step above recognised, beside an
 * insertion or a deletion). Without `preferPair` (a script brought into its notebook), each cell
 * of b takes the next unused cell of a of its type. With it (0 to MAX_PREFERENCE: how likely a[i]
 * and b[j] are one cell), among the pairings of most cells the likeliest wins; ties go to the
 * earliest cells.
 * Returns all matches, sorted.
 */
export function pairInOrder(a: readonly PyObject[], b: readonly PyObject[], matches: readonly CellMatch[], preferPair?: (i: number, j: number) => number): CellMatch[] {
  const all = [...matches];
  const pairs = matches.map((m): [number, number] => [m.a, m.b]);
  for (const gap of gapsBetween(pairs, [0, a.length, 0, b.length])) {
    for (const [i, j] of orderPairs(a, b, gap, preferPair)) all.push({ a: i, b: j, same: cellKey(a[i]!) === cellKey(b[j]!) });
  }
  return all.sort((x, y) => x.a - y.a);
}

/** The highest value a `preferPair` of pairInOrder may return. */
export const MAX_PREFERENCE = 63;

/** Beyond this many cell pairs in one gap, order pairing is greedy even with preferences (a notebook rewritten, not edited). */
const MAX_ORDER_TABLE = 1 << 20;

function orderPairs(a: readonly PyObject[], b: readonly PyObject[], [a0, a1, b0, b1]: Gap, preferPair?: (i: number, j: number) => number): Array<[number, number]> {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return [];
  if (preferPair === undefined || n * m > MAX_ORDER_TABLE) return greedyOrderPairs(a, b, [a0, a1, b0, b1]);
  // The most pairs of one type that do not cross, then the highest summed preference: a pair is
  // worth more than all preferences together.
  const pairWorth = MAX_PREFERENCE * Math.min(n, m) + 1;
  const worth = (i: number, j: number): number => (a[a0 + i]!.cell_type === b[b0 + j]!.cell_type ? pairWorth + preferPair(a0 + i, b0 + j) : -1);
  const w = m + 1;
  const best = new Int32Array((n + 1) * w);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const pair = worth(i - 1, j - 1);
      best[i * w + j] = Math.max(best[(i - 1) * w + j]!, best[i * w + j - 1]!, pair < 0 ? 0 : best[(i - 1) * w + j - 1]! + pair);
    }
  }
  // Back from the end, leaving the last cells unpaired when that costs nothing: ties go to the earliest.
  const out: Array<[number, number]> = [];
  for (let i = n, j = m; i > 0 && j > 0; ) {
    if (best[i * w + j] === best[(i - 1) * w + j]) i--;
    else if (best[i * w + j] === best[i * w + j - 1]) j--;
    else {
      out.push([a0 + i - 1, b0 + j - 1]);
      i--;
      j--;
    }
  }
  return out.reverse();
}

/** Each cell of b takes the next unused cell of a of its type. */
function greedyOrderPairs(a: readonly PyObject[], b: readonly PyObject[], [a0, a1, b0, b1]: Gap): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = a0;
  for (let j = b0; j < b1 && i < a1; j++) {
    let found = i;
    while (found < a1 && a[found]!.cell_type !== b[j]!.cell_type) found++;
    if (found === a1) continue;
    out.push([found, j]);
    i = found + 1;
  }
  return out;
}

/** How alike two sources are: the share of their lines they have in common. */
export function similarity(x: string, y: string): number {
  if (x === y) return 1;
  const xs = x.split('\n');
  const ys = y.split('\n');
  return (2 * commonSubsequence(xs, ys).length) / (xs.length + ys.length);
}

const SIMILAR = 0.5;
/** Beyond this many comparisons in one gap, similarity is skipped (a rewrite, not an edit). */
const MAX_COMPARISONS = 4096;

/** Alike cells of one type within a gap, in order: each cell of b takes the most alike cell of a after the last one taken. */
function similarPairs(a: readonly PyObject[], b: readonly PyObject[], [a0, a1, b0, b1]: [number, number, number, number]): Array<[number, number]> {
  if ((a1 - a0) * (b1 - b0) > MAX_COMPARISONS) return [];
  const pairs: Array<[number, number]> = [];
  let from = a0;
  for (let j = b0; j < b1 && from < a1; j++) {
    let best = -1;
    let bestScore = SIMILAR;
    for (let i = from; i < a1; i++) {
      if (a[i]!.cell_type !== b[j]!.cell_type) continue;
      const score = similarity(joinSource(a[i]!.source), joinSource(b[j]!.source));
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) continue;
    pairs.push([best, j]);
    from = best + 1;
  }
  return pairs;
}
