import { runGit, GitError } from './runGit.js';
import { splitZ } from '../fs/bytePaths.js';

export interface IntroducingCommit {
  commit: string;
  parents: string[];
  /** The tip given in `tips` from which git reached the commit (`%S`). */
  tip: string;
  subject: string;
}

/**
 * For each blob, the oldest commit in the range whose diff adds it: ONE `git log --raw` limited
 * to the blobs' paths. With -z a record is
 * `\x01<commit> <parents>\x02<tip>\x02<subject>\0\n:000000 100644 <old> <new> A\0<path>\0…`.
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
  const wanted = new Set(blobs.map((b) => b.oid));
  const paths = [...new Set(blobs.map((b) => `:(top,literal)${b.path}`))];
  const args = ['log', '--reverse', '--format=%x01%H %P%x02%S%x02%s', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', ...tips, ...excluded, '--', ...paths];
  const r = await runGit(args, { cwd: root, env });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
  let current: IntroducingCommit | undefined;
  const tokens = splitZ(r.stdout);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      const [ids, tip, subject] = token.slice(1).split('\x02');
      const [commit, ...parents] = ids!.split(' ').filter(Boolean);
      current = { commit: commit!, parents, tip: tip ?? '', subject: subject ?? '' };
    } else if (token.startsWith(':') && current) {
      const newOid = token.split(' ')[3];
      i++; // the path
      if (newOid && wanted.has(newOid) && !found.has(newOid)) found.set(newOid, current);
    }
  }
  return found;
}
