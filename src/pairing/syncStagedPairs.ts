// The pre-commit step of pairing. For every staged notebook or script that belongs to a pair, the
// other side is regenerated and staged in the same commit; HEAD is the sync baseline. Both sides
// edited since HEAD and disagreeing blocks the commit, with nothing written. A new notebook
// matching the pair patterns gets its script; a renamed notebook takes its script along.
// Blobs go straight into the object store and the index; a working file is rewritten only when
// that loses nothing (its content was what the index held, or it did not exist).
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { indexModes, readObjects, stagedChanges, updateIndex, writeBlob, type IndexEntry } from '../git/gitObjects.js';
import * as msg from '../messages/pairing.js';
import { findPair, isNotebookPath, isScriptPath, type OnSkipped, type Pair } from './findPair.js';
import type { PairConfig } from './pairConfig.js';
import { writeIfChanged } from './writeIfChanged.js';

// Converting (and its YAML parser) is loaded only when a staged file belongs to a pair: most
// commits touch none, and every commit pays for what the hook loads.
const loadConversion = async () => {
  // One at a time: concurrent imports of shared modules trip jest's ESM loader.
  const codec = await import('../notebook/codec.js');
  const toScript = await import('../jupytext/notebookToScript.js');
  const toNotebook = await import('../jupytext/scriptToNotebook.js');
  const merge = await import('./mergeScriptIntoNotebook.js');
  const planner = await import('./planSync.js');
  return { ...codec, ...toScript, ...toNotebook, ...merge, ...planner };
};
type Conversion = Awaited<ReturnType<typeof loadConversion>>;

export interface StagedPairsResult {
  /** True when the commit must not go on (a conflict or a file that cannot be read). */
  blocked: boolean;
  /** Lines for the user (stderr), each ending with a newline. */
  messages: string[];
  /** Paths whose staged content this step changed or added. */
  staged: string[];
}

