import { GitError, gitSync } from './runGit.js';

/**
 * Sizes of blobs by oid from one `git cat-file --batch-check`, run synchronously: the commit hook
 * calls it on every commit, and a synchronous child skips node's stream set-up for async
 * children. Output lines: `<oid> <size>`, or `<oid> missing` (undefined here).
 */
export function blobSizesSync(oids: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): (number | undefined)[] {
  if (oids.length === 0) return [];
  const args = ['cat-file', '--batch-check=%(objectsize)', '--buffer'];
  const r = gitSync(args, { cwd, env, input: oids.map((o) => `${o}\n`).join('') });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
  const lines = r.stdout.toString('utf8').split('\n');
  return oids.map((_, i) => (/^\d+$/.test(lines[i] ?? '') ? Number(lines[i]) : undefined));
}
