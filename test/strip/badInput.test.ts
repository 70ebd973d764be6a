// Bad input: one clear line naming the file and the reason, the file untouched, the other files
// still processed, exit 1 at the end.
import { afterAll, describe, expect, test } from '@jest/globals';
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, NBSTRIPOUT_FIXTURES, makeTempDir, runCli } from '../helpers/cli.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
let counter = 0;

function file(name: string, content: string | Buffer): string {
  const dir = join(tmp.path, `case${counter++}`);
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const CLEAN = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb.expected'));
const DIRTY = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb'));

describe.each([
  ['not JSON', readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_invalid_json.ipynb')), /^No valid notebook detected in '.*nb\.ipynb': not valid JSON \(Expecting .*line \d+ column \d+/],
  ['empty', Buffer.alloc(0), /^No valid notebook detected in '.*nb\.ipynb': not valid JSON \(Expecting value: line 1 column 1 \(char 0\)\)/],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /^Could not strip '.*nb\.ipynb': is not valid UTF-8 text/],
  ['an empty object', Buffer.from('{}'), /^No valid notebook detected in '.*nb\.ipynb': not a notebook: it has no "cells" list/],
  ['a list', Buffer.from('[]'), /^No valid notebook detected in '.*nb\.ipynb': not a notebook: the top level is not a JSON object/],
  ['unknown major version', Buffer.from('{"nbformat": 5, "nbformat_minor": 0, "cells": [], "metadata": {}}'), /^No valid notebook detected in '.*nb\.ipynb': unsupported nbformat version 5/],
  ['v3 without worksheets', Buffer.from('{"nbformat": 3, "nbformat_minor": 0, "metadata": {}}'), /no "worksheets" list/],
  ['contradictory keep_output', readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata_exception.ipynb')), /^No valid notebook detected in '.*': cell \d+: cell metadata contradicts tags/],
])('%s', (_name, content, message) => {
  test('one line, file unchanged, exit 1, and the next file still stripped', () => {
    const bad = file('nb.ipynb', content);
    const good = join(bad, '..', 'good.ipynb');
    writeFileSync(good, DIRTY);
    const r = runCli(['strip', bad, good]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(bad).equals(content)).toBe(true);
    expect(readFileSync(good).equals(CLEAN)).toBe(true);
  });

  test('from stdin: nbstripout wording, exit 1, nothing on stdout', () => {
    const r = runCli(['strip'], { input: content });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^No valid notebook detected on stdin: /);
    expect(r.stdout).toBe('');
  });
});

test('a missing file is named, the others are processed', () => {
  const good = file('good.ipynb', DIRTY);
  const r = runCli(['strip', join(tmp.path, 'missing.ipynb'), good]);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(`Could not strip '${join(tmp.path, 'missing.ipynb')}': file not found\n`);
  expect(readFileSync(good).equals(CLEAN)).toBe(true);
});

test('a folder named x.ipynb is reported, not searched or crashed on', () => {
  const dir = join(tmp.path, 'x.ipynb');
  mkdirSync(dir);
  const r = runCli(['strip', dir]);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(`Could not strip '${dir}': is a directory, not a notebook file\n`);
});

test('a read-only file is reported and left alone', () => {
  const path = file('ro.ipynb', DIRTY);
  chmodSync(path, 0o444);
  const r = runCli(['strip', path]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^Could not strip '.*ro\.ipynb': the file is read-only/);
  expect(readFileSync(path).equals(DIRTY)).toBe(true);
  expect(statSync(path).mode & 0o777).toBe(0o444);
});

test('an already clean read-only file is fine (nothing to write)', () => {
  const path = file('ro-clean.ipynb', CLEAN);
  chmodSync(path, 0o444);
  expect(runCli(['strip', path]).status).toBe(0);
});

const isRoot = process.getuid?.() === 0;
(isRoot ? test.skip : test)('an unreadable file is reported (not testable as root: root reads everything)', () => {
  const path = file('secret.ipynb', DIRTY);
  chmodSync(path, 0o000);
  const r = runCli(['strip', path]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^Could not strip '.*secret\.ipynb': permission denied/);
});

test('a file too large for the full parse, which it needs, gets a clear error naming why, not a crash', () => {
  const path = file('huge.ipynb', '');
  truncateSync(path, 600 * 1000 * 1000); // sparse: no disk used
  const r = runCli(['strip', path]);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(`Could not strip '${path}': is 600.0 MB, and it needs the full parse (its top level is not a JSON object), which holds at most 400.0 MB in memory\n`);
  expect(statSync(path).size).toBe(600 * 1000 * 1000);
});

test('a UTF-8 byte order mark is accepted (nbstripout rejects it)', () => {
  const r = runCli(['strip'], { input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), DIRTY]) });
  expect(r.status).toBe(0);
  expect(r.stdoutBytes.equals(CLEAN)).toBe(true);
});

test('Ctrl-C during a run never leaves a truncated notebook or a temporary file', async () => {
  const dir = join(tmp.path, 'interrupt');
  mkdirSync(dir);
  // Large notebooks so the run is still going when the signal arrives.
  const payload = 'x'.repeat(2_000_000);
  const cell = { cell_type: 'code', execution_count: 1, metadata: {}, source: ['print(1)'], outputs: [{ output_type: 'stream', name: 'stdout', text: [payload] }] };
  const content = JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [cell, cell, cell] });
  for (let i = 0; i < 60; i++) writeFileSync(join(dir, `nb${String(i).padStart(2, '0')}.ipynb`), content);
  const child = spawn(process.execPath, [CLI, 'strip', dir], { stdio: 'ignore' });
  // Interrupt as soon as the first notebook has been replaced.
  const first = join(dir, 'nb00.ipynb');
  while (statSync(first).size === content.length) await new Promise((resolve) => setTimeout(resolve, 5));
  child.kill('SIGINT');
  await new Promise((resolve) => child.on('close', resolve));
  const names = readdirSync(dir);
  expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  let stripped = 0;
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    if (text === content) continue;
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).not.toContain(payload.slice(0, 100));
    stripped++;
  }
  expect(names).toHaveLength(60);
  expect(stripped).toBeGreaterThan(0);
  expect(stripped).toBeLessThan(60); // the signal did stop the run part-way
});
