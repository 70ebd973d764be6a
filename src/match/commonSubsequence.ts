// The one longest-common-subsequence of ml-hooks: which items of two sequences (lines, or cell
// keys) stay the same. Pairing matches cells with it, merging matches cells and lines, diffing
// prints lines. Myers' O(ND) algorithm in linear space (the "middle snake" bisection), so two
// long scripts differing in a few places cost little, and a rewrite costs no quadratic table.
// Runs of inserted or deleted items are then slid as far down as they go (as git does), so
// "x = 1 / x = 1" gaining a third "x = 1" shows the last one as new.

/** Pairs of indices (in a, in b) of equal items, increasing in both, as many as possible. */
export function commonSubsequence(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const ids = new Map<string, number>();
  const intern = (items: readonly string[]): Int32Array => {
    const out = new Int32Array(items.length);
    items.forEach((item, i) => {
      let id = ids.get(item);
      if (id === undefined) ids.set(item, (id = ids.size));
      out[i] = id;
    });
    return out;
  };
  const x = intern(a);
  const y = intern(b);
  const matchA = new Int32Array(x.length).fill(-1);
  bisect(x, 0, x.length, y, 0, y.length, matchA);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < x.length; i++) if (matchA[i]! >= 0) pairs.push([i, matchA[i]!]);
  slideDown(pairs, y, 1);
  slideDown(pairs, x, 0);
  return pairs;
}

/** Records in matchA the matches of a[aLo, aHi) against b[bLo, bHi). */
function bisect(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, matchA: Int32Array): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) matchA[aLo++] = bLo++;
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) matchA[--aHi] = --bHi;
  if (aLo === aHi || bLo === bHi) return;
  const snake = middleSnake(a, aLo, aHi, b, bLo, bHi);
  if (snake === undefined) return; // cannot happen for a non-empty region; nothing matched then
  const [x0, y0, x1, y1] = snake;
  bisect(a, aLo, x0, b, bLo, y0, matchA);
  for (let i = 0; i < x1 - x0; i++) matchA[x0 + i] = y0 + i;
  bisect(a, x1, aHi, b, y1, bHi, matchA);
}

/**
 * The middle snake of an optimal edit path (Myers 1986, section 4b): searches from both ends at
 * once, on diagonals k = x - y, until the two frontiers overlap. Returns its start and end.
 */
function middleSnake(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): [number, number, number, number] | undefined {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const max = Math.ceil((n + m) / 2);
  const offset = max + Math.abs(delta) + 2;
  // forward[k]: furthest x on diagonal k from (0, 0); backward[k]: smallest x on diagonal k from (n, m).
  const forward = new Int32Array(2 * offset + 1);
  const backward = new Int32Array(2 * offset + 1);
  forward[offset + 1] = 0;
  backward[offset + delta + 1] = n + 1;
  backward[offset + delta - 1] = n;
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && forward[offset + k - 1]! < forward[offset + k + 1]!) ? forward[offset + k + 1]! : forward[offset + k - 1]! + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      forward[offset + k] = x;
      if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && backward[offset + k]! <= x) return [aLo + x0, bLo + y0, aLo + x, bLo + y];
    }
    for (let j = -d; j <= d; j += 2) {
      const k = j + delta;
      let x = j === -d || (j !== d && backward[offset + k + 1]! - 1 < backward[offset + k - 1]!) ? backward[offset + k + 1]! - 1 : backward[offset + k - 1]!;
      let y = x - k;
      const x1 = x;
      const y1 = y;
      while (x > 0 && y > 0 && a[aLo + x - 1] === b[bLo + y - 1]) {
        x--;
        y--;
      }
      backward[offset + k] = x;
      if (!odd && k >= -d && k <= d && forward[offset + k]! >= x) return [aLo + x, bLo + y, aLo + x1, bLo + y1];
    }
  }
  return undefined;
}

/**
 * A run of items only one side has (side 1: inserted in b, side 0: deleted from a) is ambiguous
 * when the item after it equals its first item: slide it down while that holds, as git does.
 */
function slideDown(pairs: Array<[number, number]>, items: Int32Array, side: 0 | 1): void {
  const other = side === 0 ? 1 : 0;
  for (let k = 0; k < pairs.length; k++) {
    const prevSide = k === 0 ? -1 : pairs[k - 1]![side];
    const prevOther = k === 0 ? -1 : pairs[k - 1]![other];
    // A pure run: the other side has nothing between the two matches, this side has something.
    if (pairs[k]![other] !== prevOther + 1 || pairs[k]![side] === prevSide + 1) continue;
    let start = prevSide + 1;
    let end = pairs[k]![side];
    let at = k;
    while (at < pairs.length && pairs[at]![side] === end && items[start] === items[end]) {
      pairs[at]![side] = start;
      start++;
      end++;
      at++;
      if (at < pairs.length && pairs[at]![other] !== pairs[at - 1]![other] + 1) break;
    }
    if (at > k) k = at - 1;
  }
}
