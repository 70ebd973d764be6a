// With ml-hooks' clean filter installed, a working notebook keeps its outputs on purpose: git
// stores it stripped. Such a notebook needs no stripping (and must keep its outputs) when it is
// tracked and git sees no difference between it, cleaned, and the index. Used by `check` (not a
// finding) and by `strip --pre-commit-mode` (not rewritten). A CI checkout has no outputs, so this
// only spares people working in their own clone.
import type { Repo } from '../git/repo.js';

export async function notebooksTheFilterCleans(repo: Repo, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  if ((await repo.configValue('filter.ml-hooks.process')) === undefined) return new Set();
  const filters = await repo.attribute('filter', paths);
  const filtered = paths.filter((p) => filters.get(p) === 'ml-hooks');
  if (filtered.length === 0) return new Set();
  const [tracked, differing] = await Promise.all([repo.trackedFiles(filtered), repo.changedInWorkTree(filtered)]);
  return new Set(filtered.filter((p) => tracked.has(p) && !differing.has(p)));
}
