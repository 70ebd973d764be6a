// Reads a file in chunks, each in a buffer of its own (a consumer may keep slices of it), so that
// a file of any size is processed in bounded memory. The file is closed when the loop ends.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const CHUNK_BYTES = 1 << 20;

export function* readFileChunks(path: string | Buffer): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    // A small file in one read of its size (the extra byte sees the end of the file).
    const size = fstatSync(fd).size;
    for (;;) {
      const chunk = Buffer.allocUnsafe(size > 0 && size < CHUNK_BYTES ? size + 1 : CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return;
      yield read === chunk.length ? chunk : chunk.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}
