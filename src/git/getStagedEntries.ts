import { git } from './runGit.js';
import { parseDiffRaw, type StagedEntry } from './parseDiffRaw.js';

/**
 * What the index holds that differs from HEAD, with rename detection. In a repository with no
 * commits yet, `git diff --cached` compares with the empty tree by itself (one process either way).
 */
export async function getStagedEntries(cwd: string, env?: NodeJS.ProcessEnv): Promise<StagedEntry[]> {
  const out = await git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', '--'], { cwd, env });
  return parseDiffRaw(out);
}