function readWorking(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

const text = (b: Buffer | undefined): string | undefined => b?.toString('utf8');

/**
 * Syncs the pairs touched by the staged changes. `stagedPaths` limits the step to those paths
 * (the hook runner's list); by default every staged change is considered.
 */
export async function syncStagedPairs(root: string, config: PairConfig, stagedPaths?: readonly string[]): Promise<StagedPairsResult> {
  const result: StagedPairsResult = { blocked: false, messages: [], staged: [] };
  let changes = await stagedChanges(root);
  if (stagedPaths) {
    const wanted = new Set(stagedPaths);
    changes = changes.filter((c) => wanted.has(c.path) || (c.from !== undefined && wanted.has(c.from)));
  }
  const relevant = changes.filter((c) => c.status !== 'D' && (isNotebookPath(c.path) || isScriptPath(c.path)));
  if (relevant.length === 0) return result;

  const index = await readObjects(root, relevant.map((c) => `:${c.path}`));
  const read = (path: string): string | undefined => (index.has(`:${path}`) ? text(index.get(`:${path}`)) : readWorking(root, path));

  const pairs = new Map<string, { pair: Pair; renamedFrom?: Pair }>();
  const skipped = new Set<string>();
  const onSkipped: OnSkipped = (s) => {
    const line = msg.formatNotSupported(s.path, s.format, s.declaredIn, s.invalid);
    if (!skipped.has(line)) result.messages.push(line);
    skipped.add(line);
  };
  for (const change of relevant) {
    const pair = findPair(change.path, read, config, onSkipped);
    if (!pair) continue;
    let renamedFrom: Pair | undefined;
    if (change.status === 'R' && change.from !== undefined && isNotebookPath(change.from)) {
      const head = await readObjects(root, [`HEAD:${change.from}`]);
      const old = findPair(change.from, (p) => (p === change.from ? text(head.get(`HEAD:${change.from}`)) : readWorking(root, p)), config);
      if (old && old.script !== pair.script) renamedFrom = old;
    }
    pairs.set(pair.notebook, { pair, ...(renamedFrom ? { renamedFrom } : {}) });
  }
  if (pairs.size === 0) return result;
  const conversion = await loadConversion();
  const { planSync } = conversion;

  const names = [...pairs.values()].flatMap(({ pair, renamedFrom }) => [
    `:${pair.notebook}`, `:${pair.script}`, `HEAD:${pair.notebook}`, `HEAD:${pair.script}`,
    ...(renamedFrom ? [`:${renamedFrom.script}`, `HEAD:${renamedFrom.notebook}`, `HEAD:${renamedFrom.script}`] : []),
  ]);
  const blobs = await readObjects(root, names);
  const modes = await indexModes(root, [...pairs.values()].flatMap(({ pair }) => [pair.notebook, pair.script]));
  const entries: IndexEntry[] = [];

  for (const { pair, renamedFrom } of pairs.values()) {
    const stagedNb = text(blobs.get(`:${pair.notebook}`));
    let stagedScript = text(blobs.get(`:${pair.script}`));
    let baseScript = text(blobs.get(`HEAD:${pair.script}`));
    let baseNb = text(blobs.get(`HEAD:${pair.notebook}`));
    let oldScriptStaged: string | undefined;
    if (renamedFrom) {
      // The notebook moved: its script moves too (the old script is the baseline of the new one).
      oldScriptStaged = text(blobs.get(`:${renamedFrom.script}`));
      stagedScript ??= oldScriptStaged;
      baseScript ??= text(blobs.get(`HEAD:${renamedFrom.script}`));
      baseNb ??= text(blobs.get(`HEAD:${renamedFrom.notebook}`));
    }
    const plan = planSync({ current: { notebook: stagedNb, script: stagedScript }, baseline: { notebook: baseNb, script: baseScript }, format: pair.format });
    if (plan.kind === 'conflict') {
      result.blocked = true;
      result.messages.push(msg.conflict(pair.notebook, pair.script, plan.reason, true));
      continue;
    }
    if (plan.kind === 'error') {
      result.blocked = true;
      result.messages.push(msg.badSide(plan.side === 'notebook' ? pair.notebook : pair.script, plan.reason));
      continue;
    }
    const newScript = plan.kind === 'update' && plan.script !== undefined ? plan.script : stagedScript;
    const newNb = plan.kind === 'update' && plan.notebook !== undefined ? plan.notebook : stagedNb;

    // The side being regenerated may hold unstaged edits of its own: committing the other side's
    // version would set them up to be undone later. Both edits must be looked at together.
    if (plan.kind === 'update') {
      const scriptBefore = text(blobs.get(`:${pair.script}`)) ?? oldScriptStaged;
      const workingScript = readWorking(root, pair.script);
      const scriptDirty = plan.from === 'notebook' && workingScript !== undefined && scriptBefore !== undefined && workingScript !== scriptBefore && workingScript !== newScript;
      const notebookDirty = plan.from === 'script' && stagedNb !== undefined && workingInputsDiffer(conversion, root, pair, stagedNb);
      if (scriptDirty || notebookDirty) {
        result.blocked = true;
        result.messages.push(msg.unstagedOtherSide(scriptDirty ? pair.script : pair.notebook, scriptDirty ? pair.notebook : pair.script));
        continue;
      }
    }

    if (newScript !== undefined && newScript !== text(blobs.get(`:${pair.script}`))) {
      entries.push({ path: pair.script, mode: modes.get(pair.script) ?? '100644', sha: await writeBlob(root, newScript) });
      result.staged.push(pair.script);
      const working = readWorking(root, pair.script);
      const before = text(blobs.get(`:${pair.script}`)) ?? oldScriptStaged;
      if (working === undefined || working === before || working === newScript) writeIfChanged(join(root, pair.script), newScript);
      else result.messages.push(msg.workingCopyKept(pair.script));
    }
    if (newNb !== undefined && newNb !== stagedNb) {
      entries.push({ path: pair.notebook, mode: modes.get(pair.notebook) ?? '100644', sha: await writeBlob(root, newNb) });
      result.staged.push(pair.notebook);
      updateWorkingNotebook(conversion, root, pair, stagedNb, newScript, result);
    }
    if (renamedFrom && oldScriptStaged !== undefined) {
      entries.push({ path: renamedFrom.script });
      result.staged.push(renamedFrom.script);
      const working = readWorking(root, renamedFrom.script);
      if (working !== undefined && working === oldScriptStaged) unlinkSync(join(root, renamedFrom.script));
      result.messages.push(msg.scriptMoved(renamedFrom.script, pair.script));
    }
  }
  if (!result.blocked) await updateIndex(root, entries);
  else result.staged = [];
  return result;
}

/** Do the working notebook's inputs differ from the staged notebook's (unstaged notebook edits)? */
function workingInputsDiffer(c: Conversion, root: string, pair: Pair, stagedNb: string): boolean {
  const working = readWorking(root, pair.notebook);
  if (working === undefined || working === stagedNb) return false;
  try {
    return c.notebookToScript(c.readNotebook(working), pair.format) !== c.notebookToScript(c.readNotebook(stagedNb), pair.format);
  } catch {
    return true;
  }
}

/**
 * The working notebook usually holds outputs the index does not (stripped at staging). Its
 * inputs are brought in line with the script, keeping outputs of unchanged cells, when its
 * inputs were those of the staged notebook (so no unstaged notebook edit is overwritten).
 */
function updateWorkingNotebook(c: Conversion, root: string, pair: Pair, stagedNb: string | undefined, script: string | undefined, result: StagedPairsResult): void {
  if (script === undefined) return;
  const working = readWorking(root, pair.notebook);
  try {
    if (working === undefined) {
      writeIfChanged(join(root, pair.notebook), c.writeNotebook(c.scriptToNotebook(script, pair.format)));
      return;
    }
    const workingNb = c.readNotebook(working);
    const sameInputs = stagedNb !== undefined && c.notebookToScript(workingNb, pair.format) === c.notebookToScript(c.readNotebook(stagedNb), pair.format);
    if (!sameInputs) {
      result.messages.push(msg.workingCopyKept(pair.notebook));
      return;
    }
    writeIfChanged(join(root, pair.notebook), c.writeNotebook(c.mergeScriptIntoNotebook(workingNb, c.scriptToNotebook(script, pair.format))));
  } catch {
    result.messages.push(msg.workingCopyKept(pair.notebook));
  }
}
