// Small notebooks for the merge and diff tests, as literal cells.
import { readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';

export type CellSpec = string | { type?: 'code' | 'markdown' | 'raw'; source: string; id?: string; outputs?: string; count?: number; metadata?: Record<string, unknown> };

/** Notebook text (nbformat 4.5) with the given cells; ids are positions unless given. */
export function notebookText(cells: CellSpec[], metadata: Record<string, unknown> = {}): string {
  return (
    JSON.stringify(
      {
        cells: cells.map((spec, i) => {
          const c = typeof spec === 'string' ? { source: spec } : spec;
          const type = c.type ?? 'code';
          return {
            cell_type: type,
            id: c.id ?? String(i),
            metadata: c.metadata ?? {},
            source: c.source,
            ...(type === 'code'
              ? { execution_count: c.count ?? (c.outputs ? 1 : null), outputs: c.outputs ? [{ name: 'stdout', output_type: 'stream', text: c.outputs }] : [] }
              : {}),
          };
        }),
        metadata,
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

export const notebook = (cells: CellSpec[], metadata: Record<string, unknown> = {}): PyObject => readNotebook(notebookText(cells, metadata));

export const sources = (nb: PyObject): string[] => (nb.cells as PyObject[]).map((c) => c.source as string);

/** Ids made in order, so results are literal. */
export function counterIds(): () => string {
  let n = 0;
  return () => `new-${n++}`;
}
