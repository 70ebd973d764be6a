// The pre-commit step of pairing, on real git repositories: the step is called as the hook will
// call it, then `git commit` shows what was committed.
import { afterEach, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { PassThrough } from 'node:stream';
import { makeHookContext } from '../../src/hooks/hookContext.js';
import { pairStep } from '../../src/hooks/pairStep.js';

/** The pairing step run as the pre-commit hook runs it: whether it blocked, what it said, what it staged. */
async function syncStagedPairs(root: string): Promise<{ blocked: boolean; messages: string[]; staged: string[] }> {
  const stderr = new PassThrough();
  let said = '';
  stderr.on('data', (d: Buffer) => (said += d.toString()));
  const ctx = makeHookContext({ cwd: root, env: process.env, stdout: new PassThrough(), stderr });
  try {
    const outcome = await pairStep.run(ctx);
    return { blocked: Boolean(outcome?.block), messages: [outcome?.block ?? said], staged: [...ctx.updatedPaths] };
  } finally {
    ctx.close();
  }
}

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function codeCell(id: string, source: string, output?: string): object {
  return {
    cell_type: 'code',
    execution_count: output ? 1 : null,
    id,
    metadata: {},
    outputs: output ? [{ name: 'stdout', output_type: 'stream', text: [output] }] : [],
    source: source.split(/(?<=\n)/),
  };
}

function notebook(cells: object[], formats?: string): string {
  const metadata: Record<string, unknown> = {
    kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
    language_info: { name: 'python' },
  };
  if (formats) metadata.jupytext = { formats };
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

const SCRIPT_HEADER = (formats: string): string =>
  `# ---\n# jupyter:\n#   jupytext:\n#     formats: ${formats}\n#     text_representation:\n#       extension: .py\n#       format_name: percent\n#       format_version: '1.3'\n#   kernelspec:\n#     display_name: Python 3\n#     language: python\n#     name: python3\n# ---\n\n`;

const cellsOf = (path: string): PyObject[] => readNotebook(readFileSync(path, 'utf8')).cells as PyObject[];

function committedPair(r: TestRepo): void {
  r.write('nb.ipynb', notebook([codeCell('a1', 'x = 1\nprint(x)', '1\n'), codeCell('b2', 'y = 2\nprint(y)', '2\n')], 'ipynb,py:percent'));
  r.write('nb.py', SCRIPT_HEADER('ipynb,py:percent') + '# %%\nx = 1\nprint(x)\n\n# %%\ny = 2\nprint(y)\n');
  r.git('add', '.');
  r.git('commit', '-q', '-m', 'pair');
}

describe('syncStagedPairs with real git', () => {
  test('a script-only edit updates the staged and working notebook, keeping outputs of untouched cells', async () => {
    repo = makeRepo();
    committedPair(repo);
    // the step must not care that the pair was written by hand: check the script is canonical first
    expect((await syncStagedPairs(repo.path)).staged).toEqual([]);
    repo.write('nb.py', SCRIPT_HEADER('ipynb,py:percent') + '# %%\nx = 1\nprint(x)\n\n# %%\ny = 3\nprint(y * 2)\n');
    repo.git('add', 'nb.py');
    const result = await syncStagedPairs(repo.path);
    expect(result.blocked).toBe(false);
    expect(result.staged).toEqual(['nb.ipynb']);

    const working = cellsOf(join(repo.path, 'nb.ipynb'));
    expect(working.map((c) => c.source)).toEqual(['x = 1\nprint(x)', 'y = 3\nprint(y * 2)']);
    expect(working[0]!.outputs).toEqual([{ name: 'stdout', output_type: 'stream', text: '1\n' }]);
    expect(working[0]!.id).toBe('a1');
    expect(working[1]!.outputs).toEqual([]);

    repo.git('commit', '-q', '-m', 'edit script');
    const committed = readNotebook(repo.git('show', 'HEAD:nb.ipynb'));
    expect((committed.cells as PyObject[]).map((c) => c.source)).toEqual(['x = 1\nprint(x)', 'y = 3\nprint(y * 2)']);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  test('conflicting edits on both sides block the commit and nothing is lost', async () => {
    repo = makeRepo();
    committedPair(repo);
    const nbEdited = notebook([codeCell('a1', 'x = 10\nprint(x)', '10\n'), codeCell('b2', 'y = 2\nprint(y)', '2\n')], 'ipynb,py:percent');
    const scriptEdited = SCRIPT_HEADER('ipynb,py:percent') + '# %%\nx = 1\nprint(x)\n\n# %%\ny = 20\nprint(y)\n';
    repo.write('nb.ipynb', nbEdited);
    repo.write('nb.py', scriptEdited);
    repo.git('add', '.');
    const indexBefore = repo.git('ls-files', '-s');
    const result = await syncStagedPairs(repo.path);
    expect(result.blocked).toBe(true);
    const message = result.messages.join('');
    expect(message).toContain('nb.ipynb');
    expect(message).toContain('nb.py');
    expect(message).toContain('ml-hooks sync --prefer notebook nb.ipynb');
    expect(message).toContain('ml-hooks sync --prefer script nb.py');
    expect(repo.git('ls-files', '-s')).toBe(indexBefore);
    expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(nbEdited);
    expect(readFileSync(join(repo.path, 'nb.py'), 'utf8')).toBe(scriptEdited);
  });

  test('a new notebook matching the configured pattern gets its script created and staged', async () => {
    repo = makeRepo();
    repo.write('pyproject.toml', '[tool.ml-hooks.pair]\nnotebooks = ["notebooks/**/*.ipynb"]\nformat = "py:percent"\n');
    repo.write('README.md', 'x\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'init');
    repo.write('notebooks/deep/new.ipynb', notebook([codeCell('c3', 'import math\nmath.pi', '3.14\n')]));
    repo.write('other/free.ipynb', notebook([codeCell('d4', '1')]));
    repo.git('add', '.');
    const result = await syncStagedPairs(repo.path);
    expect(result.blocked).toBe(false);
    expect(result.staged).toEqual(['notebooks/deep/new.py']);
    const script = readFileSync(join(repo.path, 'notebooks/deep/new.py'), 'utf8');
    expect(script).toContain('# %%\nimport math\nmath.pi\n');
    expect(repo.git('show', ':notebooks/deep/new.py')).toBe(script);
    expect(existsSync(join(repo.path, 'other/free.py'))).toBe(false);
  });

  test('a renamed notebook moves its script', async () => {
    repo = makeRepo();
    committedPair(repo);
    repo.git('mv', 'nb.ipynb', 'analysis.ipynb');
    const result = await syncStagedPairs(repo.path);
    expect(result.blocked).toBe(false);
    expect(result.staged.sort()).toEqual(['analysis.py', 'nb.py']);
    expect(existsSync(join(repo.path, 'nb.py'))).toBe(false);
    expect(readFileSync(join(repo.path, 'analysis.py'), 'utf8')).toContain('# %%\ny = 2\nprint(y)\n');
    repo.git('commit', '-q', '-m', 'rename');
    expect(repo.git('ls-files').split('\n').filter(Boolean).sort()).toEqual(['analysis.ipynb', 'analysis.py']);
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});

describe('syncStagedPairs protects unstaged edits of the other side', () => {
  test('a staged notebook edit with unstaged script edits blocks, nothing written', async () => {
    repo = makeRepo();
    committedPair(repo);
    const nbEdited = notebook([codeCell('a1', 'x = 5\nprint(x)', '5\n'), codeCell('b2', 'y = 2\nprint(y)', '2\n')], 'ipynb,py:percent');
    repo.write('nb.ipynb', nbEdited);
    repo.git('add', 'nb.ipynb');
    const scriptEdited = SCRIPT_HEADER('ipynb,py:percent') + '# %%\nx = 1\nprint(x)\n\n# %%\ny = 2\nprint(y)\nprint("more")\n';
    repo.write('nb.py', scriptEdited);
    const indexBefore = repo.git('ls-files', '-s');
    const result = await syncStagedPairs(repo.path);
    expect(result.blocked).toBe(true);
    expect(result.messages.join('')).toContain('git add nb.py');
    expect(repo.git('ls-files', '-s')).toBe(indexBefore);
    expect(readFileSync(join(repo.path, 'nb.py'), 'utf8')).toBe(scriptEdited);
    expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(nbEdited);
  });
});
