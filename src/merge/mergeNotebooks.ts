// The three-way merge of two notebooks (nbformat 4) with their common base, cell by cell.
//
// Each side's cells are matched with the base's (matchSidesToBase: by stable id, by content, by
// likeness, then by order, where the other side's changes settle a guess), and diff3 is run over
// the cells (threeWayChunks):
//   - a cell both sides kept merges its parts: the source line by line (mergeText), metadata
//     key by key (mergeValues), outputs by the rule below;
//   - a stretch only one side changed (cells inserted, deleted, edited there) takes that side;
//   - cells both sides inserted at one place are all kept, ours first; the same cell once, and
//     two alike cells become one cell with a conflict in its source;
//   - a cell deleted on one side is deleted, unless the other side edited it, or the other side
//     deleted other cells of the same stretch (each side deleting what the other kept): then the
//     cell stays, with a conflict whose deleting side is empty. Merging never deletes more than
//     one side meant (nbdime resolves such deletions on both sides by deleting all of them);
//   - a cell one side moved (deleted, and inserted elsewhere as it was or edited) where the other
//     side deleted it stays at its new place with the same conflict: a move never undoes a
//     deletion in silence.
// Conflicts are git-style markers inside the cell's source, never extra cells, so the result is
// a valid notebook; disagreeing metadata keeps our value and is listed in the result.
//
// Outputs and execution counts never conflict: they come with the source they were computed
// from. Source changed on one side only: that side's outputs. Same source on both sides: the
// outputs of the side that re-ran the cell (ours when both did). Sources merged from both
// sides: no outputs and no count (the merged code has never run).
import { isPyObject, newPyObject, pyEqual, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { randomCellId } from '../notebook/codec.js';
import { joinSource } from '../jupytext/pyText.js';
import { cellKey, matchCells, type CellMatch } from '../match/matchCells.js';
import { looksLikeEdited, matchSidesToBase } from '../match/matchSidesToBase.js';
import { threeWayChunks, type Range } from './threeWayChunks.js';
import { conflictBlock, DEFAULT_LABELS, mergeText, splitTextLines, type ConflictLabels } from './mergeText.js';
import { mergeObject, mergeValue, type ValueConflict } from './mergeValues.js';
import { deletedCellLabel } from '../messages/merge.js';

export type CellConflict =
  /** Markers in the source of this cell (0-based index in the merged notebook). */
  | { kind: 'source'; cell: number }
  /** One side deleted this cell, the other kept it (edited, or deleting other cells nearby). */
  | { kind: 'deleted'; cell: number; deletedBy: 'ours' | 'theirs' }
  /** Both sides inserted this cell, differently. */
  | { kind: 'inserted'; cell: number };

export interface NotebookMerge {
  notebook: PyObject;
  cells: CellConflict[];
  values: ValueConflict[];
}

export interface MergeOptions {
  labels?: ConflictLabels;
  makeId?: () => string;
}

/** Notebook metadata a kernel or Jupyter rewrites on its own: never a conflict (ours wins). */
const VOLATILE_NOTEBOOK_METADATA = new Set(['language_info', 'widgets']);
/** Cell metadata of the same kind (the keys nbstripout removes): they follow the outputs. */
const VOLATILE_CELL_METADATA = new Set(['collapsed', 'ExecuteTime', 'execution', 'heading_collapsed', 'hidden', 'scrolled', 'trusted']);

/** Keys of a cell merged by their own rules rather than key by key. */
const CELL_PARTS = new Set(['cell_type', 'id', 'source', 'metadata', 'outputs', 'execution_count', 'attachments']);

const cellsOf = (nb: PyObject): PyObject[] => (Array.isArray(nb.cells) ? (nb.cells as PyObject[]) : []);
const metadataOf = (value: PyValue | undefined): PyObject => (isPyObject(value) ? value : newPyObject());

/** Cells compared for "unchanged": everything but the id (ids may be positions). */
function sameCell(x: PyObject, y: PyObject): boolean {
  const keys = (c: PyObject) => Object.keys(c).filter((k) => k !== 'id');
  const kx = keys(x);
  if (kx.length !== keys(y).length) return false;
  return kx.every((k) => Object.hasOwn(y, k) && (k === 'source' ? joinSource(x[k]) === joinSource(y[k]) : pyEqual(x[k]!, y[k]!)));
}

export function mergeNotebooks(base: PyObject, ours: PyObject, theirs: PyObject, options: MergeOptions = {}): NotebookMerge {
  const labels = options.labels ?? DEFAULT_LABELS;
  const values: ValueConflict[] = [];
  const cellConflicts: CellConflict[] = [];
  const merged: Array<{ cell: PyObject; values: ValueConflict[]; conflict?: CellConflict['kind']; deletedBy?: 'ours' | 'theirs' }> = [];

  const [b, o, t] = [cellsOf(base), cellsOf(ours), cellsOf(theirs)];
  const { ours: oursMatches, theirs: theirsMatches } = matchSidesToBase(b, o, t);
  const pairs = (ms: CellMatch[]): Array<[number, number]> => ms.map((m) => [m.a, m.b]);
  const movedIn = { ours: movedAgainstDeletion(b, o, oursMatches, theirsMatches, 'theirs'), theirs: movedAgainstDeletion(b, t, theirsMatches, oursMatches, 'ours') };

  const emitMerged = (bc: PyObject | undefined, oc: PyObject, tc: PyObject): void => {
    const cellValues: ValueConflict[] = [];
    const { cell, conflicted } = mergeCell(bc, oc, tc, labels, cellValues);
    merged.push({ cell, values: cellValues, ...(conflicted ? { conflict: bc === undefined ? 'inserted' : 'source' } : {}) });
  };
  const emitKeptAgainstDeletion = (kept: PyObject, deletedBy: 'ours' | 'theirs', baseCell: PyObject): void => {
    const cell = copyCell(kept);
    const source = joinSource(kept.source);
    const lines = splitTextLines(source);
    const baseLines = splitTextLines(joinSource(baseCell.source));
    const block =
      deletedBy === 'ours'
        ? conflictBlock([], lines, { ...labels, ours: deletedCellLabel(labels.ours) }, baseLines)
        : conflictBlock(lines, [], { ...labels, theirs: deletedCellLabel(labels.theirs) }, baseLines);
    const text = block.join('');
    cell.source = source === '' || source.endsWith('\n') ? text : text.slice(0, -1);
    merged.push({ cell, values: [], conflict: 'deleted', deletedBy });
  };
  /** A cell only one side has here; one it moved from where the other side deleted it is a conflict. */
  const emitOneSided = (side: 'ours' | 'theirs') => (cell: PyObject): void => {
    const moved = movedIn[side].get(cell);
    if (moved) emitKeptAgainstDeletion(cell, moved.deletedBy, moved.baseCell);
    else merged.push({ cell, values: [] });
  };
  const emitInserted = (oursCells: PyObject[], theirsCells: PyObject[]): void => {
    if (theirsCells.length === 0) return void oursCells.forEach(emitOneSided('ours'));
    if (oursCells.length === 0) return void theirsCells.forEach(emitOneSided('theirs'));
    // Both sides inserted here: the same cell once, alike cells as one conflicted cell, the rest in order (ours first).
    let i = 0;
    let j = 0;
    for (const m of matchCells(oursCells, theirsCells, { bySimilarity: true, byOrder: false })) {
      for (; i < m.a; i++) emitOneSided('ours')(oursCells[i]!);
      for (; j < m.b; j++) emitOneSided('theirs')(theirsCells[j]!);
      if (sameCell(oursCells[m.a]!, theirsCells[m.b]!)) merged.push({ cell: oursCells[m.a]!, values: [] });
      else emitMerged(undefined, oursCells[m.a]!, theirsCells[m.b]!);
      i = m.a + 1;
      j = m.b + 1;
    }
    for (; i < oursCells.length; i++) emitOneSided('ours')(oursCells[i]!);
    for (; j < theirsCells.length; j++) emitOneSided('theirs')(theirsCells[j]!);
  };

  const chunks = threeWayChunks({ base: b.length, ours: o.length, theirs: t.length }, pairs(oursMatches), pairs(theirsMatches));
  for (const chunk of chunks) {
    if (chunk.stable) {
      for (let k = 0; k < chunk.length; k++) emitMerged(b[chunk.base + k], o[chunk.ours + k]!, t[chunk.theirs + k]!);
      continue;
    }
    const oursCells = o.slice(chunk.ours.start, chunk.ours.end);
    const theirsCells = t.slice(chunk.theirs.start, chunk.theirs.end);
    const baseCells = b.slice(chunk.base.start, chunk.base.end);
    const unchanged = (side: PyObject[]) => side.length === baseCells.length && side.every((c, k) => sameCell(c, baseCells[k]!));
    if (unchanged(oursCells)) theirsCells.forEach(emitOneSided('theirs'));
    else if (unchanged(theirsCells)) oursCells.forEach(emitOneSided('ours'));
    else if (oursCells.length === theirsCells.length && oursCells.every((c, k) => sameCell(c, theirsCells[k]!))) oursCells.forEach((c) => merged.push({ cell: c, values: [] }));
    else mergeStretch(chunk.base, chunk.ours, chunk.theirs);
  }

  /** Both sides changed this stretch of cells: insertions, deletions and one-sided edits. */
  function mergeStretch(bRange: Range, oRange: Range, tRange: Range): void {
    const sideOf = (matches: CellMatch[], range: Range) => {
      const of = new Map<number, number>();
      for (const m of matches) if (m.b >= range.start && m.b < range.end && m.a >= bRange.start && m.a < bRange.end) of.set(m.a, m.b);
      // Inserted cells sit after the last base cell the side kept before them (bRange.start - 1: at the start).
      const inserted = new Map<number, number[]>();
      let after = bRange.start - 1;
      const kept = new Map([...of].map(([bi, si]) => [si, bi]));
      for (let s = range.start; s < range.end; s++) {
        const bi = kept.get(s);
        if (bi !== undefined) after = bi;
        else inserted.set(after, [...(inserted.get(after) ?? []), s]);
      }
      return { of, inserted };
    };
    const oursSide = sideOf(oursMatches, oRange);
    const theirsSide = sideOf(theirsMatches, tRange);
    type Fate = 'deleted' | 'same' | 'edited';
    const fate = (side: { of: Map<number, number> }, cells: PyObject[], bi: number): Fate => {
      const si = side.of.get(bi);
      return si === undefined ? 'deleted' : sameCell(b[bi]!, cells[si]!) ? 'same' : 'edited';
    };
    let oursDeletesKept = false;
    let theirsDeletesKept = false;
    for (let bi = bRange.start; bi < bRange.end; bi++) {
      const [fo, ft] = [fate(oursSide, o, bi), fate(theirsSide, t, bi)];
      if (fo === 'deleted' && ft !== 'deleted') oursDeletesKept = true;
      if (ft === 'deleted' && fo !== 'deleted') theirsDeletesKept = true;
    }
    const bothDelete = oursDeletesKept && theirsDeletesKept;
    const insertsAt = (after: number): void =>
      emitInserted((oursSide.inserted.get(after) ?? []).map((s) => o[s]!), (theirsSide.inserted.get(after) ?? []).map((s) => t[s]!));

    insertsAt(bRange.start - 1);
    for (let bi = bRange.start; bi < bRange.end; bi++) {
      const [fo, ft] = [fate(oursSide, o, bi), fate(theirsSide, t, bi)];
      if (fo === 'deleted' && ft !== 'deleted') {
        if (ft === 'edited' || bothDelete) emitKeptAgainstDeletion(t[theirsSide.of.get(bi)!]!, 'ours', b[bi]!);
      } else if (ft === 'deleted' && fo !== 'deleted') {
        if (fo === 'edited' || bothDelete) emitKeptAgainstDeletion(o[oursSide.of.get(bi)!]!, 'theirs', b[bi]!);
      } else if (fo !== 'deleted' && ft !== 'deleted') {
        emitMerged(b[bi], o[oursSide.of.get(bi)!]!, t[theirsSide.of.get(bi)!]!); // kept by both: not reached (an anchor)
      }
      insertsAt(bi);
    }
  }

  // The merged cells, their conflicts named by position, and their ids.
  const cells = merged.map((m, index) => {
    for (const v of m.values) values.push({ ...v, at: `/cells/${index}${v.at}` });
    if (m.conflict === 'deleted') cellConflicts.push({ kind: 'deleted', cell: index, deletedBy: m.deletedBy! });
    else if (m.conflict) cellConflicts.push({ kind: m.conflict, cell: index });
    return m.cell;
  });

  const notebook = newPyObject();
  for (const key of [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !Object.hasOwn(ours, k))]) {
    if (key === 'cells' || key === 'metadata') continue;
    const get = (nb: PyObject) => (Object.hasOwn(nb, key) ? nb[key] : undefined);
    const value = key === 'nbformat' || key === 'nbformat_minor' ? newerVersion(get(base), get(ours), get(theirs)) : mergeValue(get(base), get(ours), get(theirs), `/${key}`, values);
    if (value !== undefined) notebook[key] = value;
  }
  notebook.metadata = mergeObject(metadataOf(base.metadata), metadataOf(ours.metadata), metadataOf(theirs.metadata), '/metadata', values, VOLATILE_NOTEBOOK_METADATA);
  notebook.cells = assignCellIds(cells, notebook, [b, o, t], options.makeId ?? randomCellId);
  return { notebook, cells: cellConflicts, values };
}

