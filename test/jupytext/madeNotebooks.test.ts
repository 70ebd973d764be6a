// Notebooks made for ml-hooks (test/fixtures/made, written by scripts/make-jupytext-expected.py)
// and Jupytext 1.19's percent and light output for each, committed as files: PEP 8 spacing with
// `async` blocks and quoted Markdown, and one notebook per family of script languages with its
// comment and magic-escaping rules (`#`, `//` with Go's `//gonb:`, Rust's `:` and C#'s `#!`, `;;`,
// `--`, `/`, `%` that never escapes, `;`, and block comments `(* *)`, `/* */`).
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { notebookToScript } from '../../src/jupytext/notebookToScript.js';
import { scriptToNotebook } from '../../src/jupytext/scriptToNotebook.js';
import { pep8LinesBetweenCells } from '../../src/jupytext/pep8Lines.js';
import { FIXTURES } from '../helpers/cli.js';

const MADE = join(FIXTURES, 'made');
const cases = readdirSync(join(MADE, 'expected'))
  .sort()
  .map((name) => {
    const [stem, formatName, ext] = name.split('.') as [string, 'percent' | 'light', string];
    return { name, stem, format: { extension: '.' + ext, formatName } };
  });
const notebookOf = (stem: string): PyObject => readNotebook(readFileSync(join(MADE, 'notebooks', `${stem}.ipynb`), 'utf8'));
const inputsOf = (nb: PyObject): Array<[unknown, unknown]> => (nb.cells as PyObject[]).map((c) => [c.cell_type, c.source]);

// Where Jupytext 1.19 itself reads back something else (checked with it): the test expects the same.
const READ_BACK: Partial<Record<string, (inputs: Array<[unknown, unknown]>) => Array<[unknown, unknown]>>> = {
  // `#!csharp` in a C# notebook names the main language: it is not kept.
  'lang_csharp.percent.cs': (inputs) => inputs.map(([t, s]) => [t, String(s).replace(/^#!csharp\n/, '')]),
  'lang_csharp.light.cs': (inputs) => inputs.map(([t, s]) => [t, String(s).replace(/^#!csharp\n/, '')]),
};
// Jupytext cannot read a light script whose notebook sets cell_markers without a comma.
const UNREADABLE = new Set(['pep8_quoted_markdown.light.py']);

describe('made notebooks against Jupytext 1.19', () => {
  test('every language family has a notebook', () => {
    const exts = new Set(cases.map((c) => c.format.extension));
    for (const ext of ['.sh', '.go', '.rs', '.cs', '.cpp', '.js', '.clj', '.hs', '.lua', '.q', '.m', '.lgt', '.pro', '.ml', '.sas', '.mac', '.wolfram', '.R', '.jl', '.py']) expect(exts).toContain(ext);
  });

  test.each(cases)('notebook → script is byte-exact: $name', ({ name, stem, format }) => {
    expect(notebookToScript(notebookOf(stem), format)).toBe(readFileSync(join(MADE, 'expected', name), 'utf8'));
  });

  test.each(cases.filter((c) => !UNREADABLE.has(c.name)))('script → notebook keeps the inputs, and writes back the same bytes: $name', ({ name, stem, format }) => {
    const script = readFileSync(join(MADE, 'expected', name), 'utf8');
    const nb = scriptToNotebook(script, format);
    const inputs = inputsOf(notebookOf(stem));
    expect(inputsOf(nb)).toEqual(READ_BACK[name]?.(inputs) ?? inputs);
    if (!READ_BACK[name]) expect(notebookToScript(nb, format)).toBe(script);
  });
});

describe('PEP 8 blank lines between cells (Jupytext pep8.py)', () => {
  const cases: Array<[string, string[], string[], string, number]> = [
    ['after a cell ending inside async def', ['async def f():', '    return 1'], ['x = 1'], '.py', 2],
    ['before a cell starting with async def', ['x = 1'], ['async def f():', '    pass'], '.py', 2],
    ['before async with', ['x = 1'], ['async with lock:', '    pass'], '.py', 2],
    ['before a decorated async def', ['x = 1'], ['@cache', 'async def f():', '    pass'], '.py', 2],
    ['before a def behind a comment', ['x = 1'], ['# note', 'def f():', '    pass'], '.py', 2],
    ['after def, before a comment-only cell', ['def f():', '    pass'], ['# %% [markdown]', '# text'], '.py', 1],
    ['after def, before a quoted Markdown cell (not a comment: code)', ['def f():', '    pass'], ['"""', 'text', '"""'], '.py', 2],
    ['after a cell ending with a comment', ['x = 1', '# done'], ['def f():', '    pass'], '.py', 1],
    ['after two blank lines already in the cell', ['def f():', '    pass', '', ''], ['x = 1'], '.py', 1],
    ['a word starting with async is no block', ['x = 1'], ['asyncio.run(main())'], '.py', 1],
    ['only in .py files', ['async def f():', '    pass'], ['x = 1'], '.R', 1],
    ['before the end of the file', ['async def f():', '    pass'], [], '.py', 1],
    ['after an empty header', [], ['x = 1'], '.py', 0],
  ];
  test.each(cases)('%s', (_what, prev, next, ext, expected) => {
    expect(pep8LinesBetweenCells(prev, next, ext)).toBe(expected);
  });
});
