import { GitError, gitSync } from './runGit.js';
import { parseDiffRaw, type StagedEntry } from './parseDiffRaw.js';

/**
 * What the index holds that differs from HEAD, with rename detection. In a repository with no
 * commits yet, `git diff --cached` compares with the empty tree by itself (one process either way).
 * Synchronous on purpose: it is the first thing every commit runs, and spawnSync skips the stream
 * set-up of an async child (a few ms of the hook's start-up budget).
 */
export async function getStagedEntries(cwd: string, env?: NodeJS.ProcessEnv): Promise<StagedEntry[]> {
  const args = ['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', '--'];
  const r = gitSync(args, { cwd, env });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
  return parseDiffRaw(r.stdout.toString('utf8'));
}
