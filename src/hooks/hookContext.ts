// What every hook step may use: the repository (the git door), its settings and the index, each
// loaded once and only when a step asks (a commit with nothing to do pays for nothing).
import type { Writable } from 'node:stream';
import { Repo } from '../git/repo.js';
import type { StagedEntry } from '../git/parseDiffRaw.js';
import { writeIndexEntries, type IndexEntryUpdate } from '../git/indexWriter.js';
import type { Settings } from '../config/settings.js';
import { loadSettings } from '../settings/loadSettings.js';
import { CommandError } from '../errors/commandError.js';
import { invalidConfiguration } from '../messages/cli.js';

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
  /** Changes index entries through the one index writer (the index git will keep, under its lock). */
  updateIndex(entries: readonly IndexEntryUpdate[]): Promise<void>;
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
  let settings: Promise<Settings> | undefined;
  let staged: StagedEntry[] | undefined;
  let changed = false;
  const updatedPaths = new Set<string>();
  return {
    ...base,
    repo,
    settings: () =>
      (settings ??= loadSettings(repo.root, repo.env).then((s) => {
        for (const w of s.warnings) base.stderr.write(`${w}\n`);
        if (s.errors.length > 0) throw new CommandError('config', invalidConfiguration('hook', s.errors));
        return s;
      })),
    stagedEntries: () => (staged ??= repo.stagedChanges()),
    async updateIndex(entries) {
      if (entries.length === 0) return;
      await writeIndexEntries(repo, entries);
      changed = true;
      for (const e of entries) updatedPaths.add(e.path);
      staged = undefined;
    },
    get indexChanged() {
      return changed;
    },
    updatedPaths,
    close: () => repo.close(),
  };
}
