// Which staged changes may be sides of pairs, decided without loading anything of pairing: the
// pair step and the conflict step ask the same question on every commit.
import { isStagedRegularFile, MODE_SYMLINK, type StagedEntry } from '../git/parseDiffRaw.js';
import type { PairSettings } from '../config/settings.js';
import { isNotebookPath, isScriptPath } from '../pairing/pathKinds.js';
import { readWorkingText } from '../fs/readWorkingText.js';

/** Staged files with a notebook's or a script's name, and staged deletions of them (a deleted side is a decision to keep). */
export function pairableChanges(entries: readonly StagedEntry[]): StagedEntry[] {
  return entries.filter((e) => (isStagedRegularFile(e) || (e.status === 'D' && e.srcMode !== MODE_SYMLINK)) && (isNotebookPath(e.path) || isScriptPath(e.path)));
}

/**
 * Whether any of the changes may belong to a pair. A text file pairs only through its own
 * header (`jupytext: … formats`) or through configured patterns (findPair). A commit of a README
 * or a module has neither: the working files tell, with no git process (every such commit pays
 * for this question).
 */
export function mayBePaired(root: string, pairing: PairSettings, changes: readonly StagedEntry[]): boolean {
  if (pairing.hasPatterns || pairing.jupytextFormats !== undefined) return true;
  const plainText = (e: StagedEntry) =>
    e.status !== 'D' && !isNotebookPath(e.path) && !(e.fromPath && isNotebookPath(e.fromPath)) && !(readWorkingText(root, e.path) ?? 'jupytext').includes('jupytext');
  return !changes.every(plainText);
}
