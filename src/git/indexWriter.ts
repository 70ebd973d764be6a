// The one writer of the index. Every step that changes what is staged (stripping, pairing) goes
// through writeIndexEntries, which
//   - writes to the index git will keep: during `git commit PATH…` git gives hooks a temporary
//     index (next-index-<pid>.lock) for the commit and holds the real one as index.lock, which
//     becomes the index afterwards; both get the same entries, so the next commit does not undo
//     the hook's work;
//   - respects git's lock: an index that git holds (GIT_INDEX_FILE ending in .lock, during a
//     commit) is git's to protect; any other index is changed only while we hold its .lock, as
//     git's own writers do, so a `git add` from an editor meanwhile fails loudly instead of being
//     silently undone;
//   - is atomic: `git update-index` writes a new file and renames it, and an interrupt (held
//     until the section ends) leaves the index as it was, with no lock or temporary file behind;
//   - takes any path: `-z --index-info` input, paths as git's bytes.
import { copyFileSync, existsSync, openSync, closeSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { runGit, GitError } from './runGit.js';
import { encodeGitPath } from '../fs/bytePaths.js';
import { holdSignals } from '../fs/holdSignals.js';
import type { Repo } from './repo.js';

export interface IndexEntryUpdate {
  path: string;
  /** `100644` / `100755`; with `oid`. Both absent: the path leaves the index. */
  mode?: string;
  oid?: string;
}

export interface IndexTarget {
  path: string;
  /** git holds this file's lock (it is a `.lock` git handed to the hook). */
  heldByGit: boolean;
}

/**
 * Which index files to change (pure). `given` is GIT_INDEX_FILE as git set it for the hook, or
 * undefined (a hook run by hand, or by a tool outside `git commit`); `mainLockExists` tells
 * whether git holds the real index's lock beside a temporary commit index.
 */
export function indexTargets(given: string | undefined, gitDir: string, mainLockExists: (path: string) => boolean): IndexTarget[] {
  if (given === undefined) return [{ path: join(gitDir, 'index'), heldByGit: false }];
  const targets: IndexTarget[] = [{ path: given, heldByGit: given.endsWith('.lock') }];
  if (/^next-index-\d+\.lock$/.test(basename(given))) {
    const main = join(dirname(given), 'index.lock');
    if (mainLockExists(main)) targets.push({ path: main, heldByGit: true });
  }
  return targets;
}

/** The `-z --index-info` input: "<mode> SP <oid> TAB <path> NUL", mode 0 removes the path. */
export function formatIndexInfo(entries: readonly IndexEntryUpdate[]): Buffer {
  return Buffer.concat(
    entries.map((e) => {
      const head = e.mode !== undefined && e.oid !== undefined ? `${e.mode} ${e.oid}\t` : `0 ${'0'.repeat(40)}\t`;
      return Buffer.concat([Buffer.from(head), encodeGitPath(e.path), Buffer.from([0])]);
    }),
  );
}

export class IndexLockedError extends Error {
  constructor(readonly lock: string) {
    super(`${lock} exists: another git process is changing the index`);
  }
}

/** Applies the entries to every index git will keep (see above). */
export async function writeIndexEntries(repo: Repo, entries: readonly IndexEntryUpdate[]): Promise<void> {
  if (entries.length === 0) return;
  const given = repo.env.GIT_INDEX_FILE ? resolve(repo.root, repo.env.GIT_INDEX_FILE) : undefined;
  const gitDir = given === undefined ? repo.gitDirs().gitDir : dirname(given);
  const input = formatIndexInfo(entries);
  for (const target of indexTargets(given, gitDir, existsSync)) {
    await holdSignals(async (interrupted) => {
      if (target.heldByGit) {
        // git deletes its lock when it dies: never bring back an index.lock of a dead commit.
        if (!existsSync(target.path)) return;
        await updateIndexFile(repo, target.path, input);
        return;
      }
      const lock = `${target.path}.lock`;
      let fd: number;
      try {
        fd = openSync(lock, 'wx');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new IndexLockedError(lock);
        throw error;
      }
      closeSync(fd);
      try {
        if (existsSync(target.path)) copyFileSync(target.path, lock);
        await updateIndexFile(repo, lock, input);
        await testDelay(repo.env);
        if (!interrupted()) renameSync(lock, target.path);
      } finally {
        rmSync(lock, { force: true });
      }
    });
  }
}

async function updateIndexFile(repo: Repo, indexFile: string, input: Buffer): Promise<void> {
  const args = ['update-index', '-z', '--index-info'];
  const r = await runGit(args, { cwd: repo.root, env: { ...repo.env, GIT_INDEX_FILE: indexFile }, input });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
}

/** Tests slow the update down (ML_HOOKS_TEST_INDEX_DELAY_MS) to run a git command in the middle of it. */
function testDelay(env: NodeJS.ProcessEnv): Promise<void> {
  const ms = Number(env.ML_HOOKS_TEST_INDEX_DELAY_MS ?? 0);
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
