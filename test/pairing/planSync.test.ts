// Sync decisions as pure functions over literal notebook and script texts.
import { describe, expect, test } from '@jest/globals';
import { readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { planSync } from '../../src/pairing/planSync.js';

const FORMAT = { extension: '.py', formatName: 'percent' as const };

function nb(cells: Array<[string, string, string?]>): string {
  return (
    JSON.stringify(
      {
        cells: cells.map(([id, source, out]) => ({
          cell_type: 'code',
          execution_count: out ? 1 : null,
          id,
          metadata: {},
          outputs: out ? [{ name: 'stdout', output_type: 'stream', text: [out] }] : [],
          source: [source],
        })),
        metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

const HEADER =
  "# ---\n# jupyter:\n#   jupytext:\n#     text_representation:\n#       extension: .py\n#       format_name: percent\n#       format_version: '1.3'\n#   kernelspec:\n#     display_name: Python 3\n#     language: python\n#     name: python3\n# ---\n\n";
const script = (...cells: string[]): string => HEADER + cells.map((c) => `# %%\n${c}\n`).join('\n');

const base = { notebook: nb([['a', 'a = 1', 'one'], ['b', 'b = 2', 'two']]), script: script('a = 1', 'b = 2') };

describe('planSync', () => {
  test('in sync: nothing to do', () => {
    expect(planSync({ current: base, baseline: base, format: FORMAT })).toEqual({ kind: 'in-sync' });
  });

  test('outputs-only change of the notebook is in sync', () => {
    const current = { notebook: nb([['a', 'a = 1', 'ONE'], ['b', 'b = 2']]), script: base.script };
    expect(planSync({ current, baseline: base, format: FORMAT }).kind).toBe('in-sync');
  });

  test('notebook edited: the script is regenerated, the notebook untouched', () => {
    const current = { notebook: nb([['a', 'a = 10', 'one'], ['b', 'b = 2', 'two']]), script: base.script };
    const plan = planSync({ current, baseline: base, format: FORMAT });
    expect(plan).toEqual({ kind: 'update', from: 'notebook', script: script('a = 10', 'b = 2') });
  });

  test('script edited: inputs from the script, outputs of unchanged cells kept', () => {
    const current = { notebook: base.notebook, script: script('a = 1', 'b = 3', 'c = 4') };
    const plan = planSync({ current, baseline: base, format: FORMAT, makeId: () => 'new1' });
    expect(plan.kind).toBe('update');
    if (plan.kind !== 'update') return;
    expect(plan.script).toBeUndefined();
    const cells = readNotebook(plan.notebook!).cells as PyObject[];
    expect(cells.map((c) => [c.id, c.source, (c.outputs as PyObject[]).length])).toEqual([
      ['a', 'a = 1', 1],
      ['b', 'b = 3', 0],
      ['new1', 'c = 4', 0],
    ]);
  });

  test('both edited and disagreeing: conflict, unless a side is preferred', () => {
    const current = { notebook: nb([['a', 'a = 10'], ['b', 'b = 2']]), script: script('a = 1', 'b = 20') };
    expect(planSync({ current, baseline: base, format: FORMAT })).toEqual({ kind: 'conflict', reason: 'both-changed' });
    expect(planSync({ current, format: FORMAT })).toEqual({ kind: 'conflict', reason: 'no-baseline' });
    const plan = planSync({ current, baseline: base, format: FORMAT, prefer: 'notebook' });
    expect(plan).toEqual({ kind: 'update', from: 'notebook', script: script('a = 10', 'b = 2') });
  });

  test('both edited the same way: in sync', () => {
    const current = { notebook: nb([['a', 'a = 5', 'one'], ['b', 'b = 2']]), script: script('a = 5', 'b = 2') };
    expect(planSync({ current, baseline: base, format: FORMAT }).kind).toBe('in-sync');
  });

  test('a missing side is created from the other', () => {
    const plan = planSync({ current: { notebook: base.notebook }, format: FORMAT });
    expect(plan).toEqual({ kind: 'update', from: 'notebook', script: base.script });
    const back = planSync({ current: { script: base.script }, format: FORMAT, makeId: () => 'z' });
    expect(back.kind === 'update' && (readNotebook(back.notebook!).cells as PyObject[]).map((c) => c.source)).toEqual(['a = 1', 'b = 2']);
  });

  test('a notebook that is not JSON is an error of that side', () => {
    expect(planSync({ current: { notebook: '{oops', script: base.script }, format: FORMAT })).toMatchObject({ kind: 'error', side: 'notebook' });
  });
});

describe('planSync: a script holding conflict markers is never the inputs', () => {
  const MARKED = script('a = 1', '<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side');
  // What findTextConflicts finds in MARKED (its caller asks it with the repository's scope).
  const CONFLICT = [{ firstLine: 18, lastLine: 22, complete: true }];
  const marked = (notebook: string | undefined, extra: object = {}) => ({ current: { notebook, script: MARKED }, baseline: base, format: FORMAT, scriptConflicts: CONFLICT, ...extra });

  const UNRESOLVED = { kind: 'unresolved', side: 'script', conflicts: CONFLICT, otherMarked: false };

  test('only the script changed (the merge resolved in the notebook): unresolved, nothing to write', () => {
    expect(planSync(marked(base.notebook))).toEqual(UNRESOLVED);
    expect(planSync(marked(base.notebook, { prefer: 'script' }))).toEqual(UNRESOLVED);
  });

  test('prefer notebook: the script is regenerated from the notebook, whichever side changed', () => {
    expect(planSync(marked(base.notebook, { prefer: 'notebook' }))).toEqual({ kind: 'update', from: 'notebook', script: base.script });
    const theirs = nb([['a', 'a = 1', 'one'], ['b', 'b = 20']]);
    expect(planSync(marked(theirs))).toEqual(UNRESOLVED);
    expect(planSync(marked(theirs, { prefer: 'notebook' }))).toEqual({ kind: 'update', from: 'notebook', script: script('a = 1', 'b = 20') });
  });

  test('a script alone is not made into a notebook; a notebook edited over a marked script replaces it', () => {
    expect(planSync(marked(undefined, { baseline: undefined }))).toEqual(UNRESOLVED);
    const edited = nb([['a', 'a = 10', 'one'], ['b', 'b = 2', 'two']]);
    expect(planSync(marked(edited, { baseline: { notebook: base.notebook, script: MARKED } }))).toEqual({ kind: 'update', from: 'notebook', script: script('a = 10', 'b = 2') });
  });

  test('with no conflicts found (markers that do not count, such as a quote), the script is read as any other', () => {
    const plan = planSync({ current: { notebook: base.notebook, script: MARKED }, baseline: base, format: FORMAT, scriptConflicts: [] });
    expect(plan.kind).toBe('update');
    if (plan.kind === 'update') expect(plan.from).toBe('script');
  });
});

describe('planSync: a notebook holding conflict markers is never the inputs; --prefer always decides (redteam2 f1)', () => {
  // The merge driver's notebook: markers in cell 2; the user resolved nb.py back to HEAD's side.
  const MARKED_NB = nb([['a', 'a = 1', 'one'], ['b', '<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side']]);
  const CELLS = [{ index: 1, excerpt: 'b = 200' }];
  const head = { notebook: nb([['a', 'a = 1', 'one'], ['b', 'b = 200', 'two']]), script: script('a = 1', 'b = 200') };
  const input = (extra: object = {}) => ({ current: { notebook: MARKED_NB, script: head.script }, baseline: head, format: FORMAT, notebookConflicts: CELLS, makeId: () => 'n', ...extra });

  test('--prefer script takes the resolved script although it equals the baseline: the markers leave the notebook', () => {
    const plan = planSync(input({ prefer: 'script' }));
    expect(plan.kind).toBe('update');
    if (plan.kind !== 'update') return;
    expect(plan.from).toBe('script');
    expect(plan.script).toBeUndefined();
    expect((readNotebook(plan.notebook!).cells as PyObject[]).map((c) => c.source)).toEqual(['a = 1', 'b = 200']);
  });

  test('the marked notebook is refused as the inputs: by --prefer notebook, and by "only the notebook changed"', () => {
    const refused = { kind: 'unresolved', side: 'notebook', cells: CELLS, otherMarked: false };
    expect(planSync(input({ prefer: 'notebook' }))).toEqual(refused);
    expect(planSync(input())).toEqual(refused);
    expect(planSync(input({ current: { notebook: MARKED_NB, script: undefined } }))).toEqual(refused);
  });

  test('both sides marked: refused whichever is preferred, and each says the other is marked too', () => {
    const scriptConflicts = [{ firstLine: 18, lastLine: 22, complete: true }];
    const marked = script('a = 1', '<<<<<<< HEAD\nb = 201\n=======\nb = 20\n>>>>>>> side');
    // The same markers on both sides are in sync: nothing to read, nothing to write.
    expect(planSync(input({ current: { notebook: MARKED_NB, script: script('a = 1', '<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side') }, scriptConflicts }))).toEqual({ kind: 'in-sync' });
    const both = (prefer?: string) => input({ current: { notebook: MARKED_NB, script: marked }, scriptConflicts, ...(prefer ? { prefer } : {}) });
    expect(planSync(both('script'))).toEqual({ kind: 'unresolved', side: 'script', conflicts: scriptConflicts, otherMarked: true });
    expect(planSync(both('notebook'))).toEqual({ kind: 'unresolved', side: 'notebook', cells: CELLS, otherMarked: true });
    expect(planSync(both())).toEqual({ kind: 'unresolved', side: 'script', conflicts: scriptConflicts, otherMarked: true });
  });

  test('an explicit --prefer beats "only the other side changed" when nothing is marked', () => {
    const edited = { notebook: nb([['a', 'a = 10', 'one'], ['b', 'b = 2', 'two']]), script: base.script };
    expect(planSync({ current: edited, baseline: base, format: FORMAT, prefer: 'notebook' })).toEqual({ kind: 'update', from: 'notebook', script: script('a = 10', 'b = 2') });
    const plan = planSync({ current: edited, baseline: base, format: FORMAT, prefer: 'script' });
    expect(plan.kind === 'update' && plan.from).toBe('script');
    if (plan.kind === 'update') expect((readNotebook(plan.notebook!).cells as PyObject[]).map((c) => c.source)).toEqual(['a = 1', 'b = 2']);
  });
});