/** Beyond this many comparisons, only a moved cell left unchanged is recognised. */
const MAX_MOVE_COMPARISONS = 4096;

/**
 * The cells a side inserted that are a base cell it deleted (moved, perhaps edited too) when the
 * other side deleted that base cell: bringing them in would undo the other side's deletion.
 */
function movedAgainstDeletion(base: readonly PyObject[], side: readonly PyObject[], sideMatches: readonly CellMatch[], otherMatches: readonly CellMatch[], deletedBy: 'ours' | 'theirs'): Map<PyObject, { deletedBy: 'ours' | 'theirs'; baseCell: PyObject }> {
  const kept = new Set([...sideMatches, ...otherMatches].map((m) => m.a));
  const matchedSide = new Set(sideMatches.map((m) => m.b));
  const deletedByBoth = base.filter((_c, i) => !kept.has(i));
  const inserted = side.filter((_c, j) => !matchedSide.has(j));
  const byLikeness = deletedByBoth.length * inserted.length <= MAX_MOVE_COMPARISONS;
  const out = new Map<PyObject, { deletedBy: 'ours' | 'theirs'; baseCell: PyObject }>();
  for (const cell of inserted) {
    const same = deletedByBoth.findIndex((c) => cellKey(c) === cellKey(cell));
    const at = same >= 0 || !byLikeness ? same : deletedByBoth.findIndex((c) => looksLikeEdited(c, cell));
    if (at < 0) continue;
    out.set(cell, { deletedBy, baseCell: deletedByBoth[at]! });
    deletedByBoth.splice(at, 1);
  }
  return out;
}

