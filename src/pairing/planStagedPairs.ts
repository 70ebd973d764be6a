// The commit-time pairing decision, as a pure function: for every staged notebook or script that
// belongs to a pair, the texts of both sides (staged, committed in HEAD, in the working tree) in;
// the index entries to write, the working files to rewrite, the messages, or a block out. HEAD is
// the sync baseline. Both sides edited since HEAD and disagreeing blocks the commit with nothing
// written. A renamed notebook takes its script along. A working file is rewritten only when that
// loses nothing (its content was what the index held, or it did not exist).
import { readNotebook, writeNotebook } from '../notebook/codec.js';
import { notebookInputs } from './pairInputs.js';
import { scriptToNotebook } from '../jupytext/scriptToNotebook.js';
import { mergeScriptIntoNotebook } from './mergeScriptIntoNotebook.js';
import { planSync } from './planSync.js';
import type { Pair } from './findPair.js';
import * as msg from '../messages/pairing.js';
import { conflictsBlockCommit, unresolvedConflicts, unresolvedScriptConflicts } from '../messages/merge.js';
import type { TextConflict } from '../merge/findTextConflicts.js';
import { declaresPairWith } from './findPair.js';
import { notebookWithoutPairing, scriptWithoutPairing } from './unpairSide.js';

/** One pair touched by the staged changes, with every text the decision needs. */
export interface StagedPairJob {
  pair: Pair;
  /** The pair the notebook had before a staged rename, when its script moves too. */
  renamedFrom?: Pair;
  staged: { notebook?: string; script?: string; oldScript?: string };
  head: { notebook?: string; script?: string; oldNotebook?: string; oldScript?: string };
  working: { notebook?: string; script?: string; oldScript?: string };
  /** Index modes of the two sides (`100644` when new). */
  modes: { notebook?: string; script?: string };
  /** Where the pair is declared, for messages (see findPair's declaredWhere). */
  declaredWhere?: string;
  /** Conflict markers in the staged script (see planSync), found by the caller. */
  scriptConflicts?: readonly TextConflict[];
}

export type IndexChange = { path: string; mode: string; content: string } | { path: string; remove: true };

export interface StagedPairsPlan {
  /** True when the commit must not go on (a conflict or a file that cannot be read): nothing is applied. */
  blocked: boolean;
  /** Lines for the user (stderr), each ending with a newline. */
  messages: string[];
  index: IndexChange[];
  /** Working files to (re)write, after the index is updated. */
  writes: { path: string; content: string }[];
  /** Working files to delete (a moved script whose old copy held nothing else). */
  removals: string[];
}

export function planStagedPairs(jobs: readonly StagedPairJob[]): StagedPairsPlan {
  const plan: StagedPairsPlan = { blocked: false, messages: [], index: [], writes: [], removals: [] };
  for (const job of jobs) planOne(job, plan);
  if (plan.blocked) return { ...plan, index: [], writes: [], removals: [] };
  return plan;
}

