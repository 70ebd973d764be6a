// Properties of the notebook merge over generated notebooks and edits: the laws of a three-way
// merge, no line of either side lost, and every result a notebook nbformat accepts.
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mergeNotebooks } from '../../src/merge/mergeNotebooks.js';
import { withConflictRecord } from '../../src/merge/conflictRecord.js';
import { writeNotebook, readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { hasNbformat, validateNotebooks } from '../helpers/pythonOracle.js';
import { counterIds, notebook, sources, type CellSpec } from './notebooks.js';

const LINES = ['import numpy as np', 'x = 1', 'y = x + 1', 'print(y)', '', 'df = load()', 'fit(df)', '# note'];
const cellArb: fc.Arbitrary<CellSpec> = fc.record({
  type: fc.constantFrom<'code' | 'markdown'>('code', 'code', 'markdown'),
  source: fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 4 }).map((l) => l.join('\n')),
});

type Edit = { op: 'insert' | 'delete' | 'edit' | 'append'; at: number; text: string };
const editArb: fc.Arbitrary<Edit> = fc.record({ op: fc.constantFrom('insert', 'delete', 'edit', 'append'), at: fc.nat(20), text: fc.constantFrom('a = 2', 'b = 3', 'plot()', 'x = 1') });

let fresh = 0;
function apply(cells: CellSpec[], edits: Edit[], side: string): CellSpec[] {
  const out = [...cells];
  for (const e of edits) {
    if (out.length === 0 && e.op !== 'insert') continue;
    const at = e.at % Math.max(1, out.length);
    const cell = out[at] as Exclude<CellSpec, string> | undefined;
    // Unique lines per side, so "lost" is well defined; sometimes the same text on both sides.
    const text = e.text === 'x = 1' ? e.text : `${e.text} # ${side} ${fresh++}`;
    if (e.op === 'insert') out.splice(at, 0, { source: text });
    else if (e.op === 'delete') out.splice(at, 1);
    else if (e.op === 'edit') {
      const lines = cell!.source.split('\n');
      lines[e.at % lines.length] = text;
      out[at] = { ...cell!, source: lines.join('\n') };
    } else out[at] = { ...cell!, source: `${cell!.source}\n${text}` };
  }
  return out;
}

const lines = (nb: PyObject): Set<string> => new Set(sources(nb).flatMap((s) => s.split('\n')));

/** Every base line unique (a suffix), so which copy of a repeated line a side kept is never in doubt. */
const uniqueLines = (cells: CellSpec[]): CellSpec[] =>
  cells.map((c, i) => {
    const cell = c as Exclude<CellSpec, string>;
    return { ...cell, source: cell.source.split('\n').map((l, j) => `${l} #${i}.${j}`).join('\n') };
  });

test('merge laws, no lost line, valid notebooks: 400 generated merges', () => {
  const results: string[] = [];
  const cellsArb = fc.array(cellArb, { minLength: 1, maxLength: 7 });
  fc.assert(
    fc.property(cellsArb, fc.boolean(), fc.array(editArb, { maxLength: 3 }), fc.array(editArb, { maxLength: 3 }), (generated, unique, oursEdits, theirsEdits) => {
      const cells = unique ? uniqueLines(generated) : generated;
      const base = notebook(cells);
      const ours = notebook(apply(cells, oursEdits, 'ours'));
      const theirs = notebook(apply(cells, theirsEdits, 'theirs'));
      const opts = { makeId: counterIds() };
      // One side unchanged: the other side, exactly; both the same: that.
      expect(sources(mergeNotebooks(base, ours, base, opts).notebook)).toEqual(sources(ours));
      expect(sources(mergeNotebooks(base, base, theirs, opts).notebook)).toEqual(sources(theirs));
      expect(sources(mergeNotebooks(base, ours, ours, opts).notebook)).toEqual(sources(ours));

      const r = mergeNotebooks(base, ours, theirs, opts);
      if (unique) {
        // A line of either side is in the result unless the other side deleted it (with repeated
        // lines, which copy a side deleted is a guess, so this is checked on unique ones).
        const result = lines(r.notebook);
        const [b, o, t] = [lines(base), lines(ours), lines(theirs)];
        for (const [mine, other] of [[o, t], [t, o]] as const) {
          for (const line of mine) if (!(b.has(line) && !other.has(line))) expect(result.has(line)).toBe(true);
        }
      }
      const text = writeNotebook(withConflictRecord(r.notebook, r.values));
      expect(() => readNotebook(text)).not.toThrow();
      results.push(text);
    }),
    { numRuns: 400, seed: 20261201 },
  );
  if (hasNbformat) expect(validateNotebooks(results).filter((e) => e !== null)).toEqual([]);
});
