import { git, runGit, splitZ } from './runGit.js';

/** The repository's top folder, or undefined outside a git work tree. */
export async function findRepoRoot(cwd: string): Promise<string | undefined> {
  const r = await runGit(['rev-parse', '--show-toplevel'], { cwd });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/**
 * Files of the work tree that git tracks or would track (untracked but not ignored), relative to
 * the repository root. `git ls-files -z` prints `path\0path\0…` with paths unquoted.
 */
export async function listWorkingTreeFiles(root: string, pathspecs: readonly string[] = []): Promise<string[]> {
  const out = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate', '--', ...pathspecs], { cwd: root });
  return splitZ(out);
}
