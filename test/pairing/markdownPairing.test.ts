// Markdown pairing end to end (real git, the built CLI, installed hooks) and Jupytext's two rules
// for `formats` in `convert --to`. Expected texts are Jupytext 1.19's output for the same
// notebooks (its jupytext_version line left out).
import { afterEach, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/gitRepo.js';
import { installedRepo, tryGit } from '../hooks/installedRepo.js';
import { readNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function notebook(formats?: string, outputs = false): string {
  const code = (id: string, source: string[], n: number) => ({
    cell_type: 'code',
    execution_count: outputs ? n : null,
    id,
    metadata: {},
    outputs: outputs ? [{ name: 'stdout', output_type: 'stream', text: [`out ${n}\n`] }] : [],
    source,
  });
  return (
    JSON.stringify(
      {
        cells: [{ cell_type: 'markdown', id: 'm', metadata: {}, source: ['# Title'] }, code('c', ['async def main():\n', '    return 1'], 1), code('d', ['x = 1'], 2)],
        metadata: { ...(formats ? { jupytext: { formats } } : {}), kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

const pyHeader = (formats?: string): string =>
  `# ---\n# jupyter:\n#   jupytext:\n${formats ? `#     formats: ${formats}\n` : ''}#     text_representation:\n#       extension: .py\n#       format_name: percent\n#       format_version: '1.3'\n#   kernelspec:\n#     display_name: Python 3\n#     language: python\n#     name: python3\n# ---\n\n`;
const PY_BODY = '# %% [markdown]\n# # Title\n\n# %%\nasync def main():\n    return 1\n\n\n# %%\nx = 1\n';
const MYST = (formats: string): string =>
  `---\njupytext:\n  formats: ${formats}\n  text_representation:\n    extension: .md\n    format_name: myst\n    format_version: 0.13\nkernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n# Title\n\n\`\`\`{code-cell}\nasync def main():\n    return 1\n\`\`\`\n\n\`\`\`{code-cell}\nx = 1\n\`\`\`\n`;

describe('convert --to and the formats of the notebook (Jupytext rules)', () => {
  test('the destination is not in the pair: formats is dropped', () => {
    const dir = makeTempDir();
    cleanup = dir.cleanup;
    writeFileSync(join(dir.path, 'nb.ipynb'), notebook('ipynb,md'));
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: dir.path }).status).toBe(0);
    expect(readFileSync(join(dir.path, 'nb.py'), 'utf8')).toBe(pyHeader() + PY_BODY);
  });

  test('the destination is in the pair under another format: the entry takes the new one', () => {
    const dir = makeTempDir();
    cleanup = dir.cleanup;
    writeFileSync(join(dir.path, 'nb.ipynb'), notebook('ipynb,py:light'));
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: dir.path }).status).toBe(0);
    expect(readFileSync(join(dir.path, 'nb.py'), 'utf8')).toBe(pyHeader('ipynb,py:percent') + PY_BODY);
    // to stdout there is no destination path: not in the pair
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent', '-o', '-'], { cwd: dir.path }).stdout).toBe(pyHeader() + PY_BODY);
    // a format named by the notebook is used when --to gives only the extension
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py', '-o', 'nb.py'], { cwd: dir.path }).status).toBe(0);
    expect(readFileSync(join(dir.path, 'nb.py'), 'utf8')).toContain('#     formats: ipynb,py:light\n');
  });

  test('md:myst into an md pair: the entry becomes md:myst', () => {
    const dir = makeTempDir();
    cleanup = dir.cleanup;
    writeFileSync(join(dir.path, 'nb.ipynb'), notebook('ipynb,md'));
    expect(runCli(['convert', 'nb.ipynb', '--to', 'md:myst'], { cwd: dir.path }).status).toBe(0);
    expect(readFileSync(join(dir.path, 'nb.md'), 'utf8')).toBe(MYST('ipynb,md:myst'));
    // and back: the notebook read from MyST has the same inputs
    const back = runCli(['convert', 'nb.md', '--to', 'ipynb', '-o', '-'], { cwd: dir.path });
    expect(back.status).toBe(0);
    const cells = readNotebook(back.stdout).cells as PyObject[];
    expect(cells.map((c) => c.source)).toEqual(['# Title', 'async def main():\n    return 1', 'x = 1']);
  });

  test('a format ml-hooks does not write is refused in one line (a usage error: exit 2)', () => {
    const dir = makeTempDir();
    cleanup = dir.cleanup;
    writeFileSync(join(dir.path, 'nb.ipynb'), notebook());
    const r = runCli(['convert', 'nb.ipynb', '--to', 'py:hydrogen'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(2); // the reason, then where the help is
    expect(r.stderr).toContain("'py:hydrogen' is a Jupytext format that ml-hooks does not write");
    expect(existsSync(join(dir.path, 'nb.py'))).toBe(false);
  });
});

function commit(repo: TestRepo, message: string): { status: number; stderr: string } {
  return tryGit(repo.path, ['commit', '-q', '-m', message]);
}

describe('pairing with md, md:myst and Rmd', () => {
  test.each([
    ['md', 'nb.md', '```python\nx = 1\n```'],
    ['md:myst', 'nb.md', '```{code-cell} ipython3\nx = 1\n```'],
    ['Rmd', 'nb.Rmd', '```{python}\nx = 1\n```'],
  ])('pair --format %s, then an edit of the text file reaches the notebook with sync (outputs kept)', (format, textPath, xCell) => {
    const repo = installedRepo();
    cleanup = repo.cleanup;
    const withInfo = notebook(undefined, true).replace('"kernelspec"', '"language_info": {"name": "python", "pygments_lexer": "ipython3"},\n  "kernelspec"');
    repo.write('nb.ipynb', withInfo);
    const paired = runCli(['pair', 'nb.ipynb', '--format', format], { cwd: repo.path });
    expect(paired.stderr).toBe('');
    expect(paired.status).toBe(0);
    const text = readFileSync(join(repo.path, textPath), 'utf8');
    expect(text).toContain(xCell);
    expect(text).toContain(`formats: ipynb,${format}\n`);
    repo.git('add', '.');
    expect(commit(repo, 'pair').status).toBe(0);
    writeFileSync(join(repo.path, textPath), text.replace(xCell, xCell.replace('x = 1', 'x = 2')));
    const synced = runCli(['sync'], { cwd: repo.path });
    expect(synced.status).toBe(0);
    const cells = readNotebook(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).cells as PyObject[];
    expect(cells.map((c) => c.source)).toEqual(['# Title', 'async def main():\n    return 1', 'x = 2']);
    expect((cells[1]!.outputs as unknown[]).length).toBe(1); // untouched cell keeps its output
    expect((cells[2]!.outputs as unknown[]).length).toBe(0);
    expect(runCli(['sync', '--check'], { cwd: repo.path }).status).toBe(0);
  });

  test('jupytext.toml pairs with md:myst: the hook writes and commits the MyST file, and an edit of it updates the committed notebook', () => {
    const repo = installedRepo();
    cleanup = repo.cleanup;
    repo.write('jupytext.toml', 'formats = "ipynb,md:myst"\n');
    repo.write('nb.ipynb', notebook(undefined, true));
    repo.git('add', '.');
    const first = commit(repo, 'notebook');
    expect(first.stderr).not.toContain('internal error');
    expect(first.status).toBe(0);
    const committed = repo.git('show', 'HEAD:nb.md');
    expect(committed).toContain('```{code-cell}\nx = 1\n```');
    expect(readFileSync(join(repo.path, 'nb.md'), 'utf8')).toBe(committed);
    writeFileSync(join(repo.path, 'nb.md'), committed.replace('x = 1', 'x = 3'));
    repo.git('add', 'nb.md');
    expect(commit(repo, 'edit the MyST file').status).toBe(0);
    const nb = readNotebook(repo.git('show', 'HEAD:nb.ipynb'));
    expect((nb.cells as PyObject[]).map((c) => c.source)).toEqual(['# Title', 'async def main():\n    return 1', 'x = 3']);
    expect(runCli(['check'], { cwd: repo.path }).status).toBe(0);
  });
});

describe('formats ml-hooks does not support: one line, and the commit goes on', () => {
  test.each(['py:hydrogen', 'py:nomarker', 'py:sphinx', 'R:spin', 'md:pandoc', 'qmd', 'py:marimo'])('jupytext.toml formats = "ipynb,%s"', (format) => {
    const repo = installedRepo();
    cleanup = repo.cleanup;
    repo.write('jupytext.toml', `formats = "ipynb,${format}"\n`);
    repo.write('tool.py', 'print("unrelated")\n');
    repo.git('add', '.');
    const py = commit(repo, 'unrelated script');
    expect(py.stderr).not.toContain('internal error');
    expect(py.status).toBe(0);
    repo.write('nb.ipynb', notebook(undefined, true));
    repo.git('add', 'nb.ipynb');
    const nb = commit(repo, 'notebook');
    expect(nb.stderr).not.toMatch(/internal error|    at /);
    expect(nb.status).toBe(0);
    expect(nb.stderr).toContain(`pairing format '${format}'`);
    expect(repo.git('show', 'HEAD:nb.ipynb')).not.toContain('out 1'); // still stripped
    const check = runCli(['check'], { cwd: repo.path });
    const lines = check.stderr.split('\n').filter((l) => l.includes(format));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('nb.ipynb');
    expect(lines[0]).toContain('left alone');
    expect(check.stderr).not.toContain('internal error');
  });

  test('a notebook declaring py:hydrogen in its metadata, and a value that is no format at all', () => {
    const repo = installedRepo();
    cleanup = repo.cleanup;
    repo.write('a.ipynb', notebook('ipynb,py:hydrogen'));
    repo.write('b.ipynb', notebook('ipynb,py:percent,md:pandoc'));
    repo.write('c.ipynb', notebook('ipynb,nonsense'));
    repo.git('add', '.');
    const r = commit(repo, 'notebooks');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("a.ipynb: pairing format 'py:hydrogen'");
    expect(r.stderr).toContain("b.ipynb: pairing format 'md:pandoc'");
    expect(r.stderr).toContain("c.ipynb: the pairing formats 'ipynb,nonsense'");
    // the supported side of b's pair is still written
    expect(repo.git('show', 'HEAD:b.py')).toContain('# %%');
    expect(existsSync(join(repo.path, 'a.py'))).toBe(false);
  });
});
