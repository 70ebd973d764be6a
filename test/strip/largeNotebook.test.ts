// Notebooks larger than the full parse can hold (400 MB) are stripped by the byte-level path,
// from a file in place and from stdin, with the bytes of stripping a small twin; one that needs
// the full parse gets one line saying so. The big files are written in chunks, never held.
import { afterAll, expect, test } from '@jest/globals';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI, makeTempDir, runCli } from '../helpers/cli.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const MB = 1000 * 1000;

/** A notebook whose one image output has `imageBytes` of base64, written piece by piece. */
function writeNotebook(path: string, imageBytes: number, notebookMetadata = '{"kernelspec": {"name": "python3"}}'): void {
  const fd = openSync(path, 'w');
  const head = (n: number) =>
    ` {\n  "cell_type": "code",\n  "execution_count": ${n},\n  "id": "c${n}",\n  "metadata": {"scrolled": true},\n  "outputs": [\n   {\n    "data": {\n     "image/png": "`;
  const tail = `"\n    },\n    "metadata": {},\n    "output_type": "display_data"\n   }\n  ],\n  "source": ["plot(1)\\n", "x = 'é'"]\n }`;
  writeSync(fd, '{\n "cells": [\n');
  const chunk = Buffer.alloc(MB, 'iVBORw0KGgo');
  for (let cell = 0; cell < 2; cell++) {
    if (cell > 0) writeSync(fd, ',\n');
    writeSync(fd, head(cell + 1));
    for (let written = 0; written < imageBytes / 2; written += chunk.length) writeSync(fd, chunk);
    writeSync(fd, tail);
  }
  writeSync(fd, `\n ],\n "metadata": ${notebookMetadata},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`);
  closeSync(fd);
}

test('a 420 MB notebook is stripped in place and from stdin, as its small twin is', () => {
  const big = join(tmp.path, 'big.ipynb');
  const twin = join(tmp.path, 'twin.ipynb');
  writeNotebook(big, 420 * MB);
  writeNotebook(twin, 2 * MB);
  expect(statSync(big).size).toBeGreaterThan(420 * MB);
  const want = runCli(['strip', '-t', twin]).stdoutBytes;
  expect(want.toString()).toContain('"source": [\n    "plot(1)\\n",\n    "x = \'é\'"\n   ]');

  // stdin to stdout, the big file as the child's stdin (not through this process's memory)
  const fd = openSync(big, 'r');
  const piped = spawnSync(process.execPath, [CLI, 'strip'], { stdio: [fd, 'pipe', 'pipe'], maxBuffer: 64 * MB });
  closeSync(fd);
  expect(piped.stderr.toString()).toBe('');
  expect(piped.stdout.equals(want)).toBe(true);

  const r = runCli(['strip', big]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(readFileSync(big).equals(want)).toBe(true);
});

test('a notebook over 400 MB that needs the full parse is left alone, with the reason', () => {
  const big = join(tmp.path, 'keep.ipynb');
  writeNotebook(big, 420 * MB, '{"keep_output": true}');
  const size = statSync(big).size;
  const r = runCli(['strip', big]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^Could not strip '.*keep\\.ipynb': is 4\\d\\d\\.\\d MB, and it needs the full parse \\(a cell keeps its outputs .*\\), which holds at most 400\\.0 MB in memory\\n$`));
  expect(statSync(big).size).toBe(size);
  writeFileSync(big, ''); // free the disk early
});
