import { test, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { makeRepo } from '../helpers/gitRepo.js';
import { scanHistory } from '../../src/scan/scanPush.js';
import { Repo } from '../../src/git/repo.js';
import { DEFAULT_GUARD_POLICY } from '../../src/guard/sizePolicy.js';

/** scanHistory with a repository object closed afterwards (it keeps a cat-file process). */
async function withScanHistory(root: string, ...rest: Parameters<typeof scanHistory> extends [unknown, ...infer R] ? R : never): ReturnType<typeof scanHistory> {
  const repo = new Repo(root);
  try {
    return await scanHistory(repo, ...rest);
  } finally {
    repo.close();
  }
}


test('scanHistory takes a range, as `check --history A..B` would', async () => {
  const r = makeRepo();
  try {
    r.write('old.bin', randomBytes(1_500_000));
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'old');
    r.git('tag', 'base');
    r.write('new.bin', randomBytes(1_500_000));
    r.write('b.txt', 'b\n');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'new');
    r.write('c.txt', 'c\n');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'later');
    const range = await withScanHistory(r.path, ['base..HEAD'], [], { policy: { ...DEFAULT_GUARD_POLICY } });
    expect(range.oversized.map((o) => [o.path, o.subject, o.hasParent])).toEqual([['new.bin', 'new', true]]);
    const all = await withScanHistory(r.path, ['HEAD'], [], { policy: { ...DEFAULT_GUARD_POLICY } });
    expect(all.oversized.map((o) => [o.path, o.subject, o.hasParent]).sort()).toEqual([['new.bin', 'new', true], ['old.bin', 'old', false]]);
    const none = await withScanHistory(r.path, ['HEAD'], ['^HEAD~1'], { policy: { ...DEFAULT_GUARD_POLICY } });
    expect(none.oversized).toEqual([]);
  } finally {
    r.cleanup();
  }
});
