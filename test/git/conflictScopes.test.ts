// What the conflict finder is told about the repository: whether git is merging (real merges,
// cherry-picks and rebases that stop on a conflict) and each file's conflict-marker-size.
import { afterEach, expect, test } from '@jest/globals';
import { makeRepo, runGit, type TestRepo } from '../helpers/gitRepo.js';
import { Repo } from '../../src/git/repo.js';
import { conflictScopes } from '../../src/git/conflictScopes.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** main and `side` both change the one line of f.txt. */
function diverged(): TestRepo {
  repo = makeRepo();
  repo.write('f.txt', 'base\n');
  repo.git('add', '.');
  repo.git('commit', '-qm', 'base');
  repo.git('checkout', '-qb', 'side');
  repo.write('f.txt', 'side\n');
  repo.git('commit', '-qam', 'side');
  repo.git('checkout', '-q', 'main');
  repo.write('f.txt', 'main\n');
  repo.git('commit', '-qam', 'main');
  return repo;
}

const stateOf = (path: string) => {
  const r = new Repo(path);
  try {
    return r.operationInProgress();
  } finally {
    r.close();
  }
};

test('operationInProgress: nothing, then a conflicted merge, cherry-pick, revert and rebase', () => {
  diverged();
  expect(stateOf(repo.path)).toBeUndefined();
  expect(runGit(repo.path, ['merge', 'side']).status).toBe(1);
  expect(stateOf(repo.path)).toBe('merge');
  repo.git('merge', '--abort');
  expect(runGit(repo.path, ['cherry-pick', 'side']).status).toBe(1);
  expect(stateOf(repo.path)).toBe('cherry-pick');
  repo.git('cherry-pick', '--abort');
  expect(runGit(repo.path, ['revert', '--no-edit', 'side']).status).toBe(1); // side's change undone over main's
  expect(stateOf(repo.path)).toBe('revert');
  repo.git('revert', '--abort');
  repo.git('checkout', '-q', 'side');
  expect(runGit(repo.path, ['rebase', 'main']).status).toBe(1);
  expect(stateOf(repo.path)).toBe('rebase');
  repo.git('rebase', '--abort');
  expect(stateOf(repo.path)).toBeUndefined();
});

test("conflictScopes: the merge state and each file's conflict-marker-size (only a positive length counts)", async () => {
  diverged();
  repo.write('.gitattributes', '*.py conflict-marker-size=12\n*.md conflict-marker-size=zero\n*.R conflict-marker-size\n');
  const r = new Repo(repo.path);
  try {
    expect(await r.conflictMarkerSizes(['a.py', 'dir/b.py', 'c.md', 'd.R', 'e.txt'])).toEqual(new Map([['a.py', 12], ['dir/b.py', 12]]));
    const scope = await conflictScopes(r, ['a.py', 'c.md']);
    expect([scope('a.py'), scope('c.md'), scope('never-asked.py')]).toEqual([{ merging: false, markerSize: 12 }, { merging: false }, { merging: false }]);
    expect(runGit(repo.path, ['merge', 'side']).status).toBe(1);
    expect((await conflictScopes(r, []))('a.py')).toEqual({ merging: true });
  } finally {
    r.close();
  }
});
