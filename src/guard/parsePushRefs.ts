/** One line of what git gives the pre-push hook on stdin. */
export interface PushRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

const ZERO = /^0+$/;
export const isZeroSha = (sha: string): boolean => ZERO.test(sha);

/**
 * Parses `<local ref> <local sha> <remote ref> <remote sha>` lines, e.g.
 * `refs/heads/main 3f2a… refs/heads/main 0000…` (a new branch). Deletions (all-zero local sha)
 * push no objects and are dropped.
 */
export function parsePushRefs(stdin: string): PushRef[] {
  const refs: PushRef[] = [];
  for (const line of stdin.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 4) continue;
    const [localRef, localSha, remoteRef, remoteSha] = fields as [string, string, string, string];
    if (!/^[0-9a-f]{40,64}$/.test(localSha) || !/^[0-9a-f]{40,64}$/.test(remoteSha)) continue;
    if (isZeroSha(localSha)) continue;
    refs.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return refs;
}
