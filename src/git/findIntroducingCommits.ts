import { runGit, GitError } from './runGit.js';
import { splitZ } from '../fs/bytePaths.js';
import { literalPathspec } from './repo.js';

export interface IntroducingCommit {
  commit: string;
  parents: string[];
  /** The tip given in `tips` from which git reached the commit (`%S`). */
  tip: string;
  subject: string;
  /** The blob's path in that commit, exactly (git's -z output, where rev-list cuts a path at a newline). */
  path: string;
}

/**
 * For each blob, the oldest commit in the range whose diff adds it: ONE `git log --raw` limited
 * to the blobs' paths, and, for blobs it does not find (a path rev-list cut at a newline),
 * one more asking for the objects themselves (`--find-object`, every path). With -z a record is
 * `\x01<commit> <parents>\x02<tip>\x02<subject>\0\n:000000 100644 <old> <new> A\0<path>\0…`.
 * A blob in no commit at all (a tag pointing at it) has no entry.
 */
export async function findIntroducingCommits(
  root: string,
  tips: readonly string[],
  excluded: readonly string[],
  blobs: readonly { oid: string; path: string }[],
  env?: NodeJS.ProcessEnv,
): Promise<Map<string, IntroducingCommit>> {
  const found = new Map<string, IntroducingCommit>();
  if (blobs.length === 0 || tips.length === 0) return found;
  const range = [...tips, ...excluded];
  const withPaths = blobs.filter((b) => b.path !== '');
  if (withPaths.length > 0) {
    const paths = [...new Set(withPaths.map((b) => literalPathspec(b.path)))];
    await readAdditions(root, [...range, '--', ...paths], new Set(withPaths.map((b) => b.oid)), found, env);
  }
  const missing = [...new Set(blobs.map((b) => b.oid).filter((oid) => !found.has(oid)))];
  if (missing.length > 0) await readAdditions(root, [...missing.map((oid) => `--find-object=${oid}`), ...range], new Set(missing), found, env);
  return found;
}

async function readAdditions(root: string, selection: readonly string[], wanted: ReadonlySet<string>, found: Map<string, IntroducingCommit>, env?: NodeJS.ProcessEnv): Promise<void> {
  const args = ['log', '--reverse', '--format=%x01%H %P%x02%S%x02%s', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', ...selection];
  const r = await runGit(args, { cwd: root, env });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
  let current: Omit<IntroducingCommit, 'path'> | undefined;
  const tokens = splitZ(r.stdout);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      const [ids, tip, subject] = token.slice(1).split('\x02');
      const [commit, ...parents] = ids!.split(' ').filter(Boolean);
      current = { commit: commit!, parents, tip: tip ?? '', subject: subject ?? '' };
    } else if (token.startsWith(':') && current) {
      const newOid = token.split(' ')[3];
      const path = tokens[++i] ?? '';
      if (newOid && wanted.has(newOid) && !found.has(newOid)) found.set(newOid, { ...current, path });
    }
  }
}
