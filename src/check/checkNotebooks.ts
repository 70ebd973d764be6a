// Finds notebooks that are not stripped, cannot be read, or hold unresolved merge conflicts, and
// paired scripts that hold them, among working-tree files.
import { planStrip } from '../notebook/planStrip.js';
import { NotebookError } from '../notebook/errors.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { firstDifferentLine, type Finding } from './finding.js';
import { notebookNotStripped, notebookUnreadable } from '../messages/check.js';
import { findConflictsInText, type ConflictScope } from '../merge/findConflicts.js';
import { findTextConflicts } from '../merge/findTextConflicts.js';
import { unresolvedConflicts, unresolvedScriptConflicts } from '../messages/merge.js';
import type { Pair } from '../pairing/findPair.js';

export interface NotebookFile {
  path: string;
  text: string;
}

export function checkNotebook(file: NotebookFile, options: StripOptions): Finding | undefined {
  try {
    const plan = planStrip(file.text, file.path.endsWith('.zpln') ? { ...options, mode: 'zeppelin' } : options);
    if (!plan.changed) return undefined;
    return { kind: 'unstripped-notebook', path: file.path, line: firstDifferentLine(file.text, plan.output), ...notebookNotStripped(file.path) };
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    return { kind: 'invalid-notebook', path: file.path, ...notebookUnreadable(file.path, error.reason, error.kind === 'not-json') };
  }
}

export function checkNotebookConflicts(file: NotebookFile, scope: ConflictScope): Finding | undefined {
  const found = findConflictsInText(file.text, scope);
  if (!found) return undefined;
  // Point an annotation at the first marker (or the metadata list) in the file.
  const at = [file.text.indexOf('<<<<<<<'), file.text.indexOf('>>>>>>>'), file.text.indexOf('"ml-hooks-conflicts"')].filter((i) => i >= 0);
  const line = at.length > 0 ? file.text.slice(0, Math.min(...at)).split('\n').length : undefined;
  return { kind: 'merge-conflict', path: file.path, ...(line !== undefined ? { line } : {}), ...unresolvedConflicts(file.path, found) };
}

/** Conflict markers git's text merge left in a pair's script (the same finding the commit hook stops). */
export function checkScriptConflicts(pair: Pair, text: string | undefined, scope: ConflictScope): Finding | undefined {
  const found = text === undefined ? [] : findTextConflicts(text, scope);
  if (found.length === 0) return undefined;
  const { message, fix, keepNotebook } = unresolvedScriptConflicts(pair.script, pair.notebook, found);
  return { kind: 'merge-conflict', path: pair.script, line: found[0]!.firstLine, message, fix: keepNotebook === undefined ? fix : `${fix}; or keep the notebook's inputs: ${keepNotebook}` };
}