/** nbformat and nbformat_minor: one side's change, or the newer of two (a version never conflicts). */
function newerVersion(base: PyValue | undefined, ours: PyValue | undefined, theirs: PyValue | undefined): PyValue | undefined {
  if (ours === theirs || pyEqual(base ?? null, theirs ?? null)) return ours;
  if (pyEqual(base ?? null, ours ?? null)) return theirs;
  return typeof ours === 'number' && typeof theirs === 'number' ? Math.max(ours, theirs) : ours;
}

/**
 * nbformat 4.5 wants unique ids. Ids that were positions in every version ("0", "1", … as
 * `ml-hooks strip` writes) stay positions, so the merged notebook is already stripped; other ids
 * are kept, and a repeated or missing one gets a new id. Before 4.5, cells have no ids.
 */
export function assignCellIds(cells: PyObject[], nb: PyObject, versions: readonly PyObject[][], makeId: () => string): PyObject[] {
  const minor = typeof nb.nbformat_minor === 'number' ? nb.nbformat_minor : 0;
  if (nb.nbformat !== 4 || minor < 5) {
    return cells.map((c) => {
      if (!Object.hasOwn(c, 'id')) return c;
      const copy = copyCell(c);
      delete copy.id;
      return copy;
    });
  }
  const positional = versions.every((v) => v.every((c, i) => c.id === String(i)));
  const used = new Set<string>();
  return cells.map((c, i) => {
    let id = positional ? String(i) : typeof c.id === 'string' && c.id !== '' && !used.has(c.id) ? c.id : undefined;
    while (id === undefined || used.has(id)) id = makeId();
    used.add(id);
    if (c.id === id) return c;
    const copy = copyCell(c);
    copy.id = id;
    return copy;
  });
}

