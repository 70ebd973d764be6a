// A unified diff of two texts (three lines of context), as `diff -u` and git print it, with
// each hunk header naming the cell it is in (git's "function context"), and optional colour.
import { commonSubsequence } from '../match/commonSubsequence.js';
import { splitTextLines } from '../merge/mergeText.js';

export interface DiffColors {
  meta: (s: string) => string;
  frag: (s: string) => string;
  old: (s: string) => string;
  new: (s: string) => string;
}

const plain = (s: string): string => s;
export const NO_COLORS: DiffColors = { meta: plain, frag: plain, old: plain, new: plain };
/** git's default colours for diffs: bold headers, cyan hunk lines, red and green changes. */
export const GIT_COLORS: DiffColors = {
  meta: (s) => `\x1b[1m${s}\x1b[m`,
  frag: (s) => `\x1b[36m${s}\x1b[m`,
  old: (s) => `\x1b[31m${s}\x1b[m`,
  new: (s) => `\x1b[32m${s}\x1b[m`,
};

const CONTEXT = 3;

/** The diff of `a` to `b`, or '' when they are equal. `section` names the hunk's place. */
export function unifiedDiff(
  a: string,
  b: string,
  names: { a: string; b: string },
  colors: DiffColors = NO_COLORS,
  section: (line: string) => boolean = () => false,
): string {
  if (a === b) return '';
  const x = splitTextLines(a).map((l) => l.slice(0, -1));
  const y = splitTextLines(b).map((l) => l.slice(0, -1));
  const pairs = commonSubsequence(x, y);
  // Edits as runs between matches: [aStart, aEnd, bStart, bEnd).
  const edits: Array<[number, number, number, number]> = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [x.length, y.length] as [number, number]]) {
    if (pi > i || pj > j) edits.push([i, pi, j, pj]);
    i = pi + 1;
    j = pj + 1;
  }
  const out = [colors.meta(`--- ${names.a}`), colors.meta(`+++ ${names.b}`)];
  for (let k = 0; k < edits.length; ) {
    // A hunk takes every edit whose context touches the previous one's.
    let last = k;
    while (last + 1 < edits.length && edits[last + 1]![0] - edits[last]![1] <= 2 * CONTEXT) last++;
    const aStart = Math.max(0, edits[k]![0] - CONTEXT);
    const bStart = Math.max(0, edits[k]![2] - CONTEXT);
    const aEnd = Math.min(x.length, edits[last]![1] + CONTEXT);
    const bEnd = Math.min(y.length, edits[last]![3] + CONTEXT);
    let header = '';
    for (let s = aStart - 1; s >= 0; s--) {
      if (section(x[s]!)) {
        header = ` ${x[s]}`;
        break;
      }
    }
    const range = (start: number, end: number): string => `${end - start === 0 ? start : start + 1}${end - start === 1 ? '' : `,${end - start}`}`;
    out.push(colors.frag(`@@ -${range(aStart, aEnd)} +${range(bStart, bEnd)} @@`) + header);
    let ai = aStart;
    for (let e = k; e <= last; e++) {
      const [e0, e1, f0, f1] = edits[e]!;
      for (; ai < e0; ai++) out.push(` ${x[ai]}`);
      for (let s = e0; s < e1; s++) out.push(colors.old(`-${x[s]}`));
      for (let s = f0; s < f1; s++) out.push(colors.new(`+${y[s]}`));
      ai = e1;
    }
    for (; ai < aEnd; ai++) out.push(` ${x[ai]}`);
    k = last + 1;
  }
  return `${out.join('\n')}\n`;
}
