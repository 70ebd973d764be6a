// How to look for conflict markers in the files of this repository now (ConflictScope, see
// src/merge/findConflicts.ts): whether git is in the middle of a merge, rebase, cherry-pick or
// revert, the conflict-marker-size each file sets, and HEAD's version of each file (a block
// already there is a quote). Asked by the commit hook, `sync` and `check`, only for the files
// given (those that may hold a marker at all): their attributes, and HEAD's blobs in one batch.
import type { Repo } from './repo.js';
import type { ConflictScope } from '../merge/findConflicts.js';

export async function conflictScopes(repo: Repo, paths: readonly string[]): Promise<(path: string) => ConflictScope> {
  const merging = repo.operationInProgress() !== undefined;
  const sizes = paths.length > 0 ? await repo.conflictMarkerSizes(paths) : new Map<string, number>();
  const heads = paths.length > 0 ? await repo.objects().readBlobs(paths.map((path) => `HEAD:${path}`)) : new Map<string, Buffer | undefined>();
  return (path) => {
    const markerSize = sizes.get(path);
    const head = heads.get(`HEAD:${path}`)?.toString('utf8');
    return { merging, ...(markerSize === undefined ? {} : { markerSize }), ...(head === undefined ? {} : { head }) };
  };
}