function copyCell(cell: PyObject): PyObject {
  return Object.assign(newPyObject(), cell);
}

/** Which side a merged part comes from. */
type Winner = 'ours' | 'theirs' | 'merged';

/**
 * Merges one cell the two sides both have (`base` undefined: both inserted it). Returns the cell
 * and whether its source holds a conflict; metadata conflicts go to `values` (paths in the cell).
 */
function mergeCell(base: PyObject | undefined, ours: PyObject, theirs: PyObject, labels: ConflictLabels, values: ValueConflict[]): { cell: PyObject; conflicted: boolean } {
  const src = (c: PyObject | undefined) => (c ? joinSource(c.source) : '');
  const [bs, os, ts] = [src(base), src(ours), src(theirs)];
  let winner: Winner;
  let source: string;
  let conflicted = false;
  if (os === ts) [winner, source] = [rerunSide(base, ours, theirs), os];
  else if (base !== undefined && os === bs) [winner, source] = ['theirs', ts];
  else if (base !== undefined && ts === bs) [winner, source] = ['ours', os];
  else {
    const text = mergeText(bs, os, ts, labels);
    [winner, source, conflicted] = ['merged', text.text, text.conflicts > 0];
  }
  const from = winner === 'theirs' ? theirs : ours;

  const cell = newPyObject();
  const type = mergeValue(base?.cell_type, ours.cell_type, theirs.cell_type, '/cell_type', values);
  cell.cell_type = type ?? 'code';
  if (ours.id !== undefined) cell.id = ours.id;
  const baseMd = metadataOf(base?.metadata);
  const [om, tm] = [metadataOf(ours.metadata), metadataOf(theirs.metadata)];
  // Volatile keys follow the outputs: from the side whose run is kept.
  cell.metadata = mergeObject(baseMd, om, tm, '/metadata', values, VOLATILE_CELL_METADATA, winner === 'theirs' ? 'theirs' : 'ours');
  cell.source = source;
  if (cell.cell_type === 'code') {
    const ran = winner === 'merged' ? undefined : from.cell_type === 'code' ? from : undefined;
    cell.execution_count = ran?.execution_count ?? null;
    cell.outputs = (ran?.outputs as PyValue[] | undefined) ?? [];
  } else {
    const attachments = winner === 'merged' ? mergedAttachments(ours, theirs) : from.attachments;
    if (attachments !== undefined) cell.attachments = attachments;
  }
  for (const key of [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !Object.hasOwn(ours, k))]) {
    if (CELL_PARTS.has(key)) continue;
    const get = (c: PyObject | undefined) => (c && Object.hasOwn(c, key) ? c[key] : undefined);
    const value = mergeValue(get(base), get(ours), get(theirs), `/${key}`, values);
    if (value !== undefined) cell[key] = value;
  }
  return { cell, conflicted };
}

/** Same source on both sides: keep the run (outputs, count) of the side that changed it, ours first. */
function rerunSide(base: PyObject | undefined, ours: PyObject, theirs: PyObject): Winner {
  if (base === undefined) return 'ours';
  const run = (c: PyObject): PyValue => [c.outputs ?? null, c.execution_count ?? null, c.attachments ?? null];
  return pyEqual(run(ours), run(base)) && !pyEqual(run(theirs), run(base)) ? 'theirs' : 'ours';
}

/** Both sides' attachments (a merged Markdown source may refer to either); ours on a name clash. */
function mergedAttachments(ours: PyObject, theirs: PyObject): PyValue | undefined {
  if (!isPyObject(ours.attachments) && !isPyObject(theirs.attachments)) return undefined;
  return Object.assign(newPyObject(), metadataOf(theirs.attachments), metadataOf(ours.attachments));
}
