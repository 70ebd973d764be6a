import { lstatSync, readlinkSync } from 'node:fs';

/**
 * ml-hooks' one rule for symbolic links, everywhere (strip, check, sync, pair, convert, the
 * hooks): a link is left alone, never followed to be written through and never replaced by a
 * regular file. git stores a link as the path it points to, and the commit hook skips links; the
 * file it points to, when it is in the repository, is a notebook of its own.
 */
export function isSymbolicLink(path: string | Buffer): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Where a link points, as it is written (for messages); undefined when it is no link. */
export function linkTarget(path: string | Buffer): string | undefined {
  try {
    return readlinkSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
