// Deciding how to bring a notebook and its paired script into agreement, as a pure function of
// their texts now and at the baseline (the last commit). The side that changed since the
// baseline provides the inputs, unless the caller prefers a side (`sync --prefer`): then that
// side does whenever the two differ. The notebook always provides the outputs. When both sides
// changed and disagree and no side is preferred, the plan is a conflict, and nothing is written.
// A side holding conflict markers is never read as the inputs, preferred or not.
import { readNotebook, writeNotebook } from '../notebook/codec.js';
import { NotebookError } from '../notebook/errors.js';
import { isPyObject, newPyObject, type PyObject } from '../notebook/pyjson.js';
import { notebookToScript } from '../jupytext/notebookToScript.js';
import type { ScriptFormat } from '../jupytext/scriptFormat.js';
import { scriptToNotebook } from '../jupytext/scriptToNotebook.js';
import { mergeScriptIntoNotebook } from './mergeScriptIntoNotebook.js';
import { notebookInputs, scriptInputs } from './pairInputs.js';
import type { TextConflict } from '../merge/findTextConflicts.js';
import type { MarkedCell } from '../merge/findConflicts.js';

export interface PairTexts {
  /** Text of the .ipynb, or undefined when the file does not exist. */
  notebook?: string | undefined;
  /** Text of the script, or undefined when the file does not exist. */
  script?: string | undefined;
}

export type SyncSource = 'notebook' | 'script';

export interface SyncInput {
  current: PairTexts;
  /** The versions both files had when last in sync (HEAD); absent sides were not committed. */
  baseline?: PairTexts;
  format: ScriptFormat;
  /** The side to take the inputs from whenever the two differ (`sync --prefer`). */
  prefer?: SyncSource;
  /** `formats` value to declare in the notebook's jupytext metadata (pairing a new notebook). */
  declareFormats?: string;
  makeId?: () => string;
  /**
   * Conflict markers git's text merge left in the script (src/merge/findTextConflicts.ts, which
   * the caller asks with the repository's scope). A script holding them never provides the
   * inputs: the plan is `unresolved` when it would.
   */
  scriptConflicts?: readonly TextConflict[];
  /** The same of the notebook: cells holding markers (src/merge/findConflicts.ts). */
  notebookConflicts?: readonly MarkedCell[];
}

export type SyncPlan =
  | { kind: 'in-sync' }
  | { kind: 'update'; notebook?: string; script?: string; from: SyncSource }
  | { kind: 'conflict'; reason: 'both-changed' | 'no-baseline' }
  | { kind: 'error'; side: SyncSource; reason: string }
  /**
   * The side that would have provided the inputs holds conflict markers; `otherMarked`: the other
   * side holds some too (so preferring it does not help either).
   */
  | { kind: 'unresolved'; side: 'script'; conflicts: TextConflict[]; otherMarked: boolean }
  | { kind: 'unresolved'; side: 'notebook'; cells: MarkedCell[]; otherMarked: boolean }
  | { kind: 'missing' };

