// A script edit brought into the notebook: inputs (sources, cell types, the metadata the script
// shows) come from the script; outputs, execution counts, ids and the metadata the script does
// not show come from the notebook. Cells are matched by (type, source) along the longest common
// subsequence, then in order within each gap (src/merge/matchCells.ts), so outputs of cells the
// edit did not touch survive.
import { randomCellId } from '../notebook/codec.js';
import { isPyObject, newPyObject, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { IGNORE_CELL_METADATA } from '../jupytext/cellMetadata.js';
import { DEFAULT_NOTEBOOK_METADATA, filterMetadata } from '../jupytext/metadataFilter.js';
import { joinSource } from '../jupytext/pyText.js';
import { matchCells } from '../match/matchCells.js';

function cellFilter(nbMetadata: PyObject): string | undefined {
  const j = isPyObject(nbMetadata.jupytext) ? nbMetadata.jupytext : undefined;
  return typeof j?.cell_metadata_filter === 'string' ? j.cell_metadata_filter : undefined;
}

/** The script's metadata, plus the old metadata the script cannot show (Jupytext's restore rule). */
function mergeCellMetadata(oldMd: PyObject, newMd: PyObject, filter: string | undefined): PyObject {
  const shown = filterMetadata(oldMd, filter, IGNORE_CELL_METADATA);
  const out = newPyObject();
  for (const k of Object.keys(newMd)) out[k] = newMd[k]!;
  for (const k of Object.keys(oldMd)) {
    if (!(k in shown) && !(k in out) && k !== 'lines_to_next_cell' && k !== 'lines_to_end_of_cell_marker' && k !== 'cell_marker') out[k] = oldMd[k]!;
  }
  return out;
}

function mergeNotebookMetadata(oldMd: PyObject, newMd: PyObject): PyObject {
  const jupytext = isPyObject(newMd.jupytext) ? newMd.jupytext : isPyObject(oldMd.jupytext) ? oldMd.jupytext : undefined;
  const filter = typeof jupytext?.notebook_metadata_filter === 'string' ? jupytext.notebook_metadata_filter : undefined;
  const shown = filterMetadata(oldMd, filter, DEFAULT_NOTEBOOK_METADATA);
  const out = newPyObject();
  for (const k of Object.keys(oldMd)) if (!(k in shown)) out[k] = oldMd[k]!;
  for (const k of Object.keys(newMd)) out[k] = newMd[k]!;
  return out;
}

/**
 * Combines the cells read from a script with the current notebook. `fromScript` is what
 * `scriptToNotebook` returned; `notebook` is the current .ipynb (any v4 minor).
 */
export function mergeScriptIntoNotebook(notebook: PyObject, fromScript: PyObject, makeId: () => string = randomCellId): PyObject {
  const oldCells = (notebook.cells as PyObject[] | undefined) ?? [];
  const newCells = (fromScript.cells as PyObject[]) ?? [];
  const oldMeta = isPyObject(notebook.metadata) ? notebook.metadata : newPyObject();
  const newMeta = isPyObject(fromScript.metadata) ? fromScript.metadata : newPyObject();
  const metadata = mergeNotebookMetadata(oldMeta, newMeta);
  const filter = cellFilter(metadata);
  const withIds = typeof notebook.nbformat_minor === 'number' ? notebook.nbformat_minor >= 5 : false;
  const usedIds = new Set(oldCells.map((c) => c.id).filter((id): id is string => typeof id === 'string'));

  // An edited cell (matched by order within a gap) keeps its id and hidden metadata; its outputs
  // belong to the old source and are dropped.
  const matchOf = new Map<number, { old: PyObject; same: boolean }>();
  for (const m of matchCells(oldCells, newCells)) matchOf.set(m.b, { old: oldCells[m.a]!, same: m.same });

  const cells = newCells.map((cell, n) => {
    const match = matchOf.get(n);
    const out = newPyObject();
    out.cell_type = cell.cell_type!;
    if (withIds) {
      let id = match && typeof match.old.id === 'string' ? match.old.id : undefined;
      if (id === undefined) {
        do id = makeId();
        while (usedIds.has(id));
        usedIds.add(id);
      }
      out.id = id;
    }
    out.metadata = match ? mergeCellMetadata(match.old.metadata as PyObject, cell.metadata as PyObject, filter) : (cell.metadata as PyObject);
    out.source = joinSource(cell.source);
    if (cell.cell_type === 'code') {
      const keep = match?.same === true && match.old.cell_type === 'code';
      out.execution_count = keep ? (match!.old.execution_count ?? null) : null;
      out.outputs = keep ? ((match!.old.outputs as PyValue[] | undefined) ?? []) : [];
    } else if (match?.same && match.old.attachments !== undefined) {
      out.attachments = match.old.attachments;
    }
    return out;
  });

  const result = newPyObject();
  for (const k of Object.keys(notebook)) if (k !== 'cells' && k !== 'metadata') result[k] = notebook[k]!;
  result.cells = cells;
  result.metadata = metadata;
  if (result.nbformat === undefined) {
    result.nbformat = 4;
    result.nbformat_minor = 5;
  }
  return result;
}