function planOne(job: StagedPairJob, plan: StagedPairsPlan): void {
  const { pair, renamedFrom, staged, head, working } = job;
  const stagedNb = staged.notebook;
  // A side of a committed pair that the user deleted in this commit stays deleted: a decision,
  // not a file to bring back.
  const committedPair = head.notebook !== undefined && head.script !== undefined;
  if (!renamedFrom && committedPair && (stagedNb === undefined || staged.script === undefined)) {
    planDeletion(job, plan);
    return;
  }
  // The notebook moved: its script moves too (the old script is the baseline of the new one),
  // unless the new place already holds a file of its own.
  const stagedScript = staged.script ?? (renamedFrom && working.script === undefined ? staged.oldScript : undefined);
  const baseScript = head.script ?? (renamedFrom ? head.oldScript : undefined);
  const baseNb = head.notebook ?? (renamedFrom ? head.oldNotebook : undefined);
  const sync = planSync({ current: { notebook: stagedNb, script: stagedScript }, baseline: { notebook: baseNb, script: baseScript }, format: pair.format, ...(job.scriptConflicts ? { scriptConflicts: job.scriptConflicts } : {}) });
  // Both files there, disagreeing, and nothing says they belong together: the script may be a
  // module that only shares the notebook's name. Pairing never overwrites a file it does not own.
  const scriptThere = staged.script !== undefined || working.script !== undefined;
  if (sync.kind !== 'in-sync' && sync.kind !== 'error' && scriptThere && (stagedNb ?? working.notebook) !== undefined && !belongTogether(job)) {
    plan.blocked = true;
    plan.messages.push(msg.notItsScript(pair.notebook, pair.script));
    return;
  }
  if (sync.kind === 'conflict') {
    plan.blocked = true;
    plan.messages.push(msg.conflict(pair.notebook, pair.script, sync.reason, true));
    return;
  }
  if (sync.kind === 'unresolved') {
    // The conflict step stops such a commit first; this holds wherever the plan is made.
    plan.blocked = true;
    plan.messages.push(
      sync.side === 'script'
        ? conflictsBlockCommit([], [{ path: pair.script, ...unresolvedScriptConflicts(pair.script, pair.notebook, sync.conflicts, sync.otherMarked) }])
        : conflictsBlockCommit([{ path: pair.notebook, ...unresolvedConflicts(pair.notebook, { cells: sync.cells, values: [] }) }]),
    );
    return;
  }
  if (sync.kind === 'error') {
    plan.blocked = true;
    plan.messages.push(msg.badSide(sync.side === 'notebook' ? pair.notebook : pair.script, sync.reason));
    return;
  }
  const newScript = sync.kind === 'update' && sync.script !== undefined ? sync.script : stagedScript;
  const newNb = sync.kind === 'update' && sync.notebook !== undefined ? sync.notebook : stagedNb;
  const scriptBefore = staged.script ?? staged.oldScript;

  // The side being regenerated may hold unstaged edits of its own: committing the other side's
  // version would set them up to be undone later. Both edits must be looked at together.
  if (sync.kind === 'update') {
    const scriptDirty = sync.from === 'notebook' && working.script !== undefined && scriptBefore !== undefined && working.script !== scriptBefore && working.script !== newScript;
    const notebookDirty = sync.from === 'script' && stagedNb !== undefined && inputsDiffer(working.notebook, stagedNb, pair);
    if (scriptDirty || notebookDirty) {
      plan.blocked = true;
      plan.messages.push(msg.unstagedOtherSide(scriptDirty ? pair.script : pair.notebook, scriptDirty ? pair.notebook : pair.script));
      return;
    }
  }

  // A side regenerated into the index while a different file of that name sits untracked in the
  // working tree would be hidden behind it.
  const shadowed =
    newScript !== undefined && newScript !== staged.script && staged.script === undefined && working.script !== undefined && working.script !== newScript
      ? pair.script
      : newNb !== undefined && newNb !== stagedNb && stagedNb === undefined && working.notebook !== undefined && workingNotebook(working.notebook, newNb, newScript, pair) === 'kept'
        ? pair.notebook
        : undefined;
  if (shadowed !== undefined) {
    plan.blocked = true;
    plan.messages.push(msg.untrackedSide(shadowed, shadowed === pair.script ? pair.notebook : pair.script));
    return;
  }

  if (newScript !== undefined && newScript !== staged.script) {
    plan.index.push({ path: pair.script, mode: job.modes.script ?? '100644', content: newScript });
    if (working.script === undefined || working.script === scriptBefore || working.script === newScript) {
      if (working.script !== newScript) plan.writes.push({ path: pair.script, content: newScript });
    } else {
      plan.messages.push(msg.workingCopyKept(pair.script));
    }
  }
  if (newNb !== undefined && newNb !== stagedNb) {
    plan.index.push({ path: pair.notebook, mode: job.modes.notebook ?? '100644', content: newNb });
    const write = workingNotebook(working.notebook, stagedNb, newScript, pair);
    if (write === 'kept') plan.messages.push(msg.workingCopyKept(pair.notebook));
    else if (write !== undefined && write !== working.notebook) plan.writes.push({ path: pair.notebook, content: write });
  }
  if (renamedFrom && staged.oldScript !== undefined) {
    plan.index.push({ path: renamedFrom.script, remove: true });
    if (working.oldScript !== undefined && working.oldScript === staged.oldScript) plan.removals.push(renamedFrom.script);
    plan.messages.push(msg.scriptMoved(renamedFrom.script, pair.script));
  }
}

