// What every hook step may use: the repository (the git door), its settings and the index, each
// loaded once and only when a step asks (a commit with nothing to do pays for nothing).
import type { Writable } from 'node:stream';
import { Repo } from '../git/repo.js';
import type { StagedEntry } from '../git/parseDiffRaw.js';
import { gitHeldLocks, gitOfHookIsGone, IndexChangedError, IndexLockedError, removeLocksOfDeadGit, writeIndexEntries, type IndexEntryUpdate } from '../git/indexWriter.js';
import type { Settings } from '../config/settings.js';
import { loadSettings } from '../settings/loadSettings.js';
import { CommandError } from '../errors/commandError.js';
import { invalidConfiguration } from '../messages/cli.js';
import { indexChangedDuringHook, indexLockedDuringHook, removedLocksOfKilledGit } from '../messages/hooks.js';

export interface HookContext {
  /** The top of the working tree (git runs hooks there). */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly repo: Repo;
  /**
   * The repository's settings, loaded once (warnings printed once). Invalid configuration stops
   * the hook: it throws CommandError('config'), which the CLI turns into exit code 2.
   */
  settings(): Promise<Settings>;
  /** What is staged against HEAD; re-read after a step changes the index. */
  stagedEntries(): StagedEntry[];
  /**
   * Changes index entries through the one index writer (the index git will keep, under its lock),
   * unless another command staged one of these paths since the step read them (the commit stops:
   * HookBlock). `alongside` runs in the same synchronous step as the index swap (see
   * writeIndexEntries): renames of the step's prepared working files.
   */
  updateIndex(entries: readonly IndexEntryUpdate[], alongside?: () => void): Promise<void>;
  /** Whether a step changed the index. */
  readonly indexChanged: boolean;
  /** The paths whose index entries steps replaced. */
  readonly updatedPaths: ReadonlySet<string>;
  close(): void;
}

/** Thrown by a step (or the context) to stop the commit or push with this text. */
export class HookBlock extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

export function makeHookContext(base: { cwd: string; env: NodeJS.ProcessEnv; stdout: Writable; stderr: Writable }): HookContext {
  const repo = new Repo(base.cwd, base.env);
  const parentAtStart = process.ppid;
  let locks = gitHeldLocks(repo);
  let settings: Promise<Settings> | undefined;
  let staged: StagedEntry[] | undefined;
  // What the index held, as the steps read it: blob id by path (null: not there). Paths that are
  // not staged changes hold what HEAD holds.
  let seen = new Map<string, string | null>();
  let changed = false;
  const updatedPaths = new Set<string>();

  const readStaged = (): StagedEntry[] => {
    const entries = repo.stagedChanges();
    seen = new Map();
    for (const e of entries) {
      seen.set(e.path, e.status === 'D' ? null : e.dstOid);
      if (e.status === 'R' && e.fromPath !== undefined) seen.set(e.fromPath, null);
    }
    return entries;
  };
  const seenAt = async (paths: readonly string[]): Promise<Map<string, string | null>> => {
    const unknown = paths.filter((p) => !seen.has(p) && !p.includes('\n'));
    if (unknown.length > 0) {
      const head = repo.hasHead() ? await repo.objectInfo(unknown.map((p) => `HEAD:${p}`)) : [];
      unknown.forEach((p, i) => seen.set(p, head[i]?.oid ?? null));
    }
    return seen;
  };

  return {
    ...base,
    repo,
    settings: () =>
      (settings ??= loadSettings(repo.root, repo.env).then((s) => {
        for (const w of s.warnings) base.stderr.write(`${w}\n`);
        if (s.errors.length > 0) throw new CommandError('config', invalidConfiguration('hook', s.errors));
        return s;
      })),
    stagedEntries: () => (staged ??= readStaged()),
    async updateIndex(entries, alongside) {
      if (entries.length === 0) return;
      const known = await seenAt(entries.map((e) => e.path));
      try {
        await writeIndexEntries(repo, entries.map((e) => (known.has(e.path) ? { ...e, seen: known.get(e.path)! } : e)), alongside);
      } catch (error) {
        if (error instanceof IndexChangedError) throw new HookBlock(indexChangedDuringHook(error.paths));
        if (error instanceof IndexLockedError) throw new HookBlock(indexLockedDuringHook(error.lock));
        throw error;
      }
      changed = true;
      for (const e of entries) {
        updatedPaths.add(e.path);
        seen.set(e.path, e.oid ?? null);
      }
      staged = undefined;
      locks = gitHeldLocks(repo); // our swap replaced git's lock files: these are the ones to watch now
    },
    get indexChanged() {
      return changed;
    },
    updatedPaths,
    close() {
      repo.close();
      // Killed (SIGKILL), git could not remove its locks: a dead commit's locks only block the next command.
      if (locks.size > 0 && gitOfHookIsGone(parentAtStart, repo.env)) {
        const removed = removeLocksOfDeadGit(locks);
        if (removed.length > 0) base.stderr.write(removedLocksOfKilledGit(removed));
      }
    },
  };
}
