// With ml-hooks' clean filter installed, a working notebook keeps its outputs on purpose: git
// stores it stripped. Which paths the filter applies to decides `check`'s verdict on a working
// notebook (judged by what git stores from it) and the push guard's advice (`git add
// --renormalize` instead of stripping the file). `strip --pre-commit-mode` leaves a notebook
// alone when its index entry already is what stripping the working file gives. A CI checkout
// has no outputs, so this only spares people working in their own clone.
//
// The contents are compared, not git's view of the file: `git diff` trusts the index's stat
// data, so a notebook staged while the filter was off (ML_HOOKS=0, another clone) looks clean
// to it while its outputs sit in the index.
import type { Repo } from '../git/repo.js';

/**
 * The paths `git add` sends through this clone's ml-hooks clean filter: the filter is configured
 * and the path's `filter` attribute names it (none without the filter).
 */
export async function pathsTheFilterCleans(repo: Repo, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  if ((await repo.configValue('filter.ml-hooks.process')) === undefined) return new Set();
  const filters = await repo.attribute('filter', paths);
  return new Set(paths.filter((p) => filters.get(p) === 'ml-hooks'));
}

/** The staged blobs of `paths` that this clone's ml-hooks filter applies to (none without the filter). */
export async function filteredIndexBlobs(repo: Repo, paths: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const filtered = [...(await pathsTheFilterCleans(repo, paths))];
  if (filtered.length === 0) return out;
  const blobs = await repo.readBlobs(filtered.map((p) => `:${p}`));
  for (const path of filtered) {
    const blob = blobs.get(`:${path}`);
    if (blob !== undefined) out.set(path, blob);
  }
  return out;
}

/** Whether the index already holds `stripped`, the working notebook as the filter stores it. */
export const storedStripped = (indexBlob: Buffer | undefined, stripped: string | undefined): boolean =>
  indexBlob !== undefined && stripped !== undefined && indexBlob.equals(Buffer.from(stripped, 'utf8'));