/**
 * Is the file at the script's path the pair's own? It is when the two were committed together
 * (HEAD has both), when the script declares the pair itself (a Jupytext header with formats:
 * the notebook's own declaration does not count, it names whatever file has its stem), or when
 * it is the script that moves with a renamed notebook.
 */
function belongTogether(job: StagedPairJob): boolean {
  const { pair, head, staged, working, renamedFrom } = job;
  if (head.notebook !== undefined && head.script !== undefined) return true;
  const script = staged.script ?? working.script;
  if (declaresPairWith(pair.script, script, pair.notebook)) return true;
  return renamedFrom !== undefined && script !== undefined && script === head.oldScript;
}

/**
 * One side of a committed pair is deleted in this commit (the other stays). The deletion is kept,
 * and the side that stays stops declaring the pair, so that the next commit does not bring the
 * deleted file back: the script's header loses its formats line, the notebook's formats its
 * entry. A pair the configuration declares cannot be undone that way: deleting its script is
 * stopped, with the commands; deleting its notebook leaves the script a script of its own.
 */
function planDeletion(job: StagedPairJob, plan: StagedPairsPlan): void {
  const { pair, staged, working } = job;
  if (staged.notebook === undefined && staged.script === undefined) return; // both deleted
  if (staged.notebook === undefined) {
    const unpaired = scriptWithoutPairing(staged.script!, pair.script);
    if (unpaired !== undefined) {
      plan.index.push({ path: pair.script, mode: job.modes.script ?? '100644', content: unpaired });
      const workingUnpaired = working.script === staged.script ? unpaired : working.script !== undefined ? scriptWithoutPairing(working.script, pair.script) : undefined;
      if (workingUnpaired !== undefined) plan.writes.push({ path: pair.script, content: workingUnpaired });
    }
    plan.messages.push(msg.scriptUnpaired(pair.notebook, pair.script, unpaired !== undefined));
    return;
  }
  if (pair.declaredIn !== 'notebook') {
    plan.blocked = true;
    plan.messages.push(msg.configuredScriptDeleted(pair.script, pair.notebook, job.declaredWhere ?? 'the configuration'));
    return;
  }
  const unpaired = notebookWithoutPairing(staged.notebook, pair.notebook, pair.script);
  if (unpaired === undefined) return;
  plan.index.push({ path: pair.notebook, mode: job.modes.notebook ?? '100644', content: unpaired.text });
  const workingUnpaired = working.notebook !== undefined ? notebookWithoutPairing(working.notebook, pair.notebook, pair.script) : undefined;
  if (workingUnpaired !== undefined) plan.writes.push({ path: pair.notebook, content: workingUnpaired.text });
  plan.messages.push(msg.notebookUnpaired(pair.script, pair.notebook, unpaired.formats));
}

/** Do the working notebook's inputs differ from the staged notebook's (unstaged notebook edits)? */
function inputsDiffer(working: string | undefined, stagedNb: string, pair: Pair): boolean {
  if (working === undefined || working === stagedNb) return false;
  try {
    return notebookInputs(readNotebook(working), pair.format) !== notebookInputs(readNotebook(stagedNb), pair.format);
  } catch {
    return true;
  }
}

/**
 * The working notebook usually holds outputs the index does not (stripped at staging). Its
 * inputs are brought in line with the script, keeping outputs of unchanged cells, when its
 * inputs were those of the staged notebook (so no unstaged notebook edit is overwritten).
 * Returns the new text, 'kept' when it must stay as it is, undefined when nothing is to be done.
 */
function workingNotebook(working: string | undefined, stagedNb: string | undefined, script: string | undefined, pair: Pair): string | 'kept' | undefined {
  if (script === undefined) return undefined;
  try {
    if (working === undefined) return writeNotebook(scriptToNotebook(script, pair.format));
    const workingNb = readNotebook(working);
    const sameInputs = stagedNb !== undefined && notebookInputs(workingNb, pair.format) === notebookInputs(readNotebook(stagedNb), pair.format);
    if (!sameInputs) return 'kept';
    return writeNotebook(mergeScriptIntoNotebook(workingNb, scriptToNotebook(script, pair.format)));
  } catch {
    return 'kept';
  }
}
