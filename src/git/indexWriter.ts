// The one writer of the index. Every step that changes what is staged (stripping, pairing) goes
// through writeIndexEntries, which
//   - writes to the index git will keep: during `git commit PATH…` git gives hooks a temporary
//     index (next-index-<pid>.lock) for the commit and holds the real one as index.lock, which
//     becomes the index afterwards; both get the same entries, so the next commit does not undo
//     the hook's work;
//   - respects git's lock: an index that git holds (GIT_INDEX_FILE ending in .lock: `git commit
//     -a`, `-i`, `PATH`) is git's to protect; any other index (a plain `git commit` hands hooks
//     GIT_INDEX_FILE=.git/index with no lock held; a hook run by hand has none) is changed only
//     while we hold its .lock, as git's own writers do, so a `git add` from an editor meanwhile
//     fails loudly instead of being silently undone;
//   - never undoes a `git add` made between the caller's decision and the lock: each entry may say
//     what the caller saw at its path (`seen`); under the lock the index must still hold exactly
//     that, or nothing is written (IndexChangedError);
//   - is atomic, and so is what goes with it: the new index files are prepared beside the real
//     ones (locked), then swapped in by renames in one synchronous step, together with the
//     caller's own prepared files (`alongside`), after the last look for Ctrl-C. An interrupt
//     (held until then) leaves the index, and those files, as they were, with no lock or
//     temporary file behind;
//   - takes any path: `-z --index-info` input, paths as git's bytes.
import { copyFileSync, existsSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { runGit, GitError } from './runGit.js';
import { encodeGitPath } from '../fs/bytePaths.js';
import { holdSignals } from '../fs/holdSignals.js';
import { Repo } from './repo.js';

export interface IndexEntryUpdate {
  path: string;
  /** `100644` / `100755`; with `oid`. Both absent: the path leaves the index. */
  mode?: string;
  oid?: string;
  /**
   * What the caller saw at this path when it decided: the stage-0 blob id, or null when the path
   * was not in the index. Undefined: not checked.
   */
  seen?: string | null;
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

/** The paths whose entry is no longer what the caller saw (pure). */
export function changedEntries(entries: readonly IndexEntryUpdate[], now: ReadonlyMap<string, string | null>): string[] {
  return entries.filter((e) => e.seen !== undefined && now.has(e.path) && now.get(e.path) !== e.seen).map((e) => e.path);
}

export class IndexLockedError extends Error {
  constructor(readonly lock: string) {
    super(`${lock} exists: another git process is changing the index`);
  }
}

/** Another command staged these paths after the caller read them: nothing was written. */
export class IndexChangedError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`the index changed meanwhile: ${paths.join(', ')}`);
  }
}

/** A signal arrived (or git gave up its lock) before the swap: nothing was written. */
export class IndexWriteInterrupted extends Error {
  constructor() {
    super('interrupted: the index was left as it was');
  }
}

/** A new index file written beside its target, swapped in by commit() (synchronous: renames only). */
interface PreparedIndex {
  target: IndexTarget;
  /** Can the swap still happen? (git's own lock may be gone when git died meanwhile.) */
  ready(): boolean;
  commit(): void;
  /** Removes what is left (a lock or temporary file); a no-op after commit. */
  abort(): void;
}

/**
 * Applies the entries to every index git will keep (see above). `alongside` runs in the same
 * synchronous step as the swap, right after it: renames of the caller's prepared files.
 */
export async function writeIndexEntries(repo: Repo, entries: readonly IndexEntryUpdate[], alongside?: () => void): Promise<void> {
  if (entries.length === 0) return;
  const given = repo.env.GIT_INDEX_FILE ? resolve(repo.root, repo.env.GIT_INDEX_FILE) : undefined;
  const gitDir = given === undefined ? repo.gitDirs().gitDir : dirname(given);
  const input = formatIndexInfo(entries);
  const targets = indexTargets(given, gitDir, existsSync);
  // Between the caller's decision and the lock: where a concurrent `git add` can land.
  await testDelay(repo.env);
  await holdSignals(async (interrupted) => {
    const prepared: PreparedIndex[] = [];
    try {
      for (const target of targets) {
        if (interrupted()) throw new IndexWriteInterrupted();
        prepared.push(target.heldByGit ? await prepareHeld(repo, target, input) : await prepareLocked(repo, target, entries, input));
      }
      // The last look: after it, only renames, which no signal handler can come between.
      if (interrupted() || !prepared.every((p) => p.ready())) throw new IndexWriteInterrupted();
      for (const p of prepared) p.commit();
      alongside?.();
    } finally {
      for (const p of prepared) p.abort();
    }
  });
}

