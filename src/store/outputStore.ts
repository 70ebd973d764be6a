// The local output store: notebooks as they were in the working tree (with their outputs), kept
// under the clone's git directory by the id of the stripped blob git stored for them. It is never
// committed or pushed. When git later writes that same blob to the working tree (checkout back
// to a branch, stash pop, reset, rebase, a pre-commit or lint-staged stash restore), the smudge
// filter writes the remembered notebook instead, so outputs survive git's round trips.
//
// Layout: <git-common-dir>/ml-hooks/outputs/<2 hex>/<38 hex>, one file per stripped blob id,
// holding the working notebook's exact bytes. Entries are written atomically (temporary file,
// then rename), so concurrent git commands never see half an entry. The store is bounded:
// the least recently used entries (by mtime, refreshed on every restore) go first.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blobId } from '../git/blobId.js';

export const OUTPUT_STORE_DIR = 'outputs';

export interface OutputStoreStats {
  entries: number;
  bytes: number;
}

export class OutputStore {
  private wrote = false;

  /**
   * @param dir the store folder (`<git-common-dir>/ml-hooks/outputs`)
   * @param maxBytes the store's size limit; an entry larger than half of it is not kept
   */
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  private pathOf(id: string): string {
    return join(this.dir, id.slice(0, 2), id.slice(2));
  }

  /** Remembers `original` as the working notebook whose stripped form is `stripped`. */
  remember(stripped: Uint8Array, original: Uint8Array): void {
    if (original.length > this.maxBytes / 2 || Buffer.compare(stripped, original) === 0) return;
    const path = this.pathOf(blobId(stripped));
    try {
      if (statSync(path).size === original.length && readFileSync(path).equals(original)) {
        touch(path);
        return;
      }
    } catch {
      // not there yet
    }
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, original);
      renameSync(tmp, path);
      this.wrote = true;
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /** The remembered notebook for a stripped blob, if any (its use is refreshed). */
  recall(stripped: Uint8Array): Buffer | undefined {
    const path = this.pathOf(blobId(stripped));
    let content: Buffer;
    try {
      content = readFileSync(path);
    } catch {
      return undefined;
    }
    touch(path);
    return content;
  }

  /** Drops the entry for a stripped blob (one that no longer strips to it). */
  forget(stripped: Uint8Array): void {
    rmSync(this.pathOf(blobId(stripped)), { force: true });
  }

  /** How many notebooks the store holds, and their size. */
  stats(): OutputStoreStats {
    return listEntries(this.dir).reduce((s, e) => ({ entries: s.entries + 1, bytes: s.bytes + e.size }), { entries: 0, bytes: 0 });
  }

  /**
   * Keeps the store under its limit: when it is over, the least recently used entries go until it
   * holds at most 80% of the limit (so the next few writes do not prune again). Only after this
   * process wrote something, so reading git commands pay nothing.
   */
  prune(): void {
    if (!this.wrote) return;
    this.wrote = false;
    pruneEntries(listEntries(this.dir), this.maxBytes);
  }
}

interface Entry {
  path: string;
  size: number;
  mtimeMs: number;
}

function listEntries(dir: string): Entry[] {
  const entries: Entry[] = [];
  let folders: string[];
  try {
    folders = readdirSync(dir);
  } catch {
    return entries;
  }
  for (const folder of folders) {
    if (!/^[0-9a-f]{2}$/.test(folder)) continue;
    let names: string[];
    try {
      names = readdirSync(join(dir, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/^[0-9a-f]{38}$/.test(name)) continue;
      const path = join(dir, folder, name);
      try {
        const st = statSync(path);
        entries.push({ path, size: st.size, mtimeMs: st.mtimeMs });
      } catch {
        // removed meanwhile by another git command
      }
    }
  }
  return entries;
}

/** Which entries to delete so that the rest fit in 80% of `maxBytes`, oldest first (pure). */
export function entriesToPrune<E extends { size: number; mtimeMs: number }>(entries: readonly E[], maxBytes: number): E[] {
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total <= maxBytes) return [];
  const target = maxBytes * 0.8;
  const doomed: E[] = [];
  for (const e of [...entries].sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (total <= target) break;
    doomed.push(e);
    total -= e.size;
  }
  return doomed;
}

function pruneEntries(entries: readonly Entry[], maxBytes: number): void {
  for (const e of entriesToPrune(entries, maxBytes)) rmSync(e.path, { force: true });
}

function touch(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    // read-only or removed meanwhile: the entry is still usable
  }
}
