// Keeps a copy of input that arrives as a stream (stdin, git's filter packets) while it is being
// stripped, so that it can still go to the full parse, or be passed through unchanged, when the
// byte-level strip cannot finish. Up to `memoryLimit` bytes stay in memory; beyond that the input
// goes to a temporary file, so memory stays bounded whatever the size. With `keepUpTo`, input
// past that size is only counted: the copy is dropped (when nothing could use it anyway).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_BYTES } from './readFileChunks.js';

export class InputSpool {
  private chunks: Buffer[] = [];
  private fd: number | undefined;
  private dir: string | undefined;
  private length = 0;

  private dropped = false;

  constructor(
    private readonly keepUpTo = Infinity,
    private readonly memoryLimit = 16 * CHUNK_BYTES,
  ) {}

  get size(): number {
    return this.length;
  }

  /** Whether the input is all here (it is, unless it grew past `keepUpTo`). */
  get complete(): boolean {
    return !this.dropped;
  }

  push(chunk: Buffer): void {
    this.length += chunk.length;
    if (this.dropped) return;
    if (this.length > this.keepUpTo) {
      this.dispose();
      this.dropped = true;
      return;
    }
    if (this.fd === undefined && this.length <= this.memoryLimit) {
      this.chunks.push(chunk);
      return;
    }
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'ml-hooks-spool-'));
      this.fd = openSync(join(this.dir, 'input'), 'w+', 0o600);
      for (const held of this.chunks) writeAll(this.fd, held);
      this.chunks = [];
    }
    writeAll(this.fd, chunk);
  }

  /** The input so far, in chunks of bounded size. */
  *read(): Generator<Buffer> {
    if (this.dropped) throw new Error('the spool dropped its copy of the input');
    if (this.fd === undefined) {
      yield* this.chunks;
      return;
    }
    for (let position = 0; position < this.length; ) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, this.length - position));
      const n = readSync(this.fd, chunk, 0, chunk.length, position);
      if (n === 0) return;
      position += n;
      yield n === chunk.length ? chunk : chunk.subarray(0, n);
    }
  }

  /** The whole input in one buffer (for the full parse, which needs it whole anyway). */
  readAll(): Buffer {
    if (this.dropped) throw new Error('the spool dropped its copy of the input');
    return this.fd === undefined ? Buffer.concat(this.chunks, this.length) : Buffer.concat([...this.read()], this.length);
  }

  /** Frees the memory and removes the temporary file. */
  dispose(): void {
    this.chunks = [];
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset, data.length - offset);
}
