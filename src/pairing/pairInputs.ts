// What "the two sides of a pair agree" means: the same inputs, whatever the order of metadata
// keys. Jupytext writes a cell's metadata in the order the notebook holds it (`tags=[…]
// jupyter={…}`), while a notebook as nbformat writes it, stripped or committed, has its keys
// sorted (`jupyter={…} tags=[…]`): the same cell. Both sides are compared through the same
// normalisation, the script of the notebook with every metadata key sorted, so that key order
// alone never looks like an edit, a conflict or a pair out of sync.
import { isPyObject, newPyObject, sortedKeys, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { notebookToScript } from '../jupytext/notebookToScript.js';
import { scriptToNotebook } from '../jupytext/scriptToNotebook.js';
import type { ScriptFormat } from '../jupytext/scriptFormat.js';

/** A copy with the keys of every object sorted (arrays keep their order). */
function sortedCopy(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (!isPyObject(value)) return value;
  const copy = newPyObject();
  for (const key of sortedKeys(value)) copy[key] = sortedCopy(value[key]!);
  return copy;
}

/** The notebook with its metadata and every cell's metadata in sorted key order (a shallow copy otherwise). */
function withSortedMetadata(nb: PyObject): PyObject {
  const copy: PyObject = Object.assign(newPyObject(), nb);
  if (isPyObject(nb.metadata)) copy.metadata = sortedCopy(nb.metadata);
  if (Array.isArray(nb.cells)) {
    copy.cells = nb.cells.map((cell) => (isPyObject(cell) && isPyObject(cell.metadata) ? Object.assign(newPyObject(), cell, { metadata: sortedCopy(cell.metadata) }) : cell));
  }
  return copy;
}

/** The inputs of a notebook, for comparing: its script with metadata keys sorted. */
export function notebookInputs(nb: PyObject, format: ScriptFormat): string {
  return notebookToScript(withSortedMetadata(nb), format);
}

/** The inputs of a script, for comparing with notebookInputs (throws what scriptToNotebook throws). */
export function scriptInputs(script: string, format: ScriptFormat): string {
  return notebookInputs(scriptToNotebook(script, format, () => 'x'), format);
}
