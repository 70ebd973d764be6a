// The index writer on its own: which files it writes, the check against what the caller saw,
// and the clean-up of a killed git's locks.
import { afterEach, expect, test } from '@jest/globals';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedEntries, gitHeldLocks, indexTargets, IndexChangedError, removeLocksOfDeadGit, writeIndexEntries } from '../../src/git/indexWriter.js';
import { Repo } from '../../src/git/repo.js';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

test('indexTargets: the real index under our lock; a held .lock; a temporary commit index and the index.lock beside it', () => {
  const none = () => false;
  expect(indexTargets(undefined, '/r/.git', none)).toEqual([{ path: '/r/.git/index', heldByGit: false }]);
  expect(indexTargets('/r/.git/index', '/r/.git', none)).toEqual([{ path: '/r/.git/index', heldByGit: false }]);
  expect(indexTargets('/r/.git/index.lock', '/r/.git', none)).toEqual([{ path: '/r/.git/index.lock', heldByGit: true }]);
  expect(indexTargets('/r/.git/next-index-42.lock', '/r/.git', (p) => p === '/r/.git/index.lock')).toEqual([
    { path: '/r/.git/next-index-42.lock', heldByGit: true },
    { path: '/r/.git/index.lock', heldByGit: true },
  ]);
  expect(indexTargets('/r/.git/next-index-42.lock', '/r/.git', none)).toEqual([{ path: '/r/.git/next-index-42.lock', heldByGit: true }]);
});

test('changedEntries: only entries that say what they saw, compared with what the index holds now', () => {
  const now = new Map<string, string | null>([
    ['same', 'a'],
    ['moved on', 'b'],
    ['added meanwhile', 'c'],
    ['removed meanwhile', null],
  ]);
  expect(
    changedEntries(
      [
        { path: 'same', seen: 'a' },
        { path: 'moved on', seen: 'a' },
        { path: 'added meanwhile', seen: null },
        { path: 'removed meanwhile', seen: 'd' },
        { path: 'not checked' },
        { path: 'not looked up', seen: 'e' },
      ],
      now,
    ),
  ).toEqual(['moved on', 'added meanwhile', 'removed meanwhile']);
});

test('an entry whose path the index no longer holds as seen: nothing is written, no lock is left', async () => {
  repo = makeRepo();
  repo.write('a.txt', 'one\n');
  repo.write('b.txt', 'one\n');
  repo.git('add', '.');
  const git = new Repo(repo.path, { ...process.env, GIT_INDEX_FILE: undefined });
  const [one, two] = await git.hashObjects(['one\n', 'two\n']);
  const before = repo.git('ls-files', '-s');
  const write = writeIndexEntries(git, [
    { path: 'a.txt', mode: '100644', oid: two!, seen: one! },
    { path: 'b.txt', mode: '100644', oid: two!, seen: two! }, // the caller saw "two", the index holds "one"
    { path: 'new.txt', mode: '100644', oid: two!, seen: null },
  ]);
  await expect(write).rejects.toEqual(new IndexChangedError(['b.txt']));
  expect(repo.git('ls-files', '-s')).toBe(before);
  expect(readdirSync(join(repo.path, '.git')).filter((f) => f.includes('lock'))).toEqual([]);
  // as seen: written
  await writeIndexEntries(git, [
    { path: 'a.txt', mode: '100644', oid: two!, seen: one! },
    { path: 'new.txt', mode: '100644', oid: two!, seen: null },
  ]);
  expect(repo.git('ls-files', '-s')).toBe(`100644 ${two} 0\ta.txt\n100644 ${one} 0\tb.txt\n100644 ${two} 0\tnew.txt\n`);
  git.close();
});

test("a killed git's locks are removed only while they are the files the hook saw", () => {
  repo = makeRepo();
  const lock = join(repo.path, '.git', 'index.lock');
  const next = join(repo.path, '.git', 'next-index-999999.lock');
  writeFileSync(lock, 'x');
  writeFileSync(next, 'x');
  const git = new Repo(repo.path, { ...process.env, GIT_INDEX_FILE: next });
  const locks = gitHeldLocks(git);
  expect([...locks.keys()]).toEqual([next, lock]);
  // another git took index.lock since (a new file): that one stays
  renameSync(lock, join(repo.path, 'old lock')); // still there: the new lock cannot get its inode
  writeFileSync(lock, 'y');
  expect(removeLocksOfDeadGit(locks)).toEqual([next]);
  expect(existsSync(next)).toBe(false);
  expect(existsSync(lock)).toBe(true);
  expect(gitHeldLocks(new Repo(repo.path, { ...process.env, GIT_INDEX_FILE: undefined })).size).toBe(0);
});
