// The working-tree side of syncing: reads both files of each pair and their committed versions
// (the baseline), asks `planSync` what to do, and writes what changed (atomically, only files
// whose content changes). Used by `ml-hooks sync` and `ml-hooks pair`.
import { join } from 'node:path';
import type { Repo } from '../git/repo.js';
import type { Pair } from '../pairing/findPair.js';
import { planSync, type SyncPlan, type SyncSource } from '../pairing/planSync.js';
import { writeIfChanged } from '../fs/writeIfChanged.js';
import { readWorkingText } from '../fs/readWorkingText.js';
import { isSymbolicLink, linkTarget } from '../fs/isSymbolicLink.js';
import { fsPath } from '../fs/bytePaths.js';
import { leftSymbolicLinkAlone } from '../messages/cli.js';
import { conflictScopes } from '../git/conflictScopes.js';
import { findConflictsInText, mayHoldMarkers } from '../merge/findConflicts.js';
import { findTextConflicts } from '../merge/findTextConflicts.js';

export interface PairOutcome {
  pair: Pair;
  plan: SyncPlan;
  /** Paths (repository-relative) that were written. */
  written: string[];
  /** Set when the pair was left alone, and why (a side is a symbolic link). */
  skipped?: { path: string; reason: string };
  /** Set when the script exists, is not the pair's own (SyncOptions.ownsScript) and would be replaced: nothing was written. */
  notOwned?: true;
}

export interface SyncOptions {
  prefer?: SyncSource;
  /** Plan only, write nothing. */
  check?: boolean;
  /** Record the pair in each notebook's metadata (pairing). */
  declare?: boolean;
  /** The repository, to read baselines from HEAD (undefined outside git). */
  repo: Repo | undefined;
  /**
   * Whether an existing script is the pair's own (`ml-hooks pair`: isTextOfNotebook). When given,
   * a pair whose script it is not is left alone whenever syncing would replace either side's
   * inputs with the other's: a module that merely shares the notebook's name is never rewritten.
   */
  ownsScript?: (pair: Pair, script: string) => boolean;
}

export async function syncWorkingTree(root: string, pairs: readonly Pair[], options: SyncOptions): Promise<PairOutcome[]> {
  const baselines = options.repo ? await options.repo.readBlobs(pairs.flatMap((p) => [`HEAD:${p.notebook}`, `HEAD:${p.script}`])) : new Map<string, Buffer | undefined>();
  const texts = new Map(pairs.flatMap((p) => [p.notebook, p.script]).map((path) => [path, readWorkingText(root, path)]));
  // Only the files that may hold a marker are scanned (their attributes and HEAD's blobs asked).
  const marked = new Set([...texts].filter(([, text]) => text !== undefined && mayHoldMarkers(text)).map(([path]) => path));
  const mayBeMarked = pairs.filter((p) => marked.has(p.script) || marked.has(p.notebook)).flatMap((p) => [p.script, p.notebook]);
  const scope = options.repo ? await conflictScopes(options.repo, mayBeMarked) : () => ({ merging: false });
  const outcomes: PairOutcome[] = [];
  for (const pair of pairs) {
    const nbPath = join(root, pair.notebook);
    const scriptPath = join(root, pair.script);
    const link = [pair.notebook, pair.script].find((p) => isSymbolicLink(fsPath(join(root, p))));
    if (link !== undefined) {
      outcomes.push({ pair, plan: { kind: 'in-sync' }, written: [], skipped: { path: link, reason: leftSymbolicLinkAlone(linkTarget(fsPath(join(root, link)))) } });
      continue;
    }
    const baseNb = baselines.get(`HEAD:${pair.notebook}`);
    const baseScript = baselines.get(`HEAD:${pair.script}`);
    const script = texts.get(pair.script);
    const notebook = texts.get(pair.notebook);
    const plan = planSync({
      current: { notebook, script },
      baseline: { notebook: baseNb?.toString('utf8'), script: baseScript?.toString('utf8') },
      format: pair.format,
      ...(options.prefer ? { prefer: options.prefer } : {}),
      ...(options.declare ? { declareFormats: pair.formats } : {}),
      ...(script !== undefined && mayHoldMarkers(script) ? { scriptConflicts: findTextConflicts(script, scope(pair.script, pair.notebook)) } : {}),
      ...(notebook !== undefined && mayHoldMarkers(notebook) ? { notebookConflicts: findConflictsInText(notebook, scope(pair.notebook))?.cells ?? [] } : {}),
    });
    if (options.ownsScript && script !== undefined && replacesInputs(plan) && !options.ownsScript(pair, script)) {
      outcomes.push({ pair, plan, written: [], notOwned: true });
      continue;
    }
    const written: string[] = [];
    if (plan.kind === 'update' && !options.check) {
      // The script first: if writing the notebook then fails, the inputs are still in the script.
      if (plan.script !== undefined && writeIfChanged(scriptPath, plan.script)) written.push(pair.script);
      if (plan.notebook !== undefined && writeIfChanged(nbPath, plan.notebook)) written.push(pair.notebook);
    }
    outcomes.push({ pair, plan, written });
    await new Promise((resolve) => setImmediate(resolve)); // let Ctrl-C land between pairs
  }
  return outcomes;
}

/** Does the plan put one side's inputs in place of the other's (not only record the pair)? */
function replacesInputs(plan: SyncPlan): boolean {
  return plan.kind === 'conflict' || (plan.kind === 'update' && (plan.script !== undefined || plan.from === 'script'));
}
