// This repository as the pre-commit framework and GitHub see it at a release: a git repository
// holding the tracked files of this checkout (as they are in the working tree, so uncommitted work
// is what gets tested), tagged by the release step itself (scripts/release.mjs adds dist/ to the
// tagged commit). Built once per test file; its `path` is what a `repo:` line or `uses:` points at.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir, REPO_ROOT } from './cli.js';
import { GIT_ENV } from './gitRepo.js';
import { VERSION } from '../../src/cli/version.js';

export interface ReleaseClone {
  path: string;
  /** The release tag, v<version>. */
  tag: string;
  /** What scripts/release.mjs printed. */
  releaseOutput: string;
  git: (...args: string[]) => string;
  cleanup: () => void;
}

export function makeReleaseClone(): ReleaseClone {
  const tmp = makeTempDir('ml-hooks-release-clone-');
  const env = { ...process.env, ...GIT_ENV };
  const git = (...args: string[]): string => {
    const r = spawnSync('git', args, { cwd: tmp.path, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main', '.');
  git('config', 'commit.gpgSign', 'false');
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${REPO_ROOT}: ${listed.stderr}`);
  for (const path of new Set(listed.stdout.split('\0').filter((p) => p !== ''))) {
    const from = join(REPO_ROOT, path);
    let stat;
    try {
      stat = lstatSync(from);
    } catch {
      continue; // deleted in the working tree
    }
    if (!stat.isFile()) continue; // node_modules is a symlink, and ignored anyway
    mkdirSync(dirname(join(tmp.path, path)), { recursive: true });
    copyFileSync(from, join(tmp.path, path));
    chmodSync(join(tmp.path, path), stat.mode & 0o777);
  }
  // The release step builds dist/ with esbuild from the development dependencies.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(tmp.path, 'node_modules'));
  git('add', '-A');
  git('commit', '-q', '-m', 'ml-hooks as tested');
  const release = spawnSync(process.execPath, [join(tmp.path, 'scripts', 'release.mjs')], { cwd: tmp.path, env, encoding: 'utf8' });
  if (release.status !== 0) throw new Error(`scripts/release.mjs failed: ${release.stderr}`);
  return { path: tmp.path, tag: `v${VERSION}`, releaseOutput: release.stdout, git, cleanup: tmp.cleanup };
}
