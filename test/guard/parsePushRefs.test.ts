import { test, expect } from '@jest/globals';
import { parsePushRefs } from '../../src/guard/parsePushRefs.js';
import { exclusionsFor } from '../../src/scan/scanPush.js';

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

test('exclusions: remote-tracking refs, and old remote shas we have', () => {
  const refs = parsePushRefs(`refs/heads/main ${A} refs/heads/main ${B}\nrefs/heads/x ${A} refs/heads/x ${Z}\n`);
  expect(exclusionsFor(refs, 'origin', new Set([B]))).toEqual([`^${B}`, '--not', '--remotes=origin']);
  // An old sha we never fetched cannot be named to git (force push over someone else's work).
  expect(exclusionsFor(refs, 'origin', new Set())).toEqual(['--not', '--remotes=origin']);
  // Pushing to a URL: there are no remote-tracking refs to subtract.
  expect(exclusionsFor(refs, '/srv/git/repo.git', new Set([B]))).toEqual([`^${B}`]);
});
