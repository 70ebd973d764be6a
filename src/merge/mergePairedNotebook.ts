// The merge of a notebook paired with a script. git merges the script as text itself, and runs
// our driver for the notebook; it decides the order (merge-ort goes through the paths in memory
// and writes the working tree only at the end), so neither merge can read the other's result.
// The notebook's merge does not need to: the commit hook keeps every commit's script equal to
// the script of its notebook, so the scripts of the three notebook versions are the very files
// git merges. Merging them here, line by line as git does, gives the script git writes; the
// notebook is rebuilt from that merged script (its inputs) and from the cell-by-cell merge of
// the notebooks (outputs, ids and the metadata a script does not show), matched as pairing
// matches a script edit. So both files agree whichever merge runs first, and a conflict in the
// script is a conflict at the same lines of the notebook's cells.
import type { PyObject } from '../notebook/pyjson.js';
import { isPyObject } from '../notebook/pyjson.js';
import { randomCellId } from '../notebook/codec.js';
import { notebookToScript } from '../jupytext/notebookToScript.js';
import { scriptToNotebook } from '../jupytext/scriptToNotebook.js';
import { ConversionError, type ScriptFormat } from '../jupytext/scriptFormat.js';
import { mergeScriptIntoNotebook } from '../pairing/mergeScriptIntoNotebook.js';
import { assignCellIds, mergeNotebooks, type MergeOptions } from './mergeNotebooks.js';
import { DEFAULT_LABELS, mergeText } from './mergeText.js';
import type { ValueConflict } from './mergeValues.js';

export interface PairedMerge {
  notebook: PyObject;
  /** The merged script: what git writes for the paired script (up to the marker labels). */
  script: string;
  /** Conflict blocks in the script (and so in the notebook's cells). */
  conflicts: number;
  /** Conflicts in notebook metadata the script does not show. */
  values: ValueConflict[];
}

export function mergePairedNotebook(base: PyObject, ours: PyObject, theirs: PyObject, format: ScriptFormat, options: MergeOptions = {}): PairedMerge {
  const makeId = options.makeId ?? randomCellId;
  const [b, o, t] = [base, ours, theirs].map((nb) => notebookToScript(nb, format)) as [string, string, string];
  const script = mergeText(b, o, t, options.labels ?? DEFAULT_LABELS);
  const cellMerge = mergeNotebooks(base, ours, theirs, options);
  const fromScript = scriptToNotebook(script.text, format, makeId);
  if (script.conflicts > 0) {
    // A conflict inside the script's header (both sides changed the kernel, say) leaves no
    // header to read: the metadata would be lost. The caller merges cell by cell then.
    const shown = (text: string): string[] => Object.keys(scriptToNotebook(text, format, makeId).metadata as PyObject);
    const lost = shown(b).filter((key) => shown(o).includes(key) && shown(t).includes(key) && !Object.hasOwn(fromScript.metadata as PyObject, key));
    if (lost.length > 0) throw new ConversionError(`the merged script's header holds a conflict (${lost.join(', ')})`);
  }
  const rebuilt = mergeScriptIntoNotebook(cellMerge.notebook, fromScript, makeId);
  const versions = [base, ours, theirs].map((nb) => (Array.isArray(nb.cells) ? (nb.cells as PyObject[]) : []));
  rebuilt.cells = assignCellIds(rebuilt.cells as PyObject[], rebuilt, versions, makeId);
  const shown = isPyObject(fromScript.metadata) ? fromScript.metadata : {};
  const values = cellMerge.values.filter((v) => {
    const key = /^\/metadata\/([^/]+)/.exec(v.at)?.[1];
    return key !== undefined && !Object.hasOwn(shown, key.replace(/~1/g, '/').replace(/~0/g, '~'));
  });
  return { notebook: rebuilt, script: script.text, conflicts: script.conflicts, values };
}
