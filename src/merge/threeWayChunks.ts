// diff3's view of three versions of a sequence (lines of a cell, or cells of a notebook): runs
// where all three agree, and the chunks between them where one side, the other, or both changed.
// An item of the base is an anchor when both sides kept it (matched it); between two anchors
// lies one chunk. So two changes touching each other, with no anchor between, form one chunk.

export interface Range {
  start: number;
  end: number;
}

export type Chunk =
  /** base[base + k] is ours[ours + k] and theirs[theirs + k] for k < length. */
  | { stable: true; base: number; ours: number; theirs: number; length: number }
  /** Something changed here; the ranges may be empty. */
  | { stable: false; base: Range; ours: Range; theirs: Range };

/**
 * `ours` and `theirs` are the matches of each side against the base: [base index, side index]
 * pairs, increasing in both (commonSubsequence, matchCells).
 */
export function threeWayChunks(
  lengths: { base: number; ours: number; theirs: number },
  ours: ReadonlyArray<readonly [number, number]>,
  theirs: ReadonlyArray<readonly [number, number]>,
): Chunk[] {
  const inOurs = new Map<number, number>(ours.map(([b, o]) => [b, o]));
  const chunks: Chunk[] = [];
  let b = 0;
  let o = 0;
  let t = 0;
  const anchors: Array<[number, number, number]> = [];
  for (const [base, side] of theirs) {
    const mine = inOurs.get(base);
    if (mine !== undefined) anchors.push([base, mine, side]);
  }
  anchors.push([lengths.base, lengths.ours, lengths.theirs]); // the end, as a final anchor
  for (const [ab, ao, at] of anchors) {
    if (ab > b || ao > o || at > t) chunks.push({ stable: false, base: { start: b, end: ab }, ours: { start: o, end: ao }, theirs: { start: t, end: at } });
    if (ab === lengths.base) break;
    const last = chunks[chunks.length - 1];
    // Consecutive anchors extend one stable run.
    if (last?.stable && last.base + last.length === ab && last.ours + last.length === ao && last.theirs + last.length === at) last.length++;
    else chunks.push({ stable: true, base: ab, ours: ao, theirs: at, length: 1 });
    b = ab + 1;
    o = ao + 1;
    t = at + 1;
  }
  return chunks;
}