export class SideError extends Error {
  constructor(
    readonly side: SyncSource,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function parseNotebook(text: string): PyObject {
  let nb: PyObject;
  try {
    nb = readNotebook(text);
  } catch (error) {
    if (error instanceof NotebookError) throw new SideError('notebook', error.reason ?? error.message);
    throw error;
  }
  if (typeof nb.nbformat === 'number' && nb.nbformat < 4) {
    throw new SideError('notebook', `nbformat ${nb.nbformat} notebooks cannot be paired: upgrade it first with \`jupyter nbconvert --to notebook --inplace FILE\``);
  }
  return nb;
}

function declare(nb: PyObject, formats: string | undefined): PyObject {
  if (formats === undefined) return nb;
  const metadata = isPyObject(nb.metadata) ? nb.metadata : (nb.metadata = newPyObject());
  const jupytext = isPyObject(metadata.jupytext) ? metadata.jupytext : (metadata.jupytext = newPyObject());
  jupytext.formats = formats;
  return nb;
}

/** The script a notebook text gives (its inputs only). */
export function scriptOf(notebookText: string, format: ScriptFormat): string {
  return notebookToScript(parseNotebook(notebookText), format);
}

function readScript(text: string, format: ScriptFormat, makeId?: () => string): PyObject {
  try {
    return scriptToNotebook(text, format, makeId);
  } catch (error) {
    throw new SideError('script', (error as Error).message);
  }
}

/** The inputs of a script, for comparing versions of either side (see pairInputs.ts). */
function inputsOfScript(script: string, format: ScriptFormat): string {
  try {
    return scriptInputs(script, format);
  } catch (error) {
    throw new SideError('script', (error as Error).message);
  }
}

export function planSync(input: SyncInput): SyncPlan {
  try {
    return plan(input);
  } catch (error) {
    if (error instanceof SideError) return { kind: 'error', side: error.side, reason: error.reason };
    throw error;
  }
}

function plan(input: SyncInput): SyncPlan {
  const { current, format, baseline } = input;
  if (current.notebook === undefined && current.script === undefined) return { kind: 'missing' };
  const scriptConflicts = input.scriptConflicts ?? [];
  const notebookConflicts = input.notebookConflicts ?? [];
  const unresolved = (side: SyncSource): SyncPlan =>
    side === 'script'
      ? { kind: 'unresolved', side, conflicts: [...scriptConflicts], otherMarked: notebookConflicts.length > 0 }
      : { kind: 'unresolved', side, cells: [...notebookConflicts], otherMarked: scriptConflicts.length > 0 };
  const marked = (side: SyncSource): boolean => (side === 'script' ? scriptConflicts : notebookConflicts).length > 0;

  if (current.script === undefined) {
    if (marked('notebook')) return unresolved('notebook');
    const nb = declare(parseNotebook(current.notebook!), input.declareFormats);
    const notebookText = input.declareFormats !== undefined ? writeNotebook(nb) : current.notebook;
    return { kind: 'update', from: 'notebook', script: notebookToScript(nb, format), ...(notebookText !== current.notebook ? { notebook: notebookText } : {}) };
  }
  if (current.notebook === undefined) {
    if (marked('script')) return unresolved('script');
    const nb = declare(readScript(current.script, format, input.makeId), input.declareFormats);
    const script = notebookToScript(nb, format);
    return { kind: 'update', from: 'script', notebook: writeNotebook(nb), ...(script !== current.script ? { script } : {}) };
  }

  const nb = declare(parseNotebook(current.notebook), input.declareFormats);
  // The notebook is rewritten only to record a new pair; its formatting is not ours to change.
  const notebookText = input.declareFormats !== undefined ? writeNotebook(nb) : current.notebook;
  const fromNotebook = notebookToScript(nb, format);
  // A script that cannot be read is an error, whatever the side. The sides agree when their
  // inputs do, whatever the order of metadata keys (see pairInputs.ts): like is compared with like.
  const currentInputs = inputsOfScript(current.script, format);
  const notebookInputsNow = notebookInputs(nb, format);
  if (fromNotebook === current.script || notebookInputsNow === currentInputs) {
    return notebookText === current.notebook ? { kind: 'in-sync' } : { kind: 'update', from: 'notebook', notebook: notebookText };
  }

  // The two sides disagree. The preferred side wins; otherwise, which one moved since they were
  // last in sync? (A side resolved back to the baseline after a merge did not move, and must not
  // lose to the other side's markers: hence an explicit preference comes first.)
  const notebookChanged = baseline?.notebook === undefined || safeNotebookInputs(baseline.notebook, format) !== notebookInputsNow;
  const scriptChanged = baseline?.script === undefined || (baseline.script !== current.script && safeInputs(baseline.script, format) !== currentInputs);
  let from: SyncSource | undefined = input.prefer;
  if (from === undefined && notebookChanged && !scriptChanged) from = 'notebook';
  else if (from === undefined && scriptChanged && !notebookChanged) from = 'script';
  // Markers are no edit to take.
  if (from !== undefined && marked(from)) return unresolved(from);
  if (from === undefined) {
    if (marked('script')) return unresolved('script');
    if (marked('notebook')) return unresolved('notebook');
    return { kind: 'conflict', reason: baseline?.notebook === undefined && baseline?.script === undefined ? 'no-baseline' : 'both-changed' };
  }

  if (from === 'notebook') {
    return { kind: 'update', from, script: fromNotebook, ...(notebookText !== current.notebook ? { notebook: notebookText } : {}) };
  }
  const merged = mergeScriptIntoNotebook(nb, readScript(current.script, format, input.makeId), input.makeId);
  declare(merged, input.declareFormats);
  const mergedText = writeNotebook(merged);
  // The script as the notebook now gives it: differs from the user's only in layout, if at all.
  const canonical = notebookToScript(merged, format);
  return {
    kind: 'update',
    from,
    ...(mergedText !== current.notebook ? { notebook: mergedText } : {}),
    ...(canonical !== current.script ? { script: canonical } : {}),
  };
}

function safeNotebookInputs(notebookText: string, format: ScriptFormat): string | undefined {
  try {
    return notebookInputs(parseNotebook(notebookText), format);
  } catch {
    return undefined;
  }
}

function safeInputs(script: string, format: ScriptFormat): string | undefined {
  try {
    return inputsOfScript(script, format);
  } catch {
    return undefined;
  }
}
