import { test, expect, afterEach } from '@jest/globals';
import { readFileSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { smudgeNotebook } from '../../src/filter/smudgeNotebook.js';
import { entriesToPrune, OutputStore } from '../../src/store/outputStore.js';
import { blobId } from '../../src/git/blobId.js';
import { makeTempDir } from '../helpers/cli.js';
import { makeRepo } from '../helpers/gitRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const strippedForm = (nb: Buffer) => Buffer.from(nb.toString().replace(/ OUT/g, ''));

test('smudge writes the remembered notebook only when it strips to exactly the blob', () => {
  const blob = Buffer.from('{"src": 1}\n');
  const remembered = Buffer.from('{"src": 1} OUT\n');
  const stale = Buffer.from('{"src": 2} OUT\n');
  expect(smudgeNotebook(blob, () => remembered, strippedForm)).toBe(remembered);
  expect(smudgeNotebook(blob, () => stale, strippedForm)).toBe(blob); // a different notebook
  expect(smudgeNotebook(blob, () => undefined, strippedForm)).toBe(blob); // nothing remembered
  expect(smudgeNotebook(blob, () => remembered, () => undefined)).toBe(blob); // not readable now
});

test('smudge looks past the CRLF conversion git applies before the smudge filter', () => {
  const blob = Buffer.from('{\n "src": 1\n}\n');
  const crlf = Buffer.from('{\r\n "src": 1\r\n}\r\n');
  const remembered = Buffer.from('{\r\n "src": 1 OUT\r\n}\r\n');
  const seen: string[] = [];
  const recall = (b: Buffer) => (seen.push(b.toString()), b.equals(blob) ? remembered : undefined);
  const strip = (nb: Buffer) => Buffer.from(strippedForm(nb).toString().replace(/\r\n/g, '\n'));
  expect(smudgeNotebook(crlf, recall, strip)).toBe(remembered);
  expect(seen).toEqual([crlf.toString(), blob.toString()]);
});

test('blobId is the id git gives the blob', () => {
  const repo = makeRepo();
  cleanups.push(repo.cleanup);
  const content = Buffer.from('{"cells": []}\n\u00e9');
  repo.write('f', content);
  expect(blobId(content)).toBe(repo.git('hash-object', 'f').trim());
});

test('the store remembers by stripped blob id and path, skips what would not be worth it, and prunes the oldest', () => {
  const dir = makeTempDir();
  cleanups.push(dir.cleanup);
  const store = new OutputStore(join(dir.path, 'outputs'), 1000);
  const s1 = Buffer.from('one');
  store.remember('a.ipynb', s1, Buffer.from('one with outputs'));
  store.remember('a.ipynb', Buffer.from('same'), Buffer.from('same')); // nothing stripped: nothing to remember
  store.remember('a.ipynb', Buffer.from('big'), Buffer.alloc(600)); // over half the limit
  expect(store.recall('a.ipynb', s1)?.toString()).toBe('one with outputs');
  expect(store.recall('a.ipynb', Buffer.from('same'))).toBeUndefined();
  expect(store.recall('a.ipynb', Buffer.from('big'))).toBeUndefined();
  const id = blobId(s1);
  // <2 hex>/<38 hex>.<first 16 hex of sha1("a.ipynb")>
  expect(readFileSync(join(dir.path, 'outputs', id.slice(0, 2), `${id.slice(2)}.21d4bc795bf661eb`), 'utf8')).toBe('one with outputs');
  expect(store.stats()).toEqual({ entries: 1, bytes: 16 });

  // two notebooks that strip to the same blob: each its own; a path with no entry: the latest one
  store.remember('b.ipynb', s1, Buffer.from('one, other outputs'));
  expect(store.recall('a.ipynb', s1)?.toString()).toBe('one with outputs');
  expect(store.recall('b.ipynb', s1)?.toString()).toBe('one, other outputs');
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(dir.path, 'outputs', id.slice(0, 2), `${id.slice(2)}.21d4bc795bf661eb`), old, old);
  expect(store.recall('renamed.ipynb', s1)?.toString()).toBe('one, other outputs');
  // holds: exactly one of the remembered notebooks of that blob, under any path
  expect(store.holds(s1, Buffer.from('one with outputs'))).toBe(true);
  expect(store.holds(s1, Buffer.from('one, other outputs'))).toBe(true);
  expect(store.holds(s1, Buffer.from('one with outputs!'))).toBe(false);
  expect(store.holds(Buffer.from('never'), Buffer.from('one with outputs'))).toBe(false);
  // a non-UTF-8 name (a lone surrogate, as decodeGitPath gives) is a path like any other
  store.remember('lat\udce9.ipynb', s1, Buffer.from('one, latin-1 name'));
  expect(store.recall('lat\udce9.ipynb', s1)?.toString()).toBe('one, latin-1 name');
  expect(store.stats()).toEqual({ entries: 3, bytes: 16 + 18 + 17 });
  store.prune(); // under the limit: nothing goes
  expect(store.stats().entries).toBe(3);

  // 5 entries of 300 bytes (over 1000): the oldest go until at most 800 bytes remain
  for (let i = 0; i < 5; i++) {
    store.remember('k.ipynb', Buffer.from(`k${i}`), Buffer.alloc(300, i));
    const id = blobId(Buffer.from(`k${i}`));
    const t = new Date(Date.now() - (10 - i) * 60_000);
    const folder = join(dir.path, 'outputs', id.slice(0, 2));
    for (const name of readdirSync(folder).filter((n) => n.startsWith(id.slice(2)))) utimesSync(join(folder, name), t, t);
  }
  store.prune();
  expect(store.recall('k.ipynb', Buffer.from('k0'))).toBeUndefined();
  expect(store.recall('k.ipynb', Buffer.from('k1'))).toBeUndefined();
  expect(store.recall('k.ipynb', Buffer.from('k2'))).toBeUndefined();
  expect(store.recall('k.ipynb', Buffer.from('k3'))?.length).toBe(300);
  expect(store.recall('k.ipynb', Buffer.from('k4'))?.length).toBe(300);
  expect(store.stats().bytes).toBeLessThanOrEqual(800);
  expect(readdirSync(join(dir.path, 'outputs')).every((d) => /^[0-9a-f]{2}$/.test(d))).toBe(true);
});

test('entriesToPrune keeps everything under the limit and drops oldest first over it', () => {
  const e = (size: number, mtimeMs: number) => ({ size, mtimeMs });
  expect(entriesToPrune([e(500, 1), e(500, 2)], 1000)).toEqual([]);
  expect(entriesToPrune([e(500, 3), e(500, 1), e(500, 2)], 1000)).toEqual([e(500, 1), e(500, 2)]);
});
