// What the guard finds, as plain data: the messages (src/messages/guard.ts) turn it into text.
import type { Limit } from './sizePolicy.js';

/** How the repository keeps large files, which decides the fix we suggest. */
export interface RepoStorage {
  /** A `.dvc/` folder at the root. */
  dvc: boolean;
  /** A `.gitattributes` with `filter=lfs`. */
  lfs: boolean;
}

/** One file over a limit, as the message needs it. */
export interface Oversized {
  path: string;
  size: number;
  limit: Limit;
  limitKind: 'binary' | 'file';
  binary: boolean | undefined;
}

/** A blob over the limit found in the commits being pushed. */
export interface PushedOversized extends Oversized {
  oid: string;
  commit: string | undefined;
  subject: string | undefined;
  hasParent: boolean;
  localRef: string;
  /**
   * Commits the remote has, when this clone keeps no remote-tracking refs for it (a push to a
   * URL): git-lfs's default exclusion of remote refs leaves nothing out then, so the advice names them.
   */
  remoteHas?: string[];
}

/** A notebook in a pushed commit that the strip hook would have changed. */
export interface UnstrippedNotebook {
  path: string;
  commit: string | undefined;
  subject: string | undefined;
  /** The commit is the one checked out (HEAD): amending it fixes it. */
  isHead: boolean;
  /** False for a root commit: there is no `COMMIT~1` to rebase onto. */
  hasParent: boolean;
  localRef: string;
  /**
   * This clone's ml-hooks clean filter applies to the path: `git add --renormalize` restages the
   * working notebook stripped and leaves the file (and its outputs) alone.
   */
  filtered: boolean;
  /** localRef is the branch checked out: the rebase the advice gives rewrites the working tree's branch. */
  onCheckedOutBranch?: boolean;
}
