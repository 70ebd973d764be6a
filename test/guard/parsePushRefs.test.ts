import { test, expect } from '@jest/globals';
import { parsePushRefs } from '../../src/guard/parsePushRefs.js';
import { exclusionsFor, trustedDefaultBranch } from '../../src/scan/scanPush.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

test('parsePushRefs reads the four fields and drops deletions and junk', () => {
  const stdin = `refs/heads/main ${A} refs/heads/main ${B}\nrefs/heads/new ${A} refs/heads/new ${Z}\n(delete) ${Z} refs/heads/old ${B}\n\ngarbage line\n`;
  expect(parsePushRefs(stdin)).toEqual([
    { localRef: 'refs/heads/main', localSha: A, remoteRef: 'refs/heads/main', remoteSha: B },
    { localRef: 'refs/heads/new', localSha: A, remoteRef: 'refs/heads/new', remoteSha: Z },
  ]);
  expect(parsePushRefs('')).toEqual([]);
});

test('exclusions: the old shas the push reports (when we have them) and the default branch, never other remote-tracking refs', () => {
  const C = 'c'.repeat(40);
  const refs = parsePushRefs(`refs/heads/main ${A} refs/heads/main ${B}\nrefs/heads/x ${A} refs/heads/x ${Z}\n`);
  expect(exclusionsFor(refs, new Set([B]))).toEqual([`^${B}`]);
  // An old sha we never fetched cannot be named to git (force push over someone else's work).
  expect(exclusionsFor(refs, new Set())).toEqual([]);
  expect(exclusionsFor(refs, new Set([B]), C)).toEqual([`^${B}`, `^${C}`]);
  expect(exclusionsFor(refs, new Set([B]), B)).toEqual([`^${B}`]);
});

test('the default branch is origin/HEAD, else main or master; never one the push says the remote lacks', () => {
  const C = 'c'.repeat(40);
  const D = 'd'.repeat(40);
  const tracking = (names: Record<string, string>, head?: string) => ({ refs: new Map(Object.entries(names)), head });
  const push = parsePushRefs(`refs/heads/feature ${A} refs/heads/feature ${Z}\n`);
  expect(trustedDefaultBranch(tracking({ 'refs/remotes/origin/develop': C, 'refs/remotes/origin/main': D }, 'refs/remotes/origin/develop'), 'origin', push)).toBe(C);
  expect(trustedDefaultBranch(tracking({ 'refs/remotes/origin/old': C, 'refs/remotes/origin/main': D }), 'origin', push)).toBe(D);
  expect(trustedDefaultBranch(tracking({ 'refs/remotes/origin/master': C }), 'origin', push)).toBe(C);
  // a stale-looking branch is no default branch
  expect(trustedDefaultBranch(tracking({ 'refs/remotes/origin/old': C }), 'origin', push)).toBeUndefined();
  // pushing main as a new branch: the remote has no main, whatever origin/main says
  expect(trustedDefaultBranch(tracking({ 'refs/remotes/origin/main': D }), 'origin', parsePushRefs(`refs/heads/main ${A} refs/heads/main ${Z}\n`))).toBeUndefined();
  expect(trustedDefaultBranch(undefined, '/srv/git/repo.git', push)).toBeUndefined();
});
