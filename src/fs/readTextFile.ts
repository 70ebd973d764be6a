// Reads a UTF-8 text file for processing, with one clear reason when that is impossible.
import { readFileSync, statSync } from 'node:fs';

/** A file ml-hooks cannot read as text; `reason` is one line for the user. */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * The largest file read into one string. V8 strings hold at most 2^29 - 24 UTF-16 units
 * (about 512 MB), and the parsed notebook and its re-serialization need room too.
 */
export const MAX_TEXT_BYTES = 400 * 1000 * 1000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

/** Why content of `size` bytes is not processed (one line, after the file's name). */
export function tooLargeInMemory(size: number): string {
  return `is ${formatBytes(size)}, more than ml-hooks can process in memory (${formatBytes(MAX_TEXT_BYTES)})`;
}

export function readTextFile(path: string | Buffer): string {
  const shown = typeof path === 'string' ? path : path.toString('latin1');
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UnreadableFileError(shown, 'is a directory, not a file');
    size = stat.size;
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(shown, describeFsError(error));
  }
  if (size > MAX_TEXT_BYTES) {
    throw new UnreadableFileError(shown, tooLargeInMemory(size));
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UnreadableFileError(shown, describeFsError(error));
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new UnreadableFileError(shown, 'is not valid UTF-8 text');
  return text;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
