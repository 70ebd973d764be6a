// What every hook step may use: the repository, the configuration and the index, each loaded
// once and only when a step asks (a commit with nothing to do pays for nothing).
import type { Writable } from 'node:stream';
import { basename, dirname, join, resolve } from 'node:path';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { git } from '../git/runGit.js';
import { getStagedEntries } from '../git/getStagedEntries.js';
import { updateIndexInfo, type IndexInfoEntry } from '../git/writeObjects.js';
import { CatFileBatch } from '../git/catFileBatch.js';
import type { StagedEntry } from '../git/parseDiffRaw.js';
import type { ConfigResult } from '../config/validateConfig.js';
import type { MlHooksConfig } from '../config/mlHooksConfig.js';
import { configErrors } from '../messages/config.js';
import { loadConfig } from '../config/loadConfig.js';
import { holdSignals } from '../fs/holdSignals.js';

export interface HookContext {
  /** The top of the working tree (git runs hooks there). */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** The configuration; invalid configuration throws HookBlock (warnings are printed once). */
  config(): Promise<MlHooksConfig>;
  /** The configuration with where each value came from, errors and warnings (never throws for them). */
  configResult(): Promise<ConfigResult>;
  /** What is staged against HEAD; re-read after a step changes the index. */
  stagedEntries(): Promise<StagedEntry[]>;
  /** One `git cat-file --batch` shared by the steps (closed when the hook ends). */
  catFile(): CatFileBatch;
  /** Replaces index entries in one atomic step (see writeIndexAtomically). */
  updateIndex(entries: readonly IndexInfoEntry[]): Promise<void>;
  /** Tells the context that a step changed these index entries by its own means. */
  indexChangedBy(paths: readonly string[]): void;
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
  let configResult: Promise<ConfigResult> | undefined;
  let config: Promise<MlHooksConfig> | undefined;
  let staged: Promise<StagedEntry[]> | undefined;
  let batch: CatFileBatch | undefined;
  let changed = false;
  const updatedPaths = new Set<string>();
  const { cwd, env } = base;
  return {
    ...base,
    // The project's files only: steps that strip add nbstripout's git config keys themselves.
    configResult: () => (configResult ??= loadConfig(cwd)),
    config() {
      return (config ??= this.configResult().then((r) => {
        for (const w of r.warnings) base.stderr.write(`${w}\n`);
        if (r.errors.length > 0) throw new HookBlock(configErrors(r.errors));
        return r.config;
      }));
    },
    stagedEntries: () => (staged ??= getStagedEntries(cwd, env)),
    catFile: () => (batch ??= new CatFileBatch(cwd, env)),
    async updateIndex(entries) {
      if (entries.length === 0) return;
      await writeIndexAtomically(entries, cwd, env);
      changed = true;
      for (const e of entries) updatedPaths.add(e.path);
      staged = undefined;
    },
    indexChangedBy(paths) {
      changed = true;
      for (const p of paths) updatedPaths.add(p);
      staged = undefined;
    },
    get indexChanged() {
      return changed;
    },
    updatedPaths,
    close: () => batch?.close(),
  };
}

/** The index file this hook must change: the one git gave us (index.lock during `git commit`). */
export async function indexFilePath(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const given = env.GIT_INDEX_FILE;
  if (given) return resolve(cwd, given);
  const path = (await git(['rev-parse', '--git-path', 'index'], { cwd, env })).trim();
  return resolve(cwd, path);
}

/**
 * Updates a copy of the index and renames it over the original, so an interrupted hook (Ctrl-C,
 * kill, a git error) leaves the index exactly as it was: git's own lock protects the copy while
 * `update-index` writes it, and a rename is all-or-nothing.
 */
export async function writeIndexAtomically(entries: readonly IndexInfoEntry[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const index = await indexFilePath(cwd, env);
  await replaceInIndexFile(index, entries, cwd, env);
  // `git commit PATH…` gives hooks a temporary index (next-index-PID.lock) for the commit and
  // holds the main index as index.lock, which becomes the index afterwards: update it too, so
  // the main index does not keep the unstripped blob staged after the commit.
  const main = join(dirname(index), 'index.lock');
  if (/^next-index-\d+\.lock$/.test(basename(index)) && existsSync(main)) await replaceInIndexFile(main, entries, cwd, env);
}

async function replaceInIndexFile(index: string, entries: readonly IndexInfoEntry[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const tmp = `${index}.ml-hooks-${process.pid}.tmp`;
  // A signal while git writes the copy waits until git is done (git may not have received it):
  // then the copy is removed instead of renamed, and the signal is raised again.
  await holdSignals(async (interrupted) => {
    try {
      copyFileSync(index, tmp);
      await updateIndexInfo(entries, cwd, { ...env, GIT_INDEX_FILE: tmp });
      if (!interrupted()) renameSync(tmp, index);
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}
