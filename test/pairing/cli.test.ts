// `ml-hooks convert`, `pair` and `sync` through the built CLI.
import { afterEach, describe, expect, test } from '@jest/globals';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI as CLI_PATH, JUPYTEXT_INPUTS, makeTempDir, runCli, JUPYTEXT_FIXTURES } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { normalizeHeader } from '../jupytext/normalizeHeader.js';
import { notebookWithOutputs } from '../hooks/notebookFixture.js';

const EXPECTED = JUPYTEXT_FIXTURES;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function tempDir(): string {
  const t = makeTempDir();
  cleanups.push(t.cleanup);
  return t.path;
}
function repo(): TestRepo {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r;
}

describe('ml-hooks convert', () => {
  test('writes next to the input with the format extension, byte-exact with Jupytext', () => {
    const dir = tempDir();
    copyFileSync(join(JUPYTEXT_INPUTS, 'ir_notebook.ipynb'), join(dir, 'ir.ipynb'));
    const r = runCli(['convert', 'ir.ipynb', '--to', 'R:percent'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(normalizeHeader(readFileSync(join(dir, 'ir.R'), 'utf8'))).toBe(readFileSync(join(EXPECTED, 'expected-percent', 'ir_notebook.R'), 'utf8'));
    // "percent" alone takes the extension from the notebook's language
    const auto = runCli(['convert', 'ir.ipynb', '--to', 'percent', '-o', '-'], { cwd: dir });
    expect(auto.stdout).toBe(readFileSync(join(dir, 'ir.R'), 'utf8'));
  });

  test('-o - writes to stdout and nothing to disk', () => {
    const dir = tempDir();
    copyFileSync(join(JUPYTEXT_INPUTS, 'jupyter.ipynb'), join(dir, 'j.ipynb'));
    const r = runCli(['convert', 'j.ipynb', '--to', 'py:light', '-o', '-'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(normalizeHeader(r.stdout)).toBe(readFileSync(join(EXPECTED, 'expected-light', 'jupyter.py'), 'utf8'));
    expect(existsSync(join(dir, 'j.py'))).toBe(false);
  });

  test('an unchanged output is not rewritten (mtime kept); script → ipynb keeps outputs', () => {
    const dir = tempDir();
    copyFileSync(join(JUPYTEXT_INPUTS, 'text_outputs_and_images.ipynb'), join(dir, 't.ipynb'));
    expect(runCli(['convert', 't.ipynb', '--to', 'py:percent'], { cwd: dir }).status).toBe(0);
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(join(dir, 't.py'), old, old);
    const again = runCli(['convert', 't.ipynb', '--to', 'py:percent'], { cwd: dir });
    expect(again.stdout).toContain('up to date');
    expect(statSync(join(dir, 't.py')).mtime.getTime()).toBe(old.getTime());
    const before = readFileSync(join(dir, 't.ipynb'), 'utf8');
    const back = runCli(['convert', 't.py', '--to', 'ipynb'], { cwd: dir });
    expect(back.status).toBe(0);
    expect(readFileSync(join(dir, 't.ipynb'), 'utf8')).toBe(before);
  });

  test('bad input (invalid notebook JSON): one error line, exit 1, nothing written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.ipynb'), '{"cells": [');
    const r = runCli(['convert', 'bad.ipynb', '--to', 'py:percent'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'bad.ipynb'), 'utf8')).toBe('{"cells": [');
    expect(existsSync(join(dir, 'bad.py'))).toBe(false);
  });

  test.each([
    ['unknown format', 'py:fancy', "ml-hooks convert: --to py:fancy: 'fancy' is not a format name: use percent or light for scripts, markdown or myst for .md\n"],
    ['unknown extension', 'docx', "ml-hooks convert: --to docx: 'docx' is neither a notebook extension (ipynb, py, R, jl, md, Rmd, …) nor a format name (percent, light, myst, …)\n"],
    ['a Jupytext format ml-hooks does not write', 'py:hydrogen', "ml-hooks convert: --to py:hydrogen: 'py:hydrogen' is a Jupytext format that ml-hooks does not write; use py:percent, py:light (or another script extension), md, md:myst, Rmd or ipynb\n"],
  ])('a bad --to (%s) is a usage error: exit 2, nothing written', (_label, to, first) => {
    const dir = tempDir();
    const content = readFileSync(join(JUPYTEXT_INPUTS, 'jupyter.ipynb'), 'utf8');
    writeFileSync(join(dir, 'ok.ipynb'), content);
    const r = runCli(['convert', 'ok.ipynb', '--to', to], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${first}See \`ml-hooks convert --help\`.\n`);
    expect(readFileSync(join(dir, 'ok.ipynb'), 'utf8')).toBe(content);
    expect(existsSync(join(dir, 'ok.py'))).toBe(false);
  });

  test('an unreadable script is an error with the notebook untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.py'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    writeFileSync(join(dir, 's.ipynb'), 'keep me');
    const r = runCli(['convert', 's.py', '--to', 'ipynb'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('UTF-8');
    expect(readFileSync(join(dir, 's.ipynb'), 'utf8')).toBe('keep me');
  });

  test('--help answers', () => {
    const r = runCli(['convert', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--to FORMAT');
  });
});

describe('ml-hooks pair and sync', () => {
  test('pair declares the pair and writes the script; sync follows script edits; conflicts refuse', () => {
    const r = repo();
    copyFileSync(join(JUPYTEXT_INPUTS, 'text_outputs_and_images.ipynb'), join(r.path, 'nb.ipynb'));
    const paired = runCli(['pair', 'nb.ipynb'], { cwd: r.path });
    expect(paired.status).toBe(0);
    expect(JSON.parse(readFileSync(join(r.path, 'nb.ipynb'), 'utf8')).metadata.jupytext.formats).toBe('ipynb,py:percent');
    const script = readFileSync(join(r.path, 'nb.py'), 'utf8');
    expect(script).toContain('#     formats: ipynb,py:percent');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'pair');

    expect(runCli(['sync'], { cwd: r.path }).stdout).toBe('');
    writeFileSync(join(r.path, 'nb.py'), script.replace('undefined_variable', 'defined_variable = 1'));
    const synced = runCli(['sync'], { cwd: r.path });
    expect(synced.status).toBe(0);
    expect(synced.stdout).toContain('Updated nb.ipynb from nb.py');
    const nb = JSON.parse(readFileSync(join(r.path, 'nb.ipynb'), 'utf8'));
    expect(nb.cells.at(-1).source).toEqual(['defined_variable = 1']);
    expect(nb.cells.find((c: { source: string[] }) => c.source.join('') === 'import pandas as pd\npd.DataFrame([4])').outputs.length).toBe(1);
    r.git('commit', '-q', '-am', 'sync');

    const nbText = readFileSync(join(r.path, 'nb.ipynb'), 'utf8').replace('defined_variable = 1', 'edited_in_jupyter = 2');
    writeFileSync(join(r.path, 'nb.ipynb'), nbText);
    const scriptText = readFileSync(join(r.path, 'nb.py'), 'utf8').replace('import sys', 'import os');
    writeFileSync(join(r.path, 'nb.py'), scriptText);
    const conflict = runCli(['sync', 'nb.ipynb'], { cwd: r.path });
    expect(conflict.status).toBe(1);
    expect(conflict.stderr).toContain('ml-hooks sync --prefer script nb.py');
    expect(readFileSync(join(r.path, 'nb.ipynb'), 'utf8')).toBe(nbText);
    expect(readFileSync(join(r.path, 'nb.py'), 'utf8')).toBe(scriptText);
    expect(runCli(['sync', '--check'], { cwd: r.path }).status).toBe(1);
    const resolved = runCli(['sync', '--prefer', 'notebook', 'nb.ipynb'], { cwd: r.path });
    expect(resolved.status).toBe(0);
    expect(readFileSync(join(r.path, 'nb.py'), 'utf8')).toContain('edited_in_jupyter = 2');
  });

  test('sync FILE: a missing file is bad input (exit 2, nothing synced), unless it is the missing side of a pair the configuration declares', () => {
    const r = repo();
    r.write('.ml-hooks.json', '{"pair": {"notebooks": ["nb.ipynb"]}}');
    r.write('nb.ipynb', notebookWithOutputs(['a = 1']));
    expect(runCli(['sync'], { cwd: r.path }).status).toBe(0);
    const script = readFileSync(join(r.path, 'nb.py'), 'utf8');
    const typo = runCli(['sync', 'nb.ipynb', 'nope.ipynb'], { cwd: r.path });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('ml-hooks sync: nope.ipynb: no such file or folder\n');
    rmSync(join(r.path, 'nb.py'));
    expect(runCli(['sync', 'nope.ipynb', 'nb.py'], { cwd: r.path }).status).toBe(2);
    expect(existsSync(join(r.path, 'nb.py'))).toBe(false); // nothing synced before the typo was found
    const back = runCli(['sync', 'nb.py'], { cwd: r.path });
    expect(back.status).toBe(0);
    expect(readFileSync(join(r.path, 'nb.py'), 'utf8')).toBe(script);
  });

  test('odd names (a newline, bytes that are not UTF-8) are spelled out in messages, as the hook spells them; the files get the right bytes', () => {
    const r = repo();
    const notebook = notebookWithOutputs(['a = 1']);
    writeFileSync(join(r.path, 'new\nline.ipynb'), notebook);
    writeFileSync(Buffer.from(`${r.path}/lat\xe9.ipynb`, 'latin1'), notebook);
    // A name whose bytes are not UTF-8 reaches the CLI with U+FFFD in their place (see resolveTypedName).
    const p = runCli(['pair', 'new\nline.ipynb', 'lat\ufffd.ipynb'], { cwd: r.path });
    expect(p.stderr).toBe('');
    expect(p.stdout).toBe(
      'Paired "new\\nline.ipynb" with "new\\nline.py" (jupytext.formats: ipynb,py:percent)\n' + 'Paired "lat\\xe9.ipynb" with "lat\\xe9.py" (jupytext.formats: ipynb,py:percent)\n',
    );
    expect(existsSync(Buffer.from(`${r.path}/lat\xe9.py`, 'latin1'))).toBe(true);
    expect(existsSync(join(r.path, 'new\nline.py'))).toBe(true);
    const missing = runCli(['sync', 'gone\n.ipynb'], { cwd: r.path });
    expect(missing.stderr).toBe('ml-hooks sync: "gone\\n.ipynb": no such file or folder\n');
  });

  test('Jupytext settings in pyproject.toml pair notebooks too', () => {
    const r = repo();
    r.write('pyproject.toml', '[tool.jupytext]\nformats = "ipynb,py:light"\n');
    copyFileSync(join(JUPYTEXT_INPUTS, 'jupyter.ipynb'), join(r.path, 'j.ipynb'));
    const s = runCli(['sync'], { cwd: r.path });
    expect(s.status).toBe(0);
    expect(normalizeHeader(readFileSync(join(r.path, 'j.py'), 'utf8'))).toBe(readFileSync(join(EXPECTED, 'expected-light', 'jupyter.py'), 'utf8'));
  });
});

describe('a real pre-commit hook running `ml-hooks sync --staged`', () => {
  test('script-only edit: the commit carries the updated notebook; conflict: the commit is refused', () => {
    const r = repo();
    copyFileSync(join(JUPYTEXT_INPUTS, 'plotly_graphs.ipynb'), join(r.path, 'nb.ipynb'));
    expect(runCli(['pair', 'nb.ipynb'], { cwd: r.path }).status).toBe(0);
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'pair');
    const hook = join(r.path, '.git/hooks/pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" sync --staged\n`, { mode: 0o755 });

    const script = readFileSync(join(r.path, 'nb.py'), 'utf8');
    writeFileSync(join(r.path, 'nb.py'), script.replace("dict(color='purple')", "dict(color='green')"));
    r.git('add', 'nb.py');
    r.git('commit', '-q', '-m', 'recolour');
    expect(r.git('show', 'HEAD:nb.ipynb')).toContain("dict(color='green')");
    expect(r.git('status', '--porcelain')).toBe('');

    writeFileSync(join(r.path, 'nb.py'), readFileSync(join(r.path, 'nb.py'), 'utf8').replace('fig.show()', 'fig.show(renderer="png")'));
    writeFileSync(join(r.path, 'nb.ipynb'), readFileSync(join(r.path, 'nb.ipynb'), 'utf8').replace('connected=True', 'connected=False'));
    r.git('add', '.');
    const refused = spawnSync('git', ['commit', '-q', '-m', 'both'], { cwd: r.path, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('commit blocked');
    expect(r.git('log', '--oneline').split('\n').filter(Boolean)).toHaveLength(2);
    expect(readFileSync(join(r.path, 'nb.py'), 'utf8')).toContain('renderer="png"');
    expect(readFileSync(join(r.path, 'nb.ipynb'), 'utf8')).toContain('connected=False');
  });
});

describe('pair never replaces a file that is not the notebook\'s script (the rule convert follows)', () => {
  const MODULE = 'def helper():\n    return 1\n';
  const REFUSAL =
    "ml-hooks pair: utils.py already exists and is not the script of utils.ipynb (not its pair, and no Jupytext header): nothing was written.\n" +
    '  Write it elsewhere:  ml-hooks pair utils.ipynb --format scripts//py:percent   (or another --format)\n' +
    '  Or replace it:       ml-hooks pair utils.ipynb --format py:percent --force\n';
  const SCRIPT = [
    '# ---',
    '# jupyter:',
    '#   jupytext:',
    '#     formats: ipynb,py:percent',
    '#     text_representation:',
    '#       extension: .py',
    '#       format_name: percent',
    "#       format_version: '1.3'",
    '#   kernelspec:',
    '#     display_name: Python 3',
    '#     language: python',
    '#     name: python3',
    '# ---',
    '',
    '# %%',
    'from utils import helper',
    '',
  ].join('\n');
  /** A committed module utils.py and a committed notebook utils.ipynb that imports it. */
  function moduleAndNotebook(): { r: TestRepo; notebook: string } {
    const r = repo();
    r.write('utils.py', MODULE);
    const notebook = notebookWithOutputs(['from utils import helper']);
    r.write('utils.ipynb', notebook);
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'module and notebook');
    return { r, notebook };
  }
  const bytes = (r: TestRepo, path: string) => readFileSync(join(r.path, path), 'utf8');

  test.each([
    ['committed as it is', ''],
    ['with uncommitted edits', '\n# an edit not committed yet\n'],
  ])('a module %s: refused, exit 1, both files byte for byte as they were', (_label, edit) => {
    const { r, notebook } = moduleAndNotebook();
    r.write('utils.py', MODULE + edit);
    const p = runCli(['pair', 'utils.ipynb'], { cwd: r.path });
    expect(p.status).toBe(1);
    expect(p.stderr).toBe(REFUSAL);
    expect(p.stdout).toBe('');
    expect(bytes(r, 'utils.py')).toBe(MODULE + edit);
    expect(bytes(r, 'utils.ipynb')).toBe(notebook);
    // convert decides the same case the same way.
    const c = runCli(['convert', 'utils.ipynb', '--to', 'py:percent'], { cwd: r.path });
    expect(c.status).toBe(1);
    expect(c.stderr).toContain('utils.py already exists and is not the script of utils.ipynb');
    expect(bytes(r, 'utils.py')).toBe(MODULE + edit);
  });

  test('the way out the message gives (another --format) pairs with a script elsewhere; the module stays', () => {
    const { r } = moduleAndNotebook();
    const p = runCli(['pair', 'utils.ipynb', '--format', 'scripts//py:percent'], { cwd: r.path });
    expect(p.status).toBe(0);
    expect(p.stdout).toBe('Paired utils.ipynb with scripts/utils.py (jupytext.formats: ipynb,scripts//py:percent)\n');
    expect(bytes(r, 'utils.py')).toBe(MODULE);
    expect(bytes(r, 'scripts/utils.py')).toBe(SCRIPT.replace('formats: ipynb,py:percent', 'formats: ipynb,scripts//py:percent'));
  });

  test('--force replaces the module with the notebook\'s script, uncommitted edits or not', () => {
    const { r } = moduleAndNotebook();
    r.write('utils.py', `${MODULE}\n# an edit not committed yet\n`);
    const p = runCli(['pair', 'utils.ipynb', '--force'], { cwd: r.path });
    expect(p.status).toBe(0);
    expect(p.stderr).toBe('');
    expect(bytes(r, 'utils.py')).toBe(SCRIPT);
    expect(JSON.parse(bytes(r, 'utils.ipynb')).metadata.jupytext.formats).toBe('ipynb,py:percent');
  });

  test('a script with a Jupytext header is the notebook\'s text (an earlier convert): pair takes it over without --force', () => {
    const { r } = moduleAndNotebook();
    r.git('rm', '-q', 'utils.py');
    r.git('commit', '-q', '-m', 'no module');
    expect(runCli(['convert', 'utils.ipynb', '--to', 'py:percent'], { cwd: r.path }).status).toBe(0);
    r.git('add', 'utils.py');
    r.git('commit', '-q', '-m', 'converted');
    const p = runCli(['pair', 'utils.ipynb'], { cwd: r.path });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(bytes(r, 'utils.py')).toBe(SCRIPT);
  });
});
