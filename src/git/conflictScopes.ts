// How to look for conflict markers in the files of this repository now (ConflictScope, see
// src/merge/findConflicts.ts): whether git is in the middle of a merge, rebase, cherry-pick or
// revert, the conflict-marker-size each file sets, and HEAD's version of each file (a block
// already there is a quote). Asked by the commit hook, `sync` and `check`, only for the files
// given (those that may hold a marker at all): their attributes, and HEAD's blobs in one batch.
import type { Repo } from './repo.js';
import type { ConflictScope } from '../merge/findConflicts.js';

/**
 * The scope of each of `paths`; `scope(script, notebook)` for the text side of a pair also holds
 * HEAD's notebook (give the notebook among `paths` too). `reference`: the commit whose versions
 * hold the quotes; `check` gives HEAD's parent, so that markers committed in HEAD past the hook
 * (--no-verify) are found, not taken for quotes of themselves.
 */
export async function conflictScopes(repo: Repo, paths: readonly string[], reference = 'HEAD'): Promise<(path: string, pairedNotebook?: string) => ConflictScope> {
  const merging = repo.operationInProgress() !== undefined;
  const sizes = paths.length > 0 ? await repo.conflictMarkerSizes(paths) : new Map<string, number>();
  const heads = paths.length > 0 ? await repo.objects().readBlobs([...new Set(paths)].map((path) => `${reference}:${path}`)) : new Map<string, Buffer | undefined>();
  const headOf = (path: string | undefined) => (path === undefined ? undefined : heads.get(`${reference}:${path}`)?.toString('utf8'));
  return (path, pairedNotebook) => {
    const markerSize = sizes.get(path);
    const [head, pairedHead] = [headOf(path), headOf(pairedNotebook)];
    return { merging, ...(markerSize === undefined ? {} : { markerSize }), ...(head === undefined ? {} : { head }), ...(pairedHead === undefined ? {} : { pairedHead }) };
  };
}
