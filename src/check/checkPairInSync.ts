// For `ml-hooks check` (CI): is a committed pair in agreement? Pure: the two texts in, a finding
// (the check command's plain data) out, pointing at the first script line that differs.
import { firstDifferentLine, type Finding } from './finding.js';
import { readNotebook } from '../notebook/codec.js';
import { NotebookError } from '../notebook/errors.js';
import { shellQuote } from '../messages/shellQuote.js';
import type { Pair } from '../pairing/findPair.js';
import { notebookToScript } from '../jupytext/notebookToScript.js';
import { notebookInputs, scriptInputs } from '../pairing/pairInputs.js';
import type { PyObject } from '../notebook/pyjson.js';

export function checkPairInSync(pair: Pair, notebookText: string | undefined, scriptText: string | undefined): Finding | undefined {
  const fix = `ml-hooks sync ${shellQuote(pair.notebook)}`;
  if (notebookText === undefined) return { kind: 'pair-out-of-sync', path: pair.script, message: `the paired notebook ${pair.notebook} is missing`, fix };
  let expected: string;
  let nb;
  try {
    nb = readNotebook(notebookText);
    expected = notebookToScript(nb, pair.format);
  } catch (error) {
    if (error instanceof NotebookError) return undefined; // reported as an invalid notebook by the notebook check
    throw error;
  }
  if (scriptText === undefined) return { kind: 'pair-out-of-sync', path: pair.script, message: `${pair.script}, the paired script of ${pair.notebook}, is missing`, fix };
  if (scriptText === expected || sameInputs(nb, scriptText, pair)) return undefined;
  return {
    kind: 'pair-out-of-sync',
    path: pair.script,
    line: firstDifferentLine(scriptText, expected),
    message: `${pair.script} does not match the inputs of ${pair.notebook}`,
    fix,
  };
}

/** The sides agree up to the order of metadata keys (see pairInputs.ts); a script that cannot be read does not. */
function sameInputs(nb: PyObject, scriptText: string, pair: Pair): boolean {
  try {
    return notebookInputs(nb, pair.format) === scriptInputs(scriptText, pair.format);
  } catch {
    return false;
  }
}
