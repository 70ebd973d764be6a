// Paths are bytes to git: a file name need not be UTF-8 (`lat\xe9.ipynb` from a Latin-1 system).
// ml-hooks keeps paths as strings, decoded losslessly: valid UTF-8 as text, and each byte that is
// not part of valid UTF-8 as a lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"). A
// lone surrogate never comes out of valid UTF-8, so encoding gives back exactly git's bytes.
// Decode every path git prints with decodeGitPath; encode every path written to git or given
// to the file system with encodeGitPath / fsPath.

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** git's path bytes as a string that encodes back to the same bytes. */
export function decodeGitPath(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

function decodeEscaping(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      out += Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
      i += length;
    } else {
      out += String.fromCharCode(0xdc00 + bytes[i]!);
      i++;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // a surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

const ESCAPED = /[\udc80-\udcff]/;

/** The bytes git knows the path by. */
export function encodeGitPath(path: string): Buffer {
  if (!ESCAPED.test(path)) return Buffer.from(path, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of path) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      if (run) parts.push(Buffer.from(run, 'utf8'));
      run = '';
      parts.push(Buffer.from([code - 0xdc00]));
    } else {
      run += ch;
    }
  }
  if (run) parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** A path for node's fs functions: the string itself, or its bytes when it is not UTF-8. */
export function fsPath(path: string): string | Buffer {
  return ESCAPED.test(path) ? encodeGitPath(path) : path;
}


/** Splits NUL-terminated `-z` output into paths (or fields), decoded losslessly. */
export function splitZ(output: Buffer): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let nul = output.indexOf(0); nul !== -1; nul = output.indexOf(0, start)) {
    parts.push(decodeGitPath(output.subarray(start, nul)));
    start = nul + 1;
  }
  if (start < output.length) parts.push(decodeGitPath(output.subarray(start)));
  return parts;
}
