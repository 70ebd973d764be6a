// Notebooks larger than the full parse can hold (400 MB) are stripped by the byte-level path,
// from a file in place and from stdin, with the bytes of stripping a small twin; one that needs
// the full parse gets one line saying so. The big files are written in pieces, never held.
import { afterAll, expect, test } from '@jest/globals';
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI, makeTempDir, runCli } from '../helpers/cli.js';
import { writeBigNotebook } from '../../bench/corpus.mjs';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const MB = 1000 * 1000;

test('a 420 MB notebook is stripped in place and from stdin, as its small twin is', () => {
  const big = join(tmp.path, 'big.ipynb');
  const twin = join(tmp.path, 'twin.ipynb');
  writeBigNotebook(big, 420 * MB);
  writeBigNotebook(twin, 2 * MB);
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
  writeBigNotebook(big, 420 * MB, { notebookMetadata: '{"keep_output": true}' });
  const size = statSync(big).size;
  const r = runCli(['strip', big]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^Could not strip '.*keep\\.ipynb': is 4\\d\\d\\.\\d MB, and it needs the full parse \\(a cell keeps its outputs .*\\), which holds at most 400\\.0 MB in memory\\n$`));
  expect(statSync(big).size).toBe(size);
  writeFileSync(big, ''); // free the disk early
});
