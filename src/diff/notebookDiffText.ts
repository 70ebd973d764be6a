// What a person reads of a notebook in a diff (`git diff` through the textconv, `ml-hooks
// diff`): the cells as a percent script, with plain sources (Markdown is not commented out),
// and a short header of the notebook's metadata. Outputs, execution counts and ids are not
// shown, so a change of outputs alone shows no diff. Callers strip the notebook first, which
// removes volatile metadata the same way the commit does.
//
//   # kernelspec: {"display_name": "Python 3", "language": "python", "name": "python3"}
//
//   # %% [markdown]
//   # Training
//
//   # %% {"tags": ["parameters"]}
//   epochs = 10
import { dumpPyJson, isPyObject, sortedKeys, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { notebookCells } from '../notebook/codec.js';
import { joinSource } from '../jupytext/pyText.js';

const compact = (value: PyValue): string => dumpPyJson(value, { sortKeys: true, ensureAscii: false });

/** The marker line that starts a cell: `# %%`, `# %% [markdown]`, with its metadata if any. */
export const CELL_MARKER = '# %%';

export function notebookDiffText(nb: PyObject): string {
  const out: string[] = [];
  const metadata = isPyObject(nb.metadata) ? nb.metadata : undefined;
  if (metadata) for (const key of sortedKeys(metadata)) out.push(`# ${key}: ${compact(metadata[key]!)}`);
  for (const cell of notebookCells(nb)) {
    if (out.length > 0) out.push('');
    const type = String(cell.cell_type ?? 'code');
    const shown = isPyObject(cell.metadata) ? cell.metadata : undefined;
    const details: string[] = [];
    if (type !== 'code') details.push(`[${type}]`);
    if (shown && Object.keys(shown).length > 0) details.push(compact(shown));
    if (isPyObject(cell.attachments)) details.push(`attachments=${compact(sortedKeys(cell.attachments))}`);
    out.push([CELL_MARKER, ...details].join(' '));
    // nbformat 3 and earlier keep a code cell's source in `input`.
    const source = joinSource(cell.source ?? cell.input);
    if (source !== '') out.push(...source.replace(/\n$/, '').split('\n'));
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
