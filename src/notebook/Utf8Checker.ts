// Validates UTF-8 over a stream of chunks with node's native check (simdutf), carrying a sequence
// that a chunk boundary cuts in two over to the next chunk. Strict as TextDecoder's `fatal` mode:
// overlong forms, surrogates (CESU-8) and code points above U+10FFFF are rejected.
import { isUtf8 } from 'node:buffer';

/** Length of the sequence a lead byte starts (1 for ASCII and for bytes that cannot lead). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc0 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf7) return 4;
  return 1;
}

export class Utf8Checker {
  /** The start of a sequence the previous chunk ended in. */
  private carry: Uint8Array | undefined;

  /** False as soon as the bytes seen so far cannot be UTF-8. */
  push(chunk: Uint8Array): boolean {
    let start = 0;
    if (this.carry !== undefined) {
      const missing = sequenceLength(this.carry[0]!) - this.carry.length;
      if (chunk.length < missing) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return true;
      }
      if (!isUtf8(Buffer.concat([this.carry, chunk.subarray(0, missing)]))) return false;
      this.carry = undefined;
      start = missing;
    }
    let end = chunk.length;
    let lead = end - 1;
    while (lead >= start && end - lead <= 3 && (chunk[lead]! & 0xc0) === 0x80) lead--;
    if (lead >= start && lead + sequenceLength(chunk[lead]!) > end) {
      this.carry = chunk.slice(lead);
      end = lead;
    }
    return isUtf8(chunk.subarray(start, end));
  }

  /** True when the stream did not end inside a sequence. */
  end(): boolean {
    return this.carry === undefined;
  }
}
