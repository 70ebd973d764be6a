// A commit whose staged changes are only outputs, which the hook strips away, is empty: stopped,
// unless emptiness was asked for: `git commit --amend` (rewording), `--allow-empty`, concluding
// a merge. Real git, the hook alone (no filter, so the staged blob still holds the outputs).
import { afterEach, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedRepo, notebookWithOutputs, tryGit } from './installedRepo.js';
import type { TestRepo } from '../helpers/gitRepo.js';
import { commitFlags, gitCommitArguments } from '../../src/hooks/readCommitIntent.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** A repository where nb.ipynb is committed and a re-run (outputs and counts only) is staged. */
function rerunStaged(): { r: TestRepo; rerun: string; tree: string } {
  const r = installedRepo();
  r.git('config', '--unset', 'filter.ml-hooks.process');
  r.write('nb.ipynb', notebookWithOutputs(['a = 1\n']));
  r.git('add', '-A');
  r.git('commit', '-q', '-m', 'base');
  const rerun = notebookWithOutputs(['a = 1\n'], { executionCount: 42 });
  r.write('nb.ipynb', rerun);
  r.git('add', 'nb.ipynb');
  return { r, rerun, tree: r.git('rev-parse', 'HEAD^{tree}') };
}

describe('a commit that stripping empties', () => {
  test('a plain commit is stopped, with both ways on', () => {
    const { r, rerun } = rerunStaged();
    repo = r;
    const c = tryGit(r.path, ['commit', '-m', 'rerun']);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain('ml-hooks: nothing left to commit: the staged changes to nb.ipynb were only outputs or metadata that ml-hooks strips.');
    expect(c.stderr).toContain('git commit --allow-empty ...');
    expect(r.git('rev-list', '--count', 'HEAD')).toBe('1\n');
    expect(readFileSync(join(r.path, 'nb.ipynb'), 'utf8')).toBe(rerun);
  });

  test.each([
    ['git commit --amend -m reword', ['commit', '--amend', '-m', 'reword'], 'it amends the last commit'],
    ['an abbreviated --amen', ['commit', '--amen', '-m', 'reword'], 'it amends the last commit'],
    ['an alias for commit --amend', ['-c', 'alias.fixup=commit --amend', 'fixup', '-m', 'reword'], 'it amends the last commit'],
  ])('%s rewords, and the tree stays as it was', (_label, args, why) => {
    const { r, tree } = rerunStaged();
    repo = r;
    const c = tryGit(r.path, args);
    expect(c.stderr).toContain(`the commit goes on without them, as ${why}.`);
    expect(c.status).toBe(0);
    expect(r.git('log', '--format=%s')).toBe('reword\n');
    expect(r.git('rev-parse', 'HEAD^{tree}')).toBe(tree);
  });

  test('git commit --allow-empty makes the empty commit asked for', () => {
    const { r, tree } = rerunStaged();
    repo = r;
    const c = tryGit(r.path, ['commit', '--allow-empty', '-m', 'marker']);
    expect(c.stderr).toContain('as it was made with --allow-empty.');
    expect(c.status).toBe(0);
    expect(r.git('log', '--format=%s')).toBe('marker\nbase\n');
    expect(r.git('rev-parse', 'HEAD^{tree}')).toBe(tree);
  });

  test('concluding a merge resolved as "ours plus re-run outputs": the merge commit is made, with both parents', () => {
    const r = installedRepo();
    repo = r;
    r.git('config', '--unset', 'filter.ml-hooks.process');
    r.git('config', '--unset', 'merge.ml-hooks.driver'); // git's text merge, so that it conflicts
    r.write('nb.ipynb', notebookWithOutputs(['a = 1\n']));
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'base');
    r.git('switch', '-q', '-c', 'other');
    r.write('nb.ipynb', notebookWithOutputs(['a = 2\n']));
    r.git('commit', '-q', '-am', 'theirs');
    r.git('switch', '-q', '-f', 'main'); // (the working file differs from the index by its outputs alone)
    r.write('nb.ipynb', notebookWithOutputs(['a = 3\n']));
    r.git('commit', '-q', '-am', 'ours');
    r.git('checkout', '--', 'nb.ipynb'); // the working copy as committed, so that git merges
    expect(tryGit(r.path, ['merge', 'other']).status).not.toBe(0);
    expect(tryGit(r.path, ['rev-parse', '-q', '--verify', 'MERGE_HEAD']).status).toBe(0); // a conflict, not a refusal
    // resolved: our cells, re-run (outputs and counts differ from what we committed)
    r.write('nb.ipynb', notebookWithOutputs(['a = 3\n'], { executionCount: 7 }));
    r.git('add', 'nb.ipynb');
    const c = tryGit(r.path, ['commit', '--no-edit']);
    expect(c.stderr).toContain('as it concludes a merge.');
    expect(c.status).toBe(0);
    expect(r.git('rev-list', '--parents', '-n1', 'HEAD').trim().split(' ')).toHaveLength(3);
    expect(tryGit(r.path, ['rev-parse', '-q', '--verify', 'MERGE_HEAD']).status).not.toBe(0);
  });
});

describe('reading the flags of git commit', () => {
  test.each([
    [['--amend', '-m', 'x'], { amend: true, allowEmpty: false }],
    [['-m', '--amend'], { amend: false, allowEmpty: false }],
    [['-am', '--amend'], { amend: false, allowEmpty: false }],
    [['--ame'], { amend: true, allowEmpty: false }],
    [['--amend', '--no-amend'], { amend: false, allowEmpty: false }],
    [['--allow-empty-message', '-m', ''], { amend: false, allowEmpty: false }],
    [['-q', '--allow-empty', '--', '--amend'], { amend: false, allowEmpty: true }],
    [['--message=--amend'], { amend: false, allowEmpty: false }],
  ])('%j', (args, flags) => {
    expect(commitFlags(args)).toEqual(flags);
  });

  test('the nearest git commit among the parent processes', () => {
    const tree: Record<number, { parent: number; args: string[] }> = {
      40: { parent: 30, args: ['node', 'cli.js', 'hook', 'pre-commit'] },
      30: { parent: 20, args: ['sh', '.git/ml-hooks/run', 'hook', 'pre-commit'] },
      20: { parent: 10, args: ['/usr/lib/git-core/git', 'commit', '--amend', '-q', '-m', 'again'] },
      10: { parent: 1, args: ['git', 'fixup', '-q', '-m', 'again'] },
    };
    expect(gitCommitArguments(40, (pid) => tree[pid])).toEqual(['--amend', '-q', '-m', 'again']);
    expect(gitCommitArguments(40, () => undefined)).toBeUndefined();
  });
});