/** An index git does not hold: taken under our own lock, checked against `seen`, written in the lock. */
async function prepareLocked(repo: Repo, target: IndexTarget, entries: readonly IndexEntryUpdate[], input: Buffer): Promise<PreparedIndex> {
  const lock = `${target.path}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new IndexLockedError(lock);
    throw error;
  }
  closeSync(fd);
  let renamed = false;
  const prepared: PreparedIndex = {
    target,
    ready: () => existsSync(lock),
    commit() {
      renameSync(lock, target.path);
      renamed = true;
    },
    // Once renamed, the lock's name is free again and may be another git's lock: never remove it then.
    abort: () => renamed || rmSync(lock, { force: true }),
  };
  try {
    if (existsSync(target.path)) copyFileSync(target.path, lock);
    const changed = changedEntries(entries, await stageZeroOids(repo, lock, entries));
    if (changed.length > 0) throw new IndexChangedError(changed);
    await updateIndexFile(repo, lock, input);
    await testDelay(repo.env);
  } catch (error) {
    prepared.abort();
    throw error;
  }
  return prepared;
}

/** git's own lock: the new index goes to a temporary file beside it, renamed over it at the swap. */
async function prepareHeld(repo: Repo, target: IndexTarget, input: Buffer): Promise<PreparedIndex> {
  // git deletes its lock when it gives up or dies by a signal: never bring back a lock of a dead commit.
  if (!existsSync(target.path)) throw new IndexWriteInterrupted();
  const tmp = `${target.path}.ml-hooks-${process.pid}.tmp`;
  const prepared: PreparedIndex = {
    target,
    ready: () => existsSync(target.path),
    commit: () => renameSync(tmp, target.path),
    abort: () => rmSync(tmp, { force: true }),
  };
  try {
    copyFileSync(target.path, tmp);
    await updateIndexFile(repo, tmp, input);
    await testDelay(repo.env);
  } catch (error) {
    prepared.abort();
    throw error;
  }
  return prepared;
}

/**
 * The stage-0 blob ids now in `indexFile` of the entries that say what they saw (null: absent),
 * by one `git cat-file --batch-check` of `:0:<path>` names. Paths with a newline cannot be named
 * that way and are not checked.
 */
async function stageZeroOids(repo: Repo, indexFile: string, entries: readonly IndexEntryUpdate[]): Promise<Map<string, string | null>> {
  const paths = entries.filter((e) => e.seen !== undefined && !e.path.includes('\n')).map((e) => e.path);
  const now = new Map<string, string | null>();
  if (paths.length === 0) return now;
  const infos = await new Repo(repo.root, { ...repo.env, GIT_INDEX_FILE: indexFile }).objectInfo(paths.map((p) => `:0:${p}`));
  paths.forEach((p, i) => now.set(p, infos[i]?.oid ?? null));
  return now;
}

async function updateIndexFile(repo: Repo, indexFile: string, input: Buffer): Promise<void> {
  const args = ['update-index', '-z', '--index-info'];
  const r = await runGit(args, { cwd: repo.root, env: { ...repo.env, GIT_INDEX_FILE: indexFile }, input });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
}

/**
 * Tests slow the writer down (ML_HOOKS_TEST_INDEX_DELAY_MS) to run a git command in the middle:
 * before the lock is taken, and after each new index is written, before the swap.
 */
function testDelay(env: NodeJS.ProcessEnv): Promise<void> {
  const ms = Number(env.ML_HOOKS_TEST_INDEX_DELAY_MS ?? 0);
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/**
 * The locks git handed this hook (GIT_INDEX_FILE when it is a `.lock`, and the index.lock beside
 * a temporary commit index), by inode: what a hook whose git was killed may clean up.
 */
export function gitHeldLocks(repo: Repo): Map<string, number> {
  const given = repo.env.GIT_INDEX_FILE ? resolve(repo.root, repo.env.GIT_INDEX_FILE) : undefined;
  const locks = new Map<string, number>();
  if (given === undefined) return locks;
  for (const target of indexTargets(given, dirname(given), existsSync)) {
    if (!target.heldByGit) continue;
    const ino = inodeOf(target.path);
    if (ino !== undefined) locks.set(target.path, ino);
  }
  return locks;
}

/**
 * Removes git's locks after git died during the hook (SIGKILL gives git no chance to): each one
 * only while it is still the file the hook last saw, so a lock another git took since is safe.
 */
export function removeLocksOfDeadGit(locks: ReadonlyMap<string, number>): string[] {
  const removed: string[] = [];
  for (const [path, ino] of locks) {
    if (inodeOf(path) !== ino) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/** The git that runs a hook is its parent (the hook script execs the runner, which execs node). */
export function gitOfHookIsGone(parentAtStart: number, env: NodeJS.ProcessEnv): boolean {
  if (process.ppid !== parentAtStart) return true;
  // A temporary commit index is named after its git's process id.
  const pid = /next-index-(\d+)\.lock$/.exec(env.GIT_INDEX_FILE ?? '')?.[1];
  if (pid === undefined) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function inodeOf(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}
