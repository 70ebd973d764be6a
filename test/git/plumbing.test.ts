import { test, expect } from '@jest/globals';
import { parseDiffRaw, isStagedRegularFile } from '../../src/git/parseDiffRaw.js';
import { CatFileBatchParser, CatFileBatch } from '../../src/git/catFileBatch.js';
import { formatIndexInfo, writeIndexEntries } from '../../src/git/indexWriter.js';
import { Repo } from '../../src/git/repo.js';
import { makeRepo } from '../helpers/gitRepo.js';
import { join } from 'node:path';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

test('parseDiffRaw reads modifications, renames, additions, deletions, symlinks and odd paths', () => {
  const raw =
    `:100644 100644 ${A} ${B} M\0b\0` +
    `:100644 100644 ${A} ${A} R100\0old name.ipynb\0new\nname.ipynb\0` +
    `:000000 100644 ${Z} ${B} A\0-dash/ünï.ipynb\0` +
    `:100644 000000 ${A} ${Z} D\0gone.ipynb\0` +
    `:000000 120000 ${Z} ${A} A\0link.ipynb\0` +
    `:000000 160000 ${Z} ${A} A\0sub\0`;
  const entries = parseDiffRaw(raw);
  expect(entries.map((e) => [e.status, e.path, e.fromPath, e.score])).toEqual([
    ['M', 'b', undefined, undefined],
    ['R', 'new\nname.ipynb', 'old name.ipynb', 100],
    ['A', '-dash/ünï.ipynb', undefined, undefined],
    ['D', 'gone.ipynb', undefined, undefined],
    ['A', 'link.ipynb', undefined, undefined],
    ['A', 'sub', undefined, undefined],
  ]);
  expect(entries[0]).toEqual({ srcMode: '100644', dstMode: '100644', srcOid: A, dstOid: B, status: 'M', path: 'b' });
  expect(entries.map(isStagedRegularFile)).toEqual([true, true, true, false, false, false]);
  expect(parseDiffRaw('')).toEqual([]);
  expect(() => parseDiffRaw('garbage\0x\0')).toThrow(/unexpected line/);
  expect(() => parseDiffRaw(`:100644 100644 ${A} ${B} R090\0only-one\0`)).toThrow(/truncated/);
});

test('CatFileBatchParser handles answers split across chunks and missing objects', () => {
  const p = new CatFileBatchParser();
  const whole = Buffer.from(`${A} blob 5\nhello\nnope missing\n${B} blob 0\n\n`);
  const answers = [];
  for (let i = 0; i < whole.length; i += 3) answers.push(...p.push(whole.subarray(i, i + 3)));
  expect(answers).toEqual([{ oid: A, type: 'blob', size: 5, content: Buffer.from('hello') }, undefined, { oid: B, type: 'blob', size: 0, content: Buffer.alloc(0) }]);
  // content may contain newlines and look like headers
  const q = new CatFileBatchParser();
  expect(q.push(Buffer.from(`${A} blob 13\nx missing\n\n\n\n\n`))).toEqual([{ oid: A, type: 'blob', size: 13, content: Buffer.from('x missing\n\n\n\n') }]);
  // only the head of an object when asked, the rest streams past
  const limits = [3, Infinity];
  const h = new CatFileBatchParser((n) => limits[n]!);
  expect(h.push(Buffer.from(`${A} blob 5\nhello\n${B} blob 2\nok\n`))).toEqual([
    { oid: A, type: 'blob', size: 5, content: Buffer.from('hel') },
    { oid: B, type: 'blob', size: 2, content: Buffer.from('ok') },
  ]);
});

test('CatFileBatchParser: a large object in many chunks, followed by another answer in the same chunk', () => {
  const body = Buffer.alloc(3_000_000, 'n');
  const whole = Buffer.concat([Buffer.from(`${A} blob ${body.length}\n`), body, Buffer.from(`\n${B} blob 2\nok\n`)]);
  const p = new CatFileBatchParser();
  const answers = [];
  for (let i = 0; i < whole.length; i += 65536) answers.push(...p.push(whole.subarray(i, i + 65536)));
  expect(answers).toHaveLength(2);
  expect(answers[0]!.content.equals(body)).toBe(true);
  expect(answers[1]!.content.toString()).toBe('ok');
});

test('formatIndexInfo writes NUL-terminated entries', () => {
  expect(formatIndexInfo([{ mode: '100644', oid: A, path: 'a b\nc' }, { path: 'gone' }]).toString()).toBe(`100644 ${A}\ta b\nc\x000 ${Z}\tgone\0`);
});

test('real git: hash, update the index, read staged entries and blobs back through one cat-file', async () => {
  const repo = makeRepo();
  try {
    repo.write('x.txt', 'one\n');
    repo.git('add', 'x.txt');
    const git = new Repo(repo.path);
    const [oid] = await git.hashObjects(['two\n']);
    await writeIndexEntries(git, [{ mode: '100644', oid: oid!, path: 'x.txt' }, { mode: '100644', oid: oid!, path: 'y z.txt' }]);
    const staged = git.stagedChanges();
    expect(staged.map((e) => [e.status, e.path, e.dstOid])).toEqual([['A', 'x.txt', oid], ['A', 'y z.txt', oid]]);
    const batch = new CatFileBatch(repo.path);
    const [blob, missing, byPath] = await Promise.all([batch.read(oid), batch.read(B), batch.read(':x.txt')]);
    batch.close();
    expect(blob?.content.toString()).toBe('two\n');
    expect(missing).toBeUndefined();
    expect(byPath?.oid).toBe(oid);
    expect(git.blobSizes([oid!, B])).toEqual([4, undefined]);
    git.close();
  } finally {
    repo.cleanup();
  }
});

test('blob sizes come from loose object headers without git, and from git for packed objects and worktrees', async () => {
  const { looseBlobSize, objectsDirOf } = await import('../../src/git/looseObjects.js');
  const repo = makeRepo();
  try {
    const contents: (string | Buffer)[] = ['', 'small\n', 'x'.repeat(100_000), Buffer.from([0, 1, 2, 255])];
    contents.forEach((c, i) => repo.write(`f${i}`, c));
    repo.git('add', '.');
    const oids = contents.map((_, i) => repo.git('rev-parse', `:f${i}`).trim());
    const objects = objectsDirOf(repo.path, {})!;
    expect(oids.map((o) => looseBlobSize(objects, o))).toEqual(oids.map((o) => Number(repo.git('cat-file', '-s', o).trim())));
    // a tree is not a blob; a packed object is not loose: both are git's to answer
    repo.git('commit', '-q', '--no-verify', '-m', 'x');
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    expect(looseBlobSize(objects, tree)).toBeUndefined();
    repo.git('gc', '-q', '--prune=now');
    expect(looseBlobSize(objects, oids[1]!)).toBeUndefined();
    const git = new Repo(repo.path);
    expect(git.blobSizes([...oids, B])).toEqual([0, 6, 100_000, 4, undefined]);
    // redirected by the environment: ask git
    expect(objectsDirOf(repo.path, { GIT_OBJECT_DIRECTORY: '/elsewhere' })).toBeUndefined();
    // a linked worktree shares the common objects folder
    const wt = `${repo.path}-wt`;
    repo.git('worktree', 'add', '-q', wt);
    try {
      expect(objectsDirOf(wt, {})).toBe(join(repo.path, '.git', 'objects'));
    } finally {
      repo.git('worktree', 'remove', '--force', wt);
    }
    git.close();
  } finally {
    repo.cleanup();
  }
});
