// Deciding how to bring a notebook and its paired script into agreement, as a pure function of
// their texts now and at the baseline (the last commit). The side that changed since the
// baseline provides the inputs; the notebook always provides the outputs. When both sides
// changed and disagree there is no safe choice: the plan is a conflict, and nothing is written.
import { readNotebook, writeNotebook } from '../notebook/codec.js';
import { NotebookError } from '../notebook/errors.js';
import { isPyObject, newPyObject, type PyObject } from '../notebook/pyjson.js';
import { notebookToScript } from '../jupytext/notebookToScript.js';
import type { ScriptFormat } from '../jupytext/scriptFormat.js';
import { scriptToNotebook } from '../jupytext/scriptToNotebook.js';
import { mergeScriptIntoNotebook } from './mergeScriptIntoNotebook.js';
import { notebookInputs, scriptInputs } from './pairInputs.js';
import type { TextConflict } from '../merge/findTextConflicts.js';

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
  /** Resolve a conflict (or an unknown baseline) in favour of one side. */
  prefer?: SyncSource;
  /** `formats` value to declare in the notebook's jupytext metadata (pairing a new notebook). */
  declareFormats?: string;
  makeId?: () => string;
  /**
   * Conflict markers git's text merge left in the script (src/merge/findTextConflicts.ts, which
   * the caller asks with the repository's scope). A script holding them never provides the
   * inputs: with `prefer: 'notebook'` the notebook does, otherwise the plan is `unresolved`.
   */
  scriptConflicts?: readonly TextConflict[];
}

export type SyncPlan =
  | { kind: 'in-sync' }
  | { kind: 'update'; notebook?: string; script?: string; from: SyncSource }
  | { kind: 'conflict'; reason: 'both-changed' | 'no-baseline' }
  | { kind: 'error'; side: SyncSource; reason: string }
  /** The script holds conflict markers (git's text merge), and would have provided the inputs. */
  | { kind: 'unresolved'; conflicts: TextConflict[] }
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

  if (current.script === undefined) {
    const nb = declare(parseNotebook(current.notebook!), input.declareFormats);
    const notebookText = input.declareFormats !== undefined ? writeNotebook(nb) : current.notebook;
    return { kind: 'update', from: 'notebook', script: notebookToScript(nb, format), ...(notebookText !== current.notebook ? { notebook: notebookText } : {}) };
  }
  const scriptConflicts = input.scriptConflicts ?? [];
  if (current.notebook === undefined) {
    if (scriptConflicts.length > 0) return { kind: 'unresolved', conflicts: [...scriptConflicts] };
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

  // The two sides disagree. Which one moved since they were last in sync?
  const notebookChanged = baseline?.notebook === undefined || safeNotebookInputs(baseline.notebook, format) !== notebookInputsNow;
  const scriptChanged = baseline?.script === undefined || (baseline.script !== current.script && safeInputs(baseline.script, format) !== currentInputs);
  let from: SyncSource | undefined;
  if (notebookChanged && !scriptChanged) from = 'notebook';
  else if (scriptChanged && !notebookChanged) from = 'script';
  else from = input.prefer;
  // Markers in the script are no edit to take: the notebook's inputs, when asked for, or the user.
  if (from !== 'notebook' && scriptConflicts.length > 0) {
    if (input.prefer !== 'notebook') return { kind: 'unresolved', conflicts: [...scriptConflicts] };
    from = 'notebook';
  }
  if (from === undefined) return { kind: 'conflict', reason: baseline?.notebook === undefined && baseline?.script === undefined ? 'no-baseline' : 'both-changed' };

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
