import { test, expect } from '@jest/globals';
import { makeRepo } from '../helpers/gitRepo.js';
import { revListObjectSizes } from '../../src/git/revListObjectSizes.js';
import { GitError } from '../../src/git/runGit.js';

test('one pipeline lists every object; blobs come with size and raw path', async () => {
  const r = makeRepo();
  try {
    r.write('a b/ü "q".txt', 'x'.repeat(2000));
    r.write("it's.bin", 'y');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'one');
    const all = r.git('rev-list', '--objects', '--all').trim().split('\n').length;
    const { kept, total } = await revListObjectSizes(r.path, ['HEAD'], (size) => size > 1);
    expect(total).toBe(all);
    expect(kept).toEqual([{ type: 'blob', oid: r.git('rev-parse', 'HEAD:a b/ü "q".txt').trim(), size: 2000, path: 'a b/ü "q".txt' }]);
    const none = await revListObjectSizes(r.path, ['HEAD', '--not', 'HEAD'], () => true);
    expect(none).toEqual({ kept: [], total: 0 });
    await expect(revListObjectSizes(r.path, ['f'.repeat(40)], () => true)).rejects.toBeInstanceOf(GitError);
  } finally {
    r.cleanup();
  }
});
