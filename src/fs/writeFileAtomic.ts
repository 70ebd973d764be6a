// Replaces a file in one step: the new content goes to a temporary file beside it, which is then
// renamed over the original. An interrupted run (Ctrl-C, a crash, a full disk) leaves either the
// old file or the new one, never a truncated notebook. The file's permission bits are kept.
// No fsync: it made stripping 200 notebooks several times slower, and a killed process loses
// nothing that is in the page cache; ext4 and others order rename-over-file data on power loss.
import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsPath } from './bytePaths.js';
import { isSymbolicLink, linkTarget } from './isSymbolicLink.js';
import { leftSymbolicLinkAlone } from '../messages/cli.js';

const pending = new Set<string>();
let handlersInstalled = false;
let counter = 0;

/**
 * On Ctrl-C (and friends) removes temporary files of unfinished writes, then lets the signal end
 * the process. JavaScript handlers run only between synchronous steps, so callers that loop over
 * files should yield between them (a file being written is finished first, never cut in half).
 */
function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const tmp of pending) {
        try {
          unlinkSync(fsPath(tmp));
        } catch {
          // already gone
        }
      }
      process.kill(process.pid, signal);
    });
  }
}

/** Refused: replacing a symbolic link with a regular file (see isSymbolicLink.ts). */
export class SymbolicLinkError extends Error {
  constructor(readonly path: string) {
    super(leftSymbolicLinkAlone(linkTarget(fsPath(path))));
  }
}

/**
 * `path` may hold bytes that are not UTF-8 (lone surrogates, see bytePaths.ts). A symbolic link is
 * never replaced: SymbolicLinkError.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const write = prepareFileAtomic(path, content);
  try {
    write.commit();
  } finally {
    write.abort();
  }
}

/** A new file content written beside its target, put in place by commit() (one rename). */
export interface PreparedWrite {
  commit(): void;
  /** Removes the temporary file unless it was committed. */
  abort(): void;
}

/**
 * The first half of writeFileAtomic: the temporary file, written and closed. Lets a caller put
 * several files in place at one moment (see writeIndexEntries' `alongside`).
 */
export function prepareFileAtomic(path: string, content: string | Uint8Array): PreparedWrite {
  if (isSymbolicLink(fsPath(path))) throw new SymbolicLinkError(path);
  installSignalCleanup();
  let mode = 0o644;
  try {
    mode = statSync(fsPath(path)).mode & 0o7777;
  } catch {
    // a new file gets the default mode
  }
  const tmp = join(dirname(path), `.${basename(path)}.ml-hooks-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}.tmp`);
  pending.add(tmp);
  let done = false;
  const abort = () => {
    if (done) return;
    done = true;
    pending.delete(tmp);
    try {
      unlinkSync(fsPath(tmp));
    } catch {
      // never created, or already removed by the signal clean-up
    }
  };
  try {
    const fd = openSync(fsPath(tmp), 'wx', mode);
    try {
      const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    abort();
    throw error;
  }
  return {
    commit() {
      if (done) throw new Error(`${path}: the prepared write was already finished`);
      renameSync(fsPath(tmp), fsPath(path));
      done = true;
      pending.delete(tmp);
    },
    abort,
  };
}
