// How to look for conflict markers in the files of this repository now (ConflictScope, see
// src/merge/findConflicts.ts): whether git is in the middle of a merge, rebase, cherry-pick or
// revert, and the conflict-marker-size each file sets. Asked by the commit hook, `sync` and
// `check`; git's attributes only for the files given (those that may hold a marker at all).
import type { Repo } from './repo.js';
import type { ConflictScope } from '../merge/findConflicts.js';

export async function conflictScopes(repo: Repo, paths: readonly string[]): Promise<(path: string) => ConflictScope> {
  const merging = repo.operationInProgress() !== undefined;
  const sizes = paths.length > 0 ? await repo.conflictMarkerSizes(paths) : new Map<string, number>();
  return (path) => {
    const markerSize = sizes.get(path);
    return markerSize === undefined ? { merging } : { merging, markerSize };
  };
}
