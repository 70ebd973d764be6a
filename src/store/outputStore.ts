// The local output store: notebooks as they were in the working tree (with their outputs), kept
// under the clone's git directory by the id of the stripped blob git stored for them. It is never
// committed or pushed. When git later writes that same blob to the working tree (checkout back
// to a branch, stash pop, reset, rebase, a pre-commit or lint-staged stash restore), the smudge
// filter writes the remembered notebook instead, so outputs survive git's round trips.
//
// Layout: <git-common-dir>/ml-hooks/outputs/<2 hex>/<38 hex>.<16 hex>: the stripped blob's id,
// then a hash of the notebook's path (git's bytes), one file per notebook and blob, holding the
// working notebook's exact bytes. The path is part of the key because two notebooks can strip to
// the same blob (two runs of one notebook, with different outputs): each gets its own back. A
// notebook with no entry under its own path (renamed, copied) gets the most recently used entry
// of its blob. Entries are written atomically (temporary file, then rename), so concurrent git
// commands never see half an entry. The store is bounded: the least recently used entries (by
// mtime, refreshed on every restore) go first.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blobId } from '../git/blobId.js';
import { encodeGitPath } from '../fs/bytePaths.js';

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

  private folderOf(id: string): string {
    return join(this.dir, id.slice(0, 2));
  }

  private entryOf(id: string, notebook: string): string {
    return join(this.folderOf(id), `${id.slice(2)}.${pathKey(notebook)}`);
  }

  /** Remembers `original` as the working notebook at `notebook` whose stripped form is `stripped`. */
  remember(notebook: string, stripped: Uint8Array, original: Uint8Array): void {
    if (original.length > this.maxBytes / 2 || Buffer.compare(stripped, original) === 0) return;
    const path = this.entryOf(blobId(stripped), notebook);
    try {
      if (statSync(path).size === original.length && readFileSync(path).equals(original)) {
        touch(path);
        return;
      }
    } catch {
      // not there yet
    }
    mkdirSync(this.folderOf(blobId(stripped)), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, original);
      renameSync(tmp, path);
      this.wrote = true;
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /**
   * The remembered notebook at `notebook` for a stripped blob, else the most recently used one of
   * that blob under another path; undefined when there is none. Its use is refreshed.
   */
  recall(notebook: string, stripped: Uint8Array): Buffer | undefined {
    const id = blobId(stripped);
    const own = this.entryOf(id, notebook);
    for (const path of [own, ...this.othersOf(id, own)]) {
      try {
        const content = readFileSync(path);
        touch(path);
        return content;
      } catch {
        // pruned meanwhile by another git command: the next one
      }
    }
    return undefined;
  }

  /** Is `content` exactly one of the notebooks remembered for the stripped blob `stripped`? */
  holds(stripped: Uint8Array, content: Uint8Array): boolean {
    const id = blobId(stripped);
    return this.othersOf(id, '').some((path) => {
      try {
        return statSync(path).size === content.length && readFileSync(path).equals(content);
      } catch {
        return false;
      }
    });
  }

  /** Entries of blob `id` other than `own`, most recently used first. */
  private othersOf(id: string, own: string): string[] {
    const folder = this.folderOf(id);
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return [];
    }
    const prefix = `${id.slice(2)}.`;
    return names
      .filter((n) => n.startsWith(prefix) && ENTRY_NAME.test(n))
      .map((n) => join(folder, n))
      .filter((p) => p !== own)
      .map((path) => ({ path, mtimeMs: mtimeOf(path) }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs)
      .map((e) => e.path);
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
      if (!ENTRY_NAME.test(name)) continue;
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

const ENTRY_NAME = /^[0-9a-f]{38}\.[0-9a-f]{16}$/;

/** The path part of an entry's name: 16 hex digits of the SHA-1 of git's bytes for the path. */
function pathKey(notebook: string): string {
  return createHash('sha1').update(encodeGitPath(notebook)).digest('hex').slice(0, 16);
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function touch(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    // read-only or removed meanwhile: the entry is still usable
  }
}
