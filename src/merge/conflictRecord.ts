// Metadata both sides changed differently has no source to hold markers: the merged notebook
// keeps our value and lists each disagreement, with all three values, under this key of its
// metadata. The commit hook and `check` block the notebook until the key is removed.
import { isPyObject, newPyObject, type PyObject, type PyValue } from '../notebook/pyjson.js';
import type { ValueConflict } from './mergeValues.js';

export const CONFLICT_RECORD_KEY = 'ml-hooks-conflicts';

/** The notebook with its value conflicts listed in its metadata (a copy; none: unchanged). */
export function withConflictRecord(nb: PyObject, conflicts: readonly ValueConflict[]): PyObject {
  if (conflicts.length === 0) return nb;
  const entries = conflicts.map((c) => {
    const entry = newPyObject();
    entry.at = c.at;
    for (const side of ['base', 'ours', 'theirs'] as const) if (c[side] !== undefined) entry[side] = c[side] as PyValue;
    return entry;
  });
  const metadata = Object.assign(newPyObject(), isPyObject(nb.metadata) ? nb.metadata : newPyObject());
  metadata[CONFLICT_RECORD_KEY] = entries;
  return Object.assign(newPyObject(), nb, { metadata });
}

/** Where the recorded conflicts are (their `at`), or an empty list. */
export function recordedConflicts(nb: PyObject): string[] {
  const metadata = isPyObject(nb.metadata) ? nb.metadata : undefined;
  const record = metadata?.[CONFLICT_RECORD_KEY];
  if (record === undefined) return [];
  if (!Array.isArray(record)) return [CONFLICT_RECORD_KEY];
  return record.map((e) => (isPyObject(e) && typeof e.at === 'string' ? e.at : CONFLICT_RECORD_KEY));
}
