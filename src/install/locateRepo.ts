// Where things go in the repository `install` runs in: works in worktrees and submodules (whose
// .git is a file) and with core.hooksPath (husky and others).
import { isAbsolute, join, relative, resolve, basename, dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { git, runGit } from '../git/runGit.js';

export interface RepoLocation {
  /** Top of the working tree. */
  top: string;
  /** Absolute common git directory (shared by worktrees). */
  commonDir: string;
  /** Absolute hooks directory git uses (`git rev-parse --git-path hooks`). */
  hooksDir: string;
  /** core.hooksPath when set. */
  hooksPath: string | undefined;
  /** The husky folder (`.husky`) when core.hooksPath is husky's. */
  huskyDir: string | undefined;
  /** The per-clone folder holding the runner, the CLI copy and the state. */
  stateDir: string;
}

/** A bare repository: there is nothing to install into (no working tree, no commits made there). */
export class BareRepository extends Error {
  constructor(readonly gitDir: string) {
    super(`${gitDir} is a bare repository`);
  }
}

export async function locateRepo(cwd: string, env?: NodeJS.ProcessEnv): Promise<RepoLocation> {
  // `--show-toplevel` fails in a bare repository with "must be run in a work tree": ask first.
  const bare = await runGit(['rev-parse', '--is-bare-repository', '--absolute-git-dir'], { cwd, env });
  const [isBare, gitDir] = bare.stdout.toString('utf8').split('\n');
  if (bare.code === 0 && isBare === 'true') throw new BareRepository(gitDir ?? cwd);
  const out = await git(['rev-parse', '--show-toplevel', '--git-common-dir', '--git-path', 'hooks'], { cwd, env });
  const [top, commonRaw, hooksRaw] = out.split('\n') as [string, string, string];
  const commonDir = isAbsolute(commonRaw) ? commonRaw : resolve(cwd, commonRaw);
  const hooksDir = isAbsolute(hooksRaw) ? hooksRaw : resolve(cwd, hooksRaw);
  const hp = await runGit(['config', '--get', 'core.hooksPath'], { cwd, env });
  const hooksPath = hp.code === 0 ? hp.stdout.toString('utf8').trim() : undefined;
  return { top, commonDir, hooksDir, hooksPath, huskyDir: hooksPath ? huskyDirOf(top, hooksDir) : undefined, stateDir: join(commonDir, 'ml-hooks') };
}

/** husky 9 points core.hooksPath at `.husky/_`; husky 4–8 at `.husky` (with `_/husky.sh`). */
function huskyDirOf(top: string, hooksDir: string): string | undefined {
  if (basename(hooksDir) === '_' && basename(dirname(hooksDir)) === '.husky') return dirname(hooksDir);
  if (basename(hooksDir) === '.husky' && existsSync(join(hooksDir, '_', 'husky.sh'))) return hooksDir;
  void top;
  return undefined;
}

/**
 * core.hooksPath names a folder outside this repository (one in ~/.gitconfig shared by all of
 * them): git runs the hooks there, and install does not write into it (they would run in
 * repositories without ml-hooks).
 */
export function hooksFolderIsShared(loc: RepoLocation): loc is RepoLocation & { hooksPath: string } {
  return loc.hooksPath !== undefined && !isInside(loc.hooksDir, loc.top) && !isInside(loc.hooksDir, loc.commonDir);
}

function isInside(path: string, dir: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
