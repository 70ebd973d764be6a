// Three-way merge of JSON values (metadata and the other keys of notebooks and cells), key by
// key: a key only one side changed takes that change; both changing it the same way is one
// change; objects changed on both sides merge their keys; anything else is a conflict, which
// keeps our value and is reported with all three so that nothing is lost.
import { isPyObject, newPyObject, pyEqual, type PyObject, type PyValue } from '../notebook/pyjson.js';

/** A value both sides changed differently. `undefined`: the key is absent in that version. */
export interface ValueConflict {
  /** Where, as a JSON pointer into the merged notebook: `/metadata/kernelspec`, `/cells/3/metadata/tags`. */
  at: string;
  base: PyValue | undefined;
  ours: PyValue | undefined;
  theirs: PyValue | undefined;
}

const same = (x: PyValue | undefined, y: PyValue | undefined): boolean => (x === undefined || y === undefined ? x === y : pyEqual(x, y));

export function mergeValue(base: PyValue | undefined, ours: PyValue | undefined, theirs: PyValue | undefined, at: string, conflicts: ValueConflict[]): PyValue | undefined {
  if (same(ours, theirs) || same(base, theirs)) return ours;
  if (same(base, ours)) return theirs;
  if (isPyObject(ours) && isPyObject(theirs) && (base === undefined || isPyObject(base))) return mergeObject(base ?? newPyObject(), ours, theirs, at, conflicts);
  conflicts.push({ at, base, ours, theirs });
  return ours;
}

/**
 * Merges two objects key by key. Keys in `quiet` never conflict: when both sides changed one,
 * `quietSide` decides (volatile values: a kernel's version, a cell's run time).
 */
export function mergeObject(
  base: PyObject,
  ours: PyObject,
  theirs: PyObject,
  at: string,
  conflicts: ValueConflict[],
  quiet: ReadonlySet<string> = new Set(),
  quietSide: 'ours' | 'theirs' = 'ours',
): PyObject {
  const out = newPyObject();
  const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !Object.hasOwn(ours, k))];
  for (const key of keys) {
    const get = (o: PyObject): PyValue | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);
    const [b, o, t] = [get(base), get(ours), get(theirs)];
    let value: PyValue | undefined;
    if (quiet.has(key)) value = same(b, o) ? t : same(b, t) ? o : quietSide === 'ours' ? o : t;
    else value = mergeValue(b, o, t, `${at}/${escapePointer(key)}`, conflicts);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
