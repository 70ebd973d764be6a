// The inner loop of the byte-level strip: inside a JSON string, find the next byte that ends it or
// needs a look (a quote, a backslash, or a control character, which JSON forbids raw). Base64
// images and long HTML lines are most of a notebook's bytes, so this tests four bytes per step
// (the bit tricks of "Bit Twiddling Hacks": a byte below n, a byte equal to c), then finds the byte
// exactly. A word that only seems to hold one costs a byte scan, never a missed byte.

/** The bytes of `bytes` as aligned 32-bit words, for `findStringSpecial`. */
export interface WordView {
  words: Int32Array;
  /** Index in `bytes` of the first byte of `words[0]` (0 to -3: the word may start before the view). */
  origin: number;
}

export function wordViewOf(bytes: Uint8Array): WordView {
  const misalignment = bytes.byteOffset & 3;
  const start = bytes.byteOffset - misalignment;
  const count = (misalignment + bytes.length) >>> 2;
  return { words: new Int32Array(bytes.buffer, start, count), origin: -misalignment };
}

const isSpecial = (c: number): boolean => c < 0x20 || c === 0x22 || c === 0x5c;

/** Index of the first quote, backslash or control byte in `bytes[from, to)`, or `to` when none. */
export function findStringSpecial(bytes: Uint8Array, view: WordView, from: number, to: number): number {
  let i = from;
  // Bytes up to the first word boundary, one at a time.
  while (i < to && ((i - view.origin) & 3) !== 0) {
    if (isSpecial(bytes[i]!)) return i;
    i++;
  }
  const { words } = view;
  let w = (i - view.origin) >>> 2;
  const lastWord = ((to - view.origin) >>> 2) - 1; // the last word wholly before `to`
  for (; w <= lastWord; w++) {
    const x = words[w]!;
    const quote = x ^ 0x22222222;
    const backslash = x ^ 0x5c5c5c5c;
    // a byte < 0x20, a zero byte in x ^ "\"\"\"\"", a zero byte in x ^ "\\\\\\\\"
    if ((((x - 0x20202020) & ~x) | ((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash)) & 0x80808080) break;
  }
  i = Math.max(i, view.origin + w * 4);
  for (; i < to; i++) if (isSpecial(bytes[i]!)) return i;
  return to;
}
