// `ml-hooks merge BASE OURS THEIRS` as git and people run it, outside a repository.
import { expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { hasNbformat, validateNotebooks } from '../helpers/pythonOracle.js';
import { readNotebook } from '../../src/notebook/codec.js';
import { notebookText, sources } from './notebooks.js';

function files(texts: Record<'base' | 'ours' | 'theirs', string>) {
  const dir = makeTempDir();
  for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir.path, name), text);
  return dir;
}

test('writes over OURS (git convention) and exits 0 when merged; -o - prints; git before 2.44 leaves %S %X %Y as they are', () => {
  const dir = files({ base: notebookText(['a = 1', 'b = 2', 'c = 3']), ours: notebookText(['a = 10', 'b = 2', 'c = 3']), theirs: notebookText(['a = 1', 'b = 2', 'c = 30']) });
  try {
    const args = ['merge', '--marker-size', '7', '--base-name', '%S', '--ours-name', '%X', '--theirs-name', '%Y', 'base', 'ours', 'theirs'];
    const printed = runCli([...args.slice(0, 1), '-o', '-', ...args.slice(1)], { cwd: dir.path });
    expect([printed.status, printed.stderr]).toEqual([0, '']);
    const r = runCli(args, { cwd: dir.path });
    expect(r.status).toBe(0);
    const merged = readFileSync(join(dir.path, 'ours'), 'utf8');
    expect(merged).toBe(printed.stdout);
    expect(sources(readNotebook(merged))).toEqual(['a = 10', 'b = 2', 'c = 30']);
  } finally {
    dir.cleanup();
  }
});

test('conflicts: exit 1, markers labelled by the names git gives and sized by %L, a notebook nbformat validates, the cells named', () => {
  const dir = files({ base: notebookText(['x = 1\ny = 2']), ours: notebookText(['x = 2\ny = 2']), theirs: notebookText(['x = 3\ny = 2']) });
  try {
    const r = runCli(['merge', '--marker-size', '10', '--ours-name', 'HEAD', '--theirs-name', 'feature/a', '--path', 'nb.ipynb', 'base', 'ours', 'theirs'], { cwd: dir.path });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ml-hooks merge: nb.ipynb: conflicts left (markers in cell 1); resolve them in Jupyter or an editor, then: git add nb.ipynb\n');
    const merged = readFileSync(join(dir.path, 'ours'), 'utf8');
    expect(sources(readNotebook(merged))).toEqual(['<<<<<<<<<< HEAD\nx = 2\n==========\nx = 3\n>>>>>>>>>> feature/a\ny = 2']);
    if (hasNbformat) expect(validateNotebooks([merged])).toEqual([null]);
  } finally {
    dir.cleanup();
  }
});

test('a version that is not a notebook ml-hooks can read: merged as text by git merge-file, with a one-line note', () => {
  const ok = notebookText(['a = 1']);
  const dir = files({ base: ok, ours: ok.replace('a = 1', 'a = 2'), theirs: '{"cells": [ not json' });
  try {
    const r = runCli(['merge', '--path', 'nb.ipynb', 'base', 'ours', 'theirs'], { cwd: dir.path });
    expect(r.stderr.split('\n')[0]).toMatch(/^ml-hooks merge: nb\.ipynb: the theirs version is not a notebook ml-hooks can merge \(.+\); merged as text by git merge-file\.$/);
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir.path, 'ours'), 'utf8')).toContain('<<<<<<< ours\n');
  } finally {
    dir.cleanup();
  }
});

test('bad input exits 2 with the reason; --help explains the approach', () => {
  const dir = files({ base: '', ours: '', theirs: '' });
  try {
    expect(runCli(['merge', 'base', 'ours'], { cwd: dir.path }).status).toBe(2);
    const missing = runCli(['merge', 'base', 'ours', 'nope'], { cwd: dir.path });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    expect(runCli(['merge', '--marker-size', 'x', 'base', 'ours', 'theirs'], { cwd: dir.path }).status).toBe(2);
  } finally {
    dir.cleanup();
  }
  const help = runCli(['merge', '--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/cell by cell|matched between the base and each side/);
  expect(help.stdout).toContain('outputs and execution counts never conflict');
});
