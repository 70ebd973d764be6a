// The lifecycle scenarios: every everyday git command on notebooks after `ml-hooks install`.
// Each runs in a fresh World (see world.ts) in both store modes, and checks exit codes and bytes:
// a working notebook the command is not meant to change stays byte-identical; one that git writes
// from a stripped blob gets its outputs back with the store, and is the stripped blob without it
// (nbstripout's behaviour); every blob in the index and in HEAD is stripped.
import { expect } from '@jest/globals';
import { join } from 'node:path';
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BASE, FILES, SOURCES, listTree, notebook, startGit, strip, type RepoPath, type World, type WorldOptions } from './world.js';
import { readNotebook, writeNotebook } from '../../src/notebook/codec.js';

export interface Scenario {
  name: string;
  /** How the base repository is made (default: LF line endings, a 1 GB store). */
  world?: WorldOptions;
  /** Why this scenario fails today: it runs as jest's test.failing, which fails once it passes. */
  knownFailure?: string;
  run(w: World): void | Promise<void>;
}

const edit = (i: number, source: string, cells = SOURCES.a) => cells.map((c, j) => (j === i ? source : c));

/** A commit of `text` at `path` made the way users do: `git commit -a` of an edited working file. */
function commitEdit(w: World, path: string, text: string, message: string): void {
  w.write(path, text);
  w.ok(['commit', '-q', '-a', '-m', message]);
  w.expectStripped('HEAD', path, text);
  w.expectFile(path, text);
}

/** main edits the notebook's first cell against `feature`'s edit of it, and `git merge feature` conflicts (without dying). */
function conflictingMerge(w: World): { feature: string; ours: string } {
  const { feature } = featureBranch(w);
  const ours = notebook(edit(0, 'import numpy as np\nx = np.arange(7)'), 'ours');
  commitEdit(w, FILES.nb, ours, 'ours: seven');
  const merge = w.git(['merge', 'feature']);
  expect({ status: merge.status, stdout: merge.stdout }).toEqual({ status: 1, stdout: expect.stringContaining(`CONFLICT (content): Merge conflict in ${FILES.nb}`) });
  expect(merge.stderr).not.toMatch(/fatal|smudge filter/);
  return { feature, ours };
}

/** Concludes the merge in progress with this notebook: a merge commit (two parents), stripped, the file kept. */
function concludeMerge(w: World, resolved: string): void {
  w.write(FILES.nb, resolved);
  w.ok(['add', FILES.nb]);
  w.ok(['commit', '-q', '--no-edit']);
  expect(w.ok(['rev-list', '--parents', '-n', '1', 'HEAD']).trim().split(' ')).toHaveLength(3);
  w.expectStripped('HEAD', FILES.nb, resolved);
  w.expectFile(FILES.nb, resolved);
  w.expectStatus();
}

/** A branch `exp` off main with one notebook edit (committed), and main checked out again. */
function branchExp(w: World): string {
  const exp = notebook(edit(1, 'print(x.mean())'), 'exp');
  w.ok(['checkout', '-q', '-b', 'exp']);
  commitEdit(w, FILES.nb, exp, 'exp');
  w.ok(['checkout', '-q', 'main']);
  return exp;
}

/** A branch `feature` off main with one notebook edit, and main one commit ahead on the README. */
function featureBranch(w: World): { feature: string } {
  const feature = notebook(edit(0, 'import numpy as np\nx = np.arange(5)'), 'feature');
  w.ok(['checkout', '-q', '-b', 'feature']);
  commitEdit(w, FILES.nb, feature, 'feature: five');
  w.ok(['checkout', '-q', 'main']);
  w.expectFile(FILES.nb, w.restored(BASE.nb));
  w.write(FILES.readme, 'readme, main side\n');
  w.ok(['commit', '-q', '-a', '-m', 'main: readme']);
  return { feature };
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'checkout and switch: a branch round trip, checkout/restore of one path, detached HEAD',
    run(w) {
      const exp = branchExp(w);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.expectFile(FILES.other, BASE.other); // the same blob on both branches: git does not touch it
      w.expectStatus();
      w.ok(['switch', '-q', 'exp']);
      w.expectFile(FILES.nb, w.restored(exp));
      w.expectStatus();
      w.ok(['switch', '-q', '-']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.ok(['checkout', '-q', 'exp', '--', FILES.nb]);
      w.expectFile(FILES.nb, w.restored(exp));
      w.expectStripped(':', FILES.nb, exp);
      w.ok(['restore', '--staged', '--worktree', '--source', 'main', '--', FILES.nb]);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.expectStatus();
      w.ok(['checkout', '-q', '--detach', 'exp']);
      w.expectFile(FILES.nb, w.restored(exp));
      w.expectStatus();
      w.expectNoLeftovers();
    },
  },
  {
    name: 'checkout keeps an uncommitted notebook edit, and refuses (without dying) to overwrite one',
    run(w) {
      branchExp(w);
      const dirty = notebook(SOURCES.o.concat('print("more")'), 'dirty');
      w.write(FILES.other, dirty); // same blob on both branches: the edit travels
      w.ok(['checkout', '-q', 'exp']);
      w.expectFile(FILES.other, dirty);
      const mine = notebook(edit(2, 'y = x * 3', edit(1, 'print(x.mean())')), 'mine');
      w.write(FILES.nb, mine);
      const refused = w.git(['checkout', 'main']);
      expect({ status: refused.status, stderr: refused.stderr }).toEqual({
        status: 1,
        stderr: expect.stringContaining('Your local changes to the following files would be overwritten by checkout'),
      });
      w.expectFile(FILES.nb, mine);
      w.expectStatus(` M ${FILES.nb}\n M "${FILES.other}"\n`);
    },
  },
  {
    name: 'pull (merge and rebase) from a second clone through a bare remote',
    run(w) {
      const { clone } = w.remote();
      // The second clone changes nb.ipynb; this one changes the other notebook.
      const theirs = notebook(edit(2, 'y = x ** 2'), 'theirs');
      w.write(FILES.nb, theirs, clone);
      w.ok(['commit', '-q', '-a', '-m', 'theirs'], { cwd: clone });
      w.ok(['push', '-q'], { cwd: clone });
      const mine = notebook(SOURCES.o.concat('print("mine")'), 'mine');
      commitEdit(w, FILES.other, mine, 'mine');
      w.ok(['pull', '-q', '--no-rebase', '--no-edit']);
      expect(w.ok(['rev-list', '--parents', '-n', '1', 'HEAD']).trim().split(' ')).toHaveLength(3);
      // a blob this clone never had in its working tree: the stripped blob, in both modes
      w.expectFile(FILES.nb, strip(theirs));
      w.expectFile(FILES.other, mine);
      w.expectStripped('HEAD', FILES.nb, theirs);
      w.expectStatus();

      const theirs2 = notebook(edit(2, 'y = x ** 3'), 'theirs 2');
      w.ok(['pull', '-q', '--no-rebase'], { cwd: clone });
      w.write(FILES.nb, theirs2, clone);
      w.ok(['commit', '-q', '-a', '-m', 'theirs 2'], { cwd: clone });
      w.ok(['push', '-q'], { cwd: clone });
      const mine2 = notebook(SOURCES.o.concat('print("mine 2")'), 'mine 2');
      commitEdit(w, FILES.other, mine2, 'mine 2');
      w.ok(['pull', '-q', '--rebase']);
      // rebase checks out upstream (the other notebook goes back to the merge's blob), then
      // replays "mine 2": git writes its blob again
      w.expectFile(FILES.other, w.restored(mine2));
      w.expectFile(FILES.nb, strip(theirs2));
      w.expectStripped('HEAD', FILES.other, mine2);
      w.expectStripped('HEAD~1', FILES.nb, theirs2);
      w.expectStatus();
      w.expectNoLeftovers();
    },
  },
  {
    name: 'stash push, pop and apply: a stash round trip',
    run(w) {
      const edited = notebook(edit(1, 'print(x.max())'), 'edited');
      w.write(FILES.nb, edited);
      w.ok(['stash', 'push', '-q']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.expectFile(FILES.other, BASE.other);
      w.expectStatus();
      w.expectStripped('stash@{0}', FILES.nb, edited);
      w.ok(['stash', 'pop', '-q']);
      w.expectFile(FILES.nb, w.restored(edited));
      w.expectStatus(` M ${FILES.nb}\n`);
      expect(w.ok(['stash', 'list'])).toBe('');

      w.write(FILES.nb, edited);
      w.ok(['stash', '-q']);
      w.ok(['stash', 'apply', '-q']);
      w.expectFile(FILES.nb, w.restored(edited));
      expect(w.ok(['stash', 'list'])).toMatch(/^stash@\{0\}: WIP on main/);
      w.ok(['stash', 'drop', '-q']);
      w.expectStripped('HEAD', FILES.nb, BASE.nb);
      w.expectNoLeftovers();
    },
  },
  {
    name: 'stash -k (--keep-index): the staged notebook stays, the unstaged edit comes back',
    run(w) {
      const staged = notebook(edit(1, 'print(x.max())'), 'staged');
      const unstaged = notebook(edit(2, 'y = x - 1', edit(1, 'print(x.max())')), 'unstaged');
      w.write(FILES.nb, staged);
      w.ok(['add', FILES.nb]);
      w.write(FILES.nb, unstaged);
      w.ok(['stash', 'push', '-q', '-k']);
      w.expectStripped(':', FILES.nb, staged);
      w.expectFile(FILES.nb, w.restored(staged));
      w.expectStatus(`M  ${FILES.nb}\n`);
      w.ok(['stash', 'pop', '-q']);
      w.expectFile(FILES.nb, w.restored(unstaged));
      w.expectStripped(':', FILES.nb, staged);
      w.expectStatus(`MM ${FILES.nb}\n`);
      // what a pre-commit tool does with a partly staged notebook: commit the staged part
      w.ok(['commit', '-q', '-m', 'staged part']);
      w.expectStripped('HEAD', FILES.nb, staged);
      w.expectFile(FILES.nb, w.restored(unstaged));
    },
  },
  {
    name: 'stash -u: an untracked notebook leaves and comes back',
    run(w) {
      const fresh = notebook(['print("new")'], 'new');
      w.write('new.ipynb', fresh);
      w.ok(['stash', 'push', '-q', '-u']);
      w.expectFile('new.ipynb', undefined);
      w.expectStatus();
      w.expectStripped('stash@{0}^3', 'new.ipynb', fresh);
      w.ok(['stash', 'pop', '-q']);
      w.expectFile('new.ipynb', w.restored(fresh));
      w.expectStatus('?? new.ipynb\n');
    },
  },
  {
    name: 'stash --staged: only the staged notebook is put aside',
    run(w) {
      const staged = notebook(edit(1, 'print(x.max())'), 'staged');
      const other = notebook(SOURCES.o.concat('print(1)'), 'other edit');
      w.write(FILES.nb, staged);
      w.ok(['add', FILES.nb]);
      w.write(FILES.other, other);
      w.ok(['stash', 'push', '-q', '--staged']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.expectFile(FILES.other, other);
      w.expectStatus(` M "${FILES.other}"\n`);
      w.ok(['stash', 'pop', '-q', '--index']);
      w.expectFile(FILES.nb, w.restored(staged));
      w.expectStripped(':', FILES.nb, staged);
      w.expectFile(FILES.other, other);
      w.expectStatus(`M  ${FILES.nb}\n M "${FILES.other}"\n`);
    },
  },
  {
    name: 'reset --hard and --mixed',
    run(w) {
      const second = notebook(edit(1, 'print(x.min())'), 'second');
      commitEdit(w, FILES.nb, second, 'second');
      w.ok(['reset', '-q', '--hard', 'HEAD~1']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.expectStatus();
      w.ok(['reset', '-q', '--hard', 'ORIG_HEAD']);
      w.expectFile(FILES.nb, w.restored(second));
      w.expectStatus();
      w.write(FILES.nb, notebook(edit(1, 'print("thrown away")'), 'discarded'));
      w.ok(['reset', '-q', '--hard']);
      w.expectFile(FILES.nb, w.restored(second));
      w.expectStatus();
      const before = w.read(FILES.nb)!;
      w.ok(['reset', '-q', '--mixed', 'HEAD~1']);
      w.expectFile(FILES.nb, before); // --mixed leaves the working tree alone
      w.expectStripped(':', FILES.nb, BASE.nb);
      w.expectStatus(` M ${FILES.nb}\n`);
      w.expectNoLeftovers();
    },
  },
  {
    name: 'rebase onto main',
    run(w) {
      const { feature } = featureBranch(w);
      w.ok(['checkout', '-q', 'feature']);
      w.expectFile(FILES.nb, w.restored(feature));
      w.ok(['rebase', '-q', 'main']);
      w.expectFile(FILES.nb, w.restored(feature));
      w.expectStripped('HEAD', FILES.nb, feature);
      expect(w.ok(['log', '--format=%s'])).toBe('feature: five\nmain: readme\nbase\n');
      w.expectStatus();
      w.expectNoLeftovers();
    },
  },
  {
    name: 'rebase -i with exec lines (GIT_SEQUENCE_EDITOR): every step leaves a clean tree',
    async run(w) {
      const { feature } = featureBranch(w);
      w.ok(['checkout', '-q', 'feature']);
      const second = notebook(SOURCES.o.concat('print("second")'), 'second');
      commitEdit(w, FILES.other, second, 'feature: second');
      // after each pick: the working tree is what the index holds, through the clean filter
      const dir = w.tempDir();
      const editor = join(dir, 'editor.sh');
      const steps = join(dir, 'steps');
      writeFileSync(editor, `#!/bin/sh\nsed -i '/^pick /a exec git diff --exit-code --quiet && git diff --cached --exit-code --quiet && echo step >> "${steps}"' "$1"\n`);
      chmodSync(editor, 0o755);
      w.ok(['rebase', '-q', '-i', 'main'], { env: { GIT_SEQUENCE_EDITOR: editor } });
      expect(readFileSync(steps, 'utf8')).toBe('step\nstep\n');
      w.expectFile(FILES.nb, w.restored(feature));
      w.expectFile(FILES.other, w.restored(second));
      w.expectStripped('HEAD~1', FILES.nb, feature);
      w.expectStripped('HEAD', FILES.other, second);
      expect(w.ok(['log', '--format=%s'])).toBe('feature: second\nfeature: five\nmain: readme\nbase\n');
      w.expectStatus();
      w.expectNoLeftovers();
    },
  },
  {
    name: 'cherry-pick and revert',
    run(w) {
      const { feature } = featureBranch(w);
      w.ok(['cherry-pick', 'feature']);
      w.expectFile(FILES.nb, w.restored(feature));
      w.expectStripped('HEAD', FILES.nb, feature);
      w.expectStatus();
      w.ok(['revert', '--no-edit', 'HEAD']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.expectStripped('HEAD', FILES.nb, BASE.nb);
      w.expectStatus();
    },
  },
  {
    name: 'merge without conflict: another file, and other cells of the same notebook',
    run(w) {
      const { feature } = featureBranch(w);
      w.ok(['merge', '-q', '--no-ff', '--no-edit', 'feature']);
      w.expectFile(FILES.nb, w.restored(feature));
      w.expectStripped('HEAD', FILES.nb, feature);
      w.expectStatus();
      // both sides edit the same notebook in different cells: the merge driver merges cell by cell
      w.ok(['checkout', '-q', '-b', 'side', 'HEAD~1']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      const side = notebook(edit(2, 'y = x + 100'), 'side');
      commitEdit(w, FILES.nb, side, 'side: cell 3');
      w.ok(['checkout', '-q', 'main']);
      w.expectFile(FILES.nb, w.restored(feature));
      w.ok(['merge', '-q', '--no-edit', 'side']);
      const merged = notebook(['import numpy as np\nx = np.arange(5)', 'print(x.sum())', 'y = x + 100'], 'irrelevant');
      w.expectStripped('HEAD', FILES.nb, merged);
      // a blob no working file ever stripped to, but the driver merged the working notebooks too:
      // each cell with the run of the side it came from (the one both kept: ours), as the codec writes it
      const runs = [feature, feature, side].map((text, i) => (JSON.parse(text) as { cells: unknown[] }).cells[i]);
      const working = writeNotebook(readNotebook(JSON.stringify({ ...JSON.parse(feature), cells: runs })));
      w.expectFile(FILES.nb, w.restored(working));
      expect(strip(working)).toBe(strip(merged));
      w.expectStatus();
    },
  },
  {
    name: 'merge with a conflict in a notebook (merge=ml-hooks): reported, blocked until resolved, concluded by git commit',
    run(w) {
      conflictingMerge(w);
      w.expectStatus(`UU ${FILES.nb}\n`);
      const conflicted = w.read(FILES.nb)!.toString();
      expect(conflicted).toContain('<<<<<<< ');
      // the conflicted notebook is valid JSON for the codec: strip reads it
      expect(() => strip(conflicted)).not.toThrow();
      w.ok(['add', FILES.nb]);
      const blocked = w.git(['commit', '--no-edit']);
      expect({ status: blocked.status, stderr: blocked.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('unresolved merge: conflict markers') });
      const resolved = notebook(edit(0, 'import numpy as np\nx = np.arange(6)'), 'resolved');
      concludeMerge(w, resolved);
    },
  },
  {
    name: "merge with a conflict in a notebook, merge attribute removed: git's text markers, abort, --theirs, concluded by git commit",
    run(w) {
      w.write('.gitattributes', '*.ipynb filter=ml-hooks diff=ml-hooks\n');
      w.ok(['commit', '-q', '-a', '-m', 'no merge driver']);
      const { feature, ours } = conflictingMerge(w);
      const conflicted = w.read(FILES.nb)!.toString();
      expect(conflicted).toMatch(/^<<<<<<< HEAD$/m);
      expect(() => strip(conflicted)).toThrow(); // not a notebook any more
      // git keeps working on it: status and diff pass it through the filters
      w.expectStatus(`UU ${FILES.nb}\n`);
      w.ok(['diff']);
      w.ok(['merge', '--abort']);
      w.expectFile(FILES.nb, w.restored(ours));
      w.expectStatus();

      expect(w.git(['merge', 'feature']).status).toBe(1);
      w.ok(['checkout', '--theirs', '--', FILES.nb]);
      w.expectFile(FILES.nb, w.restored(feature));
      w.ok(['add', FILES.nb]);
      w.ok(['commit', '-q', '--no-edit']);
      expect(w.ok(['rev-list', '--parents', '-n', '1', 'HEAD']).trim().split(' ')).toHaveLength(3);
      w.expectStripped('HEAD', FILES.nb, feature);
      w.expectStatus();
    },
  },
  {
    name: 'git commit concludes a merge --no-commit with a re-run notebook',
    run(w) {
      featureBranch(w);
      w.ok(['merge', '-q', '--no-ff', '--no-commit', 'feature']);
      const rerun = notebook(edit(0, 'import numpy as np\nx = np.arange(5)'), 'rerun after merge');
      concludeMerge(w, rerun);
    },
  },
  {
    name: 'worktree add: two worktrees share one store',
    run(w) {
      const exp = branchExp(w);
      const wt = join(w.tempDir('ml-hooks-wt-'), 'wt');
      w.ok(['worktree', 'add', '-q', wt, 'exp']);
      w.expectFile(FILES.nb, w.restored(exp), wt);
      w.expectFile(FILES.other, w.restored(BASE.other), wt);
      w.expectStatus('', wt);
      // a commit made in the second worktree; its outputs come back in the first
      const there = notebook(edit(2, 'y = -x'), 'made in the second worktree');
      w.write(FILES.nb, there, wt);
      w.ok(['commit', '-q', '-a', '-m', 'there'], { cwd: wt });
      w.expectStripped('HEAD', FILES.nb, there, wt);
      w.expectFile(FILES.nb, there, wt);
      w.ok(['checkout', '-q', '--detach', 'exp']);
      w.expectFile(FILES.nb, w.restored(there));
      w.expectStatus();
      w.ok(['worktree', 'remove', wt]);
      w.expectNoLeftovers();
    },
  },
  {
    name: 'sparse checkout: notebooks leave and come back',
    run(w) {
      w.ok(['sparse-checkout', 'set', '--no-cone', '/sub/']);
      w.expectFile(FILES.nb, undefined);
      w.expectFile(FILES.other, BASE.other);
      w.expectStatus();
      w.ok(['sparse-checkout', 'disable']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.expectFile(FILES.other, BASE.other);
      w.expectStatus();
    },
  },
  {
    name: 'clone, then install: checkout works before and after, then a branch round trip',
    run(w) {
      const { clone } = w.remote();
      // the clone checked out before install: the stored blobs as they are
      w.expectFile(FILES.nb, strip(BASE.nb), clone);
      w.expectStatus('', clone);
      expect(w.cli(['status'], { cwd: clone }).status).toBe(0);
      const theirs = notebook(edit(1, 'print("clone")'), 'clone');
      w.ok(['checkout', '-q', '-b', 'b'], { cwd: clone });
      w.write(FILES.nb, theirs, clone);
      w.ok(['commit', '-q', '-a', '-m', 'clone'], { cwd: clone });
      w.expectStripped('HEAD', FILES.nb, theirs, clone);
      w.ok(['checkout', '-q', 'main'], { cwd: clone });
      w.expectFile(FILES.nb, strip(BASE.nb), clone);
      w.ok(['checkout', '-q', 'b'], { cwd: clone });
      w.expectFile(FILES.nb, w.restored(theirs), clone);
      w.expectStatus('', clone);
      // a clone without ml-hooks installed: the filter is not configured, git passes files through
      const plain = join(w.tempDir('ml-hooks-plain-'), 'plain');
      w.ok(['clone', '-q', w.path, plain]);
      w.expectFile(FILES.nb, strip(BASE.nb), plain);
      w.expectStatus('', plain);
    },
  },
  {
    name: 'diff, diff --cached, show and log -p read notebooks as cells, and touch nothing',
    run(w) {
      const edited = notebook(edit(1, 'print(x.max())'), 'edited');
      w.write(FILES.nb, edited);
      const hunk = /-print\(x\.sum\(\)\)\n\+print\(x\.max\(\)\)\n/;
      const diff = w.ok(['diff']);
      expect(diff).toMatch(hunk);
      expect(diff).not.toMatch(/edited: cell|base: cell/); // no outputs
      w.ok(['add', FILES.nb]);
      expect(w.ok(['diff', '--cached'])).toMatch(hunk);
      expect(w.ok(['diff'])).toBe('');
      w.ok(['commit', '-q', '-m', 'max']);
      expect(w.ok(['show', 'HEAD'])).toMatch(hunk);
      expect(w.ok(['log', '-p', '-1'])).toMatch(hunk);
      expect(w.ok(['diff', 'HEAD~1', 'HEAD', '--stat'])).toContain(`${FILES.nb} | 2 +-`);
      expect(w.ok(['show', `HEAD:${FILES.nb}`])).toBe(strip(edited));
      w.expectFile(FILES.nb, edited);
      w.expectFile(FILES.other, BASE.other);
      w.expectStatus();
    },
  },
  {
    name: 'git commit PATH, --only and --include: the commit and the real index get the stripped notebook',
    run(w) {
      w.write(FILES.readme, 'readme, staged\n');
      w.ok(['add', FILES.readme]);
      const one = notebook(edit(1, 'print(1)'), 'one');
      w.write(FILES.nb, one);
      w.ok(['commit', '-q', '-m', 'path', '--', FILES.nb]);
      w.expectStripped('HEAD', FILES.nb, one);
      w.expectStripped(':', FILES.nb, one);
      expect(w.blob('HEAD', FILES.readme)?.toString()).toBe('readme\n'); // the staged README was left out...
      expect(w.blob(':', FILES.readme)?.toString()).toBe('readme, staged\n'); // ...and is still staged
      w.expectFile(FILES.nb, one);
      w.expectStatus(`M  ${FILES.readme}\n`);

      const two = notebook(SOURCES.o.concat('print(2)'), 'two');
      w.write(FILES.other, two);
      w.ok(['commit', '-q', '-m', 'only', '--only', '--', FILES.other]);
      w.expectStripped('HEAD', FILES.other, two);
      w.expectStripped(':', FILES.other, two);
      w.expectFile(FILES.other, two);
      w.expectStatus(`M  ${FILES.readme}\n`);

      const three = notebook(edit(1, 'print(3)'), 'three');
      w.write(FILES.nb, three);
      w.ok(['commit', '-q', '-m', 'include', '--include', '--', FILES.nb]);
      w.expectStripped('HEAD', FILES.nb, three);
      w.expectStripped(':', FILES.nb, three);
      expect(w.blob('HEAD', FILES.readme)?.toString()).toBe('readme, staged\n');
      w.expectFile(FILES.nb, three);
      w.expectStatus();
      w.expectNoLeftovers();
    },
  },
  {
    name: 'git commit -a, --amend and --allow-empty',
    run(w) {
      const one = notebook(edit(1, 'print(1)'), 'one');
      const two = notebook(SOURCES.o.concat('print(2)'), 'two');
      w.write(FILES.nb, one);
      w.write(FILES.other, two);
      w.write('untracked.ipynb', notebook(['1'], 'untracked'));
      w.ok(['commit', '-q', '-a', '-m', 'all']);
      w.expectStripped('HEAD', FILES.nb, one);
      w.expectStripped('HEAD', FILES.other, two);
      w.expectStripped(':', FILES.nb, one);
      expect(w.blob('HEAD', 'untracked.ipynb')).toBeUndefined();
      w.expectFile(FILES.nb, one);
      w.expectFile(FILES.other, two);
      w.expectStatus('?? untracked.ipynb\n');

      const amended = notebook(edit(1, 'print(1.5)'), 'amended');
      w.write(FILES.nb, amended);
      w.ok(['commit', '-q', '-a', '--amend', '--no-edit']);
      w.expectStripped('HEAD', FILES.nb, amended);
      w.expectStripped('HEAD~1', FILES.nb, BASE.nb);
      expect(w.ok(['log', '--format=%s'])).toBe('all\nbase\n');
      w.expectFile(FILES.nb, amended);
      w.ok(['commit', '-q', '--amend', '-m', 'all, reworded']);
      w.expectStripped('HEAD', FILES.nb, amended);

      const tree = w.ok(['rev-parse', 'HEAD^{tree}']);
      w.ok(['commit', '-q', '--allow-empty', '-m', 'empty']);
      expect(w.ok(['rev-parse', 'HEAD^{tree}'])).toBe(tree);
      expect(w.ok(['log', '--format=%s', '-1'])).toBe('empty\n');
      w.expectFile(FILES.nb, amended);
      w.expectStatus('?? untracked.ipynb\n');
      w.expectNoLeftovers();
    },
  },
  {
    name: 'git commit SCRIPT of a paired notebook: the regenerated notebook lands in the commit and the real index, and the next commit keeps it',
    run(w) {
      const paired = w.cli(['pair', FILES.nb]);
      expect(paired.status).toBe(0);
      w.ok(['add', '-A']);
      w.ok(['commit', '-q', '-m', 'pair']);
      const script = w.read('nb.py')!.toString();
      expect(script).toContain('# %%\nprint(x.sum())\n');
      const notebookBefore = w.read(FILES.nb)!.toString();
      expect(notebookBefore).toContain('base: cell 1 ✓'); // pairing kept the outputs
      w.expectStripped('HEAD', FILES.nb, notebookBefore);

      w.write('nb.py', script.replace('print(x.sum())', 'print(x.sum() + 1)'));
      // the same commit made the ordinary way, in a copy of this clone: the oracle for the bytes
      const twin = join(w.tempDir('ml-hooks-twin-'), 'twin');
      cpSync(w.path, twin, { recursive: true });
      w.ok(['add', 'nb.py'], { cwd: twin });
      w.ok(['commit', '-q', '-m', 'script'], { cwd: twin });

      w.ok(['commit', '-q', '-m', 'script', 'nb.py']);
      const regenerated = w.read(FILES.nb)!.toString();
      expect(regenerated).toContain('"print(x.sum() + 1)"');
      expect(regenerated).toContain('base: cell 0 ✓'); // cells the script did not change keep their outputs
      expect(regenerated).not.toContain('base: cell 1 ✓'); // the changed cell's outputs are gone, as in Jupytext
      w.expectFile(FILES.nb, w.read(FILES.nb, twin)!);
      for (const path of [FILES.nb, 'nb.py']) {
        expect(w.blob('HEAD', path)!.equals(w.blob('HEAD', path, twin)!)).toBe(true);
        expect(w.blob(':', path)!.equals(w.blob('HEAD', path)!)).toBe(true); // the real index, not only the commit
      }
      w.expectStripped('HEAD', FILES.nb, regenerated);
      w.expectStatus();

      // the next ordinary commit does not undo the script edit
      w.write(FILES.readme, 'readme 2\n');
      w.ok(['commit', '-q', '-a', '-m', 'next']);
      w.expectStripped('HEAD', FILES.nb, regenerated);
      expect(w.blob('HEAD', 'nb.py')!.toString()).toContain('print(x.sum() + 1)');
      w.expectFile(FILES.nb, regenerated);
      w.expectStatus();
      // and the regenerated notebook's outputs survive a round trip like any other
      w.ok(['checkout', '-q', 'HEAD~3']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      w.ok(['checkout', '-q', 'main']);
      w.expectFile(FILES.nb, w.restored(regenerated));
      w.expectNoLeftovers();
    },
  },
  {
    name: 'hostile names: leading dash, quotes, spaces, non-ASCII and non-UTF-8 bytes, through commit PATH, checkout and stash',
    run(w) {
      const names: RepoPath[] = [
        '-dash.ipynb',
        `q 'single' "double".ipynb`,
        'dir with space/ü ñ.ipynb',
        Buffer.concat([Buffer.from('latin1 '), Buffer.from([0xe9, 0xff]), Buffer.from('.ipynb')]),
      ];
      const first = names.map((_, i) => notebook([`print(${i})`], `first ${i}`));
      names.forEach((n, i) => w.write(n, first[i]!));
      w.ok(['add', '-A']);
      w.ok(['commit', '-q', '-m', 'hostile']);
      names.forEach((n, i) => {
        w.expectStripped('HEAD', n, first[i]!);
        w.expectFile(n, first[i]!);
      });
      w.expectStatus();
      w.ok(['checkout', '-q', '-b', 'exp']);
      const second = names.map((_, i) => notebook([`print(${i} * 2)`], `second ${i}`));
      names.forEach((n, i) => w.write(n, second[i]!));
      w.ok(['commit', '-q', '-m', 'dash only', '--', '-dash.ipynb']);
      w.expectStripped('HEAD', '-dash.ipynb', second[0]!);
      w.expectStripped(':', '-dash.ipynb', second[0]!);
      w.ok(['commit', '-q', '-a', '-m', 'the rest']);
      names.forEach((n, i) => w.expectStripped('HEAD', n, second[i]!));
      w.ok(['checkout', '-q', 'main']);
      names.forEach((n, i) => w.expectFile(n, w.restored(first[i]!)));
      w.ok(['checkout', '-q', 'exp']);
      names.forEach((n, i) => w.expectFile(n, w.restored(second[i]!)));
      w.expectStatus();
      const third = names.map((_, i) => notebook([`print(${i} * 3)`], `third ${i}`));
      names.forEach((n, i) => w.write(n, third[i]!));
      w.ok(['stash', '-q']);
      names.forEach((n, i) => w.expectFile(n, w.restored(second[i]!)));
      w.ok(['stash', 'pop', '-q']);
      names.forEach((n, i) => w.expectFile(n, w.restored(third[i]!)));
      w.expectNoLeftovers();
    },
  },
  {
    name: 'CRLF working files (core.autocrlf=true): stored with LF, stripped; round trips give the CRLF file back',
    world: { autocrlf: true },
    run(w) {
      const crlf = (text: string) => text.replace(/\n/g, '\r\n');
      const base = crlf(BASE.nb);
      w.expectFile(FILES.nb, base);
      w.expectStripped('HEAD', FILES.nb, BASE.nb); // LF, the same blob as an LF checkout stores
      w.expectStatus();
      // the CRLF working file git writes from a stripped blob
      const back = (working: string) => (w.mode.store ? working : crlf(strip(working)));
      w.ok(['checkout', '-q', '-b', 'exp']);
      const exp = crlf(notebook(edit(1, 'print("crlf")'), 'exp'));
      commitEdit(w, FILES.nb, exp, 'exp');
      w.ok(['checkout', '-q', 'main']);
      w.expectFile(FILES.nb, back(base));
      w.ok(['checkout', '-q', 'exp']);
      w.expectFile(FILES.nb, back(exp));
      w.expectStatus();
      const edited = crlf(notebook(edit(1, 'print("stashed")'), 'stashed'));
      w.write(FILES.nb, edited);
      w.ok(['stash', '-q']);
      w.expectFile(FILES.nb, back(exp));
      w.ok(['stash', 'pop', '-q']);
      w.expectFile(FILES.nb, back(edited));
      w.ok(['reset', '-q', '--hard']);
      w.expectFile(FILES.nb, back(exp));
      w.expectStatus();
    },
  },
  {
    name: 'a notebook that is not valid JSON in the working tree: status, stash, checkout and commit keep it byte for byte',
    run(w) {
      const half = '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": ["print(1)"\n';
      w.write(FILES.nb, half);
      const status = w.git(['status', '--porcelain']);
      expect({ status: status.status, stdout: status.stdout }).toEqual({ status: 0, stdout: ` M ${FILES.nb}\n` });
      w.ok(['stash', '-q']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      expect(w.blob('stash@{0}', FILES.nb)?.toString()).toBe(half); // stored as it was
      w.ok(['stash', 'pop', '-q']);
      w.expectFile(FILES.nb, half);
      // a branch where the notebook is the same: the edit travels; one where it differs: git refuses
      w.ok(['branch', 'same']);
      w.ok(['checkout', '-q', 'same']);
      w.expectFile(FILES.nb, half);
      w.ok(['checkout', '-q', 'main']);
      w.ok(['stash', '-q']);
      w.ok(['checkout', '-q', '-b', 'different']);
      commitEdit(w, FILES.nb, notebook(edit(1, 'print(2)'), 'different'), 'different');
      w.ok(['checkout', '-q', 'main']);
      w.ok(['stash', 'pop', '-q']);
      w.expectFile(FILES.nb, half);
      const refused = w.git(['checkout', 'different']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).not.toMatch(/fatal|smudge filter/);
      w.expectFile(FILES.nb, half);
      // the commit stops with the reason, and changes nothing
      const commit = w.git(['commit', '-a', '-m', 'half']);
      expect({ status: commit.status, stderr: commit.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('not valid JSON') });
      w.expectFile(FILES.nb, half);
      w.expectStripped('HEAD', FILES.nb, BASE.nb);
      // committed anyway (--no-verify): checkouts write it back as stored, in both modes
      w.ok(['commit', '-q', '-a', '--no-verify', '-m', 'half anyway']);
      expect(w.blob('HEAD', FILES.nb)?.toString()).toBe(half);
      w.ok(['checkout', '-q', 'different']);
      w.ok(['checkout', '-q', 'main']);
      w.expectFile(FILES.nb, half);
      w.expectStatus();
      w.expectNoLeftovers();
    },
  },
  {
    name: 'two notebooks that strip to the same blob keep their own outputs',
    run(w) {
      const code = ['import random\nprint(random.random())'];
      const run1 = notebook(code, 'seed 1');
      const run2 = notebook(code, 'seed 2');
      w.write('runs/one.ipynb', run1);
      w.write('runs/two.ipynb', run2);
      w.ok(['add', '-A']);
      w.ok(['commit', '-q', '-m', 'two runs']);
      expect(w.blob('HEAD', 'runs/one.ipynb')!.equals(w.blob('HEAD', 'runs/two.ipynb')!)).toBe(true);
      w.ok(['checkout', '-q', 'HEAD~1']);
      w.expectFile('runs/one.ipynb', undefined);
      w.ok(['checkout', '-q', 'main']);
      w.expectFile('runs/one.ipynb', w.restored(run1));
      w.expectFile('runs/two.ipynb', w.restored(run2));
      // a notebook under a new name (git mv) still gets its outputs back
      w.ok(['mv', FILES.nb, 'renamed.ipynb']);
      w.ok(['commit', '-q', '-m', 'rename']);
      w.ok(['checkout', '-q', 'HEAD~2']);
      w.expectFile('renamed.ipynb', undefined);
      w.ok(['checkout', '-q', 'main']);
      w.expectFile('renamed.ipynb', w.restored(BASE.nb));
      w.expectFile('runs/one.ipynb', w.restored(run1));
      w.expectFile('runs/two.ipynb', w.restored(run2));
      w.expectStatus();
    },
  },
  {
    name: 'concurrent git commands in two worktrees sharing the store (a tiny store, pruned by every command)',
    world: { storeMaxSize: '20kB' },
    async run(w) {
      const wt = join(w.tempDir('ml-hooks-wt-'), 'wt');
      w.ok(['worktree', 'add', '-q', '-b', 'two', wt]);
      const trees = [w.path, wt];
      const edited = trees.map((_, t) => Array.from({ length: 6 }, (_, i) => notebook(edit(1, `print(${t}, ${i})`), `tree ${t} round ${i}`)));
      // each worktree on its own branch: commit an edit, leave it, come back; six times, both at once
      // (not stash: refs/stash is one ref for all worktrees, so git itself mixes concurrent stashes)
      await Promise.all(
        trees.map(async (root, t) => {
          const branch = t === 0 ? 'main' : 'two';
          for (const text of edited[t]!) {
            w.write(FILES.nb, text, root);
            for (const args of [['commit', '-q', '-a', '-m', text.slice(0, 20)], ['checkout', '-q', '--detach', 'HEAD~1'], ['checkout', '-q', branch]]) {
              const r = await startGit(root, args).done;
              expect({ args, root, status: r.status, stderr: r.stderr }).toEqual({ args, root, status: 0, stderr: '' });
            }
            w.expectFile(FILES.nb, w.restored(text), root);
          }
        }),
      );
      w.expectStatus();
      w.expectStatus('', wt);
      if (w.mode.store) {
        const stats = w.cli(['status']).stdout;
        const [, entries, kB] = /output store +(\d+) notebooks, ([\d.]+) kB of 20.0 kB in .git\/ml-hooks\/outputs/.exec(stats) ?? [];
        // 14 notebooks remembered, about 1.9 kB each: pruned to at most 80% of the limit by the last
        // writer, plus what the other worktree wrote meanwhile; the latest ones were kept (above)
        expect(Number(entries)).toBeLessThan(14);
        expect(Number(kB)).toBeLessThanOrEqual(20);
      }
      w.expectNoLeftovers();
    },
  },
  {
    name: 'the store is never trusted blindly: a corrupt entry, or one that strips differently under changed settings, gives the blob as stored',
    run(w) {
      const exp = notebook(edit(1, 'print("exp")'), 'exp');
      w.ok(['checkout', '-q', '-b', 'exp']);
      commitEdit(w, FILES.nb, exp, 'exp');
      w.ok(['checkout', '-q', 'main']);
      w.expectFile(FILES.nb, w.restored(BASE.nb));
      // (while the working file holds a notebook, any clean of it writes its entry again: so now)
      const store = join(w.path, '.git', 'ml-hooks', 'outputs');
      expect(listTree(store)).toHaveLength(w.mode.store ? 3 : 0);
      for (const entry of listTree(store)) writeFileSync(join(store, entry), '{"cells": [');
      w.ok(['checkout', '-q', 'exp']);
      w.expectFile(FILES.nb, strip(exp));
      w.expectStatus();
      // a fresh entry, then settings under which it strips to another blob (counts kept)
      const exp2 = notebook(edit(1, 'print("exp 2")'), 'exp 2');
      commitEdit(w, FILES.nb, exp2, 'exp 2');
      w.ok(['checkout', '-q', 'HEAD~1']);
      // (a working notebook that strips differently now would count as modified: git would refuse)
      rmSync(join(w.path, FILES.nb));
      const config = w.read('.ml-hooks.json')!.toString();
      w.write('.ml-hooks.json', config.replace('"keep-count": false', '"keep-count": true'));
      w.ok(['checkout', '-q', 'exp']);
      w.expectFile(FILES.nb, strip(exp2));
      w.expectStatus(' M .ml-hooks.json\n');
    },
  },
  {
    name: 'a notebook over half the store limit is not kept: it comes back as stored, the small one with its outputs',
    world: { storeMaxSize: '4kB' },
    run(w) {
      const big = notebook(Array.from({ length: 12 }, (_, i) => `print(${i})`), 'big');
      const small = notebook(['print("small")'], 'small');
      expect([big.length > 2000, small.length < 2000]).toEqual([true, true]);
      w.ok(['checkout', '-q', '-b', 'exp']);
      w.write('big.ipynb', big);
      w.write('small.ipynb', small);
      w.ok(['add', '-A']);
      w.ok(['commit', '-q', '-m', 'two sizes']);
      w.ok(['checkout', '-q', 'main']);
      w.expectFile('big.ipynb', undefined);
      w.ok(['checkout', '-q', 'exp']);
      w.expectFile('big.ipynb', strip(big));
      w.expectFile('small.ipynb', w.restored(small));
      w.expectStatus();
    },
  },
  {
    name: "a partly staged notebook through the pre-commit framework's stash dance, in plain git (diff-index --binary, checkout --, commit, apply)",
    run(w) {
      const { staged, unstaged } = partlyStaged(w);
      const patch = join(w.tempDir(), 'patch');
      // what pre-commit 3 does (staged_files_only.py): the unstaged changes as a patch from the
      // plumbing diff-index (no textconv), the working tree reset to the index
      const tree = w.ok(['write-tree']).trim();
      const diff = w.git(['diff-index', '--ignore-submodules', '--binary', '--exit-code', '--no-color', '--no-ext-diff', tree, '--']);
      expect(diff.status).toBe(1);
      writeFileSync(patch, diff.stdoutBytes);
      w.ok(['checkout', '--', '.']);
      w.expectFile(FILES.nb, w.restored(staged));
      w.ok(['commit', '-q', '-m', 'staged part']);
      w.ok(['apply', '--whitespace=nowarn', patch]);
      w.expectFile(FILES.nb, w.restored(unstaged));
      w.expectStripped('HEAD', FILES.nb, staged);
      w.expectStatus(` M ${FILES.nb}\n`);
    },
  },
  {
    name: "a partly staged notebook through lint-staged's stash dance inside the commit hook, in plain git (stash create, diff --unified=0, checkout --force, apply --recount)",
    run(w) {
      lintStagedDance(w, { GIT_INDEX_FILE: '.git/index' }); // what a plain `git commit` gives its hooks
    },
  },
  {
    name: 'the same patch made outside a commit hook (a tool that stages parts of a notebook with porcelain git diff)',
    knownFailure:
      "outside a commit hook diff.ml-hooks.textconv shows notebooks as readable cells, so a patch from porcelain `git diff` (without --no-textconv) holds those lines, not the notebook's JSON: 'patch does not apply'",
    run(w) {
      lintStagedDance(w, {});
    },
  },
];

/** nb.ipynb with one cell edit staged and a second one (and new outputs: the notebook was re-run) not. */
function partlyStaged(w: World): { staged: string; unstaged: string } {
  const staged = notebook(edit(1, 'print(x.max())'), 'staged');
  const unstaged = notebook(edit(2, 'y = x - 1', edit(1, 'print(x.max())')), 'unstaged');
  w.write(FILES.nb, staged);
  w.ok(['add', FILES.nb]);
  w.write(FILES.nb, unstaged);
  w.expectStatus(`MM ${FILES.nb}\n`);
  return { staged, unstaged };
}

/** lint-staged 16's commands for a partly staged file, then the commit of the staged part. */
function lintStagedDance(w: World, env: NodeJS.ProcessEnv): void {
  const { staged, unstaged } = partlyStaged(w);
  const patch = join(w.tempDir(), 'patch');
  const backup = w.ok(['stash', 'create'], { env }).trim();
  w.ok(['stash', 'store', '--quiet', '--message', 'lint-staged automatic backup', backup], { env });
  w.ok(['diff', '--binary', '--unified=0', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', '--patch', '--submodule=short', `--output=${patch}`, '--', FILES.nb], { env });
  w.ok(['checkout', '--force', '--', FILES.nb], { env });
  w.expectFile(FILES.nb, w.restored(staged)); // what lint-staged's tasks see
  w.ok(['apply', '-v', '--whitespace=nowarn', '--recount', '--unidiff-zero', patch], { env });
  w.ok(['stash', 'drop', '--quiet'], { env });
  // byte for byte in both modes: the patch is stored forms where the store gives the outputs
  // back, the notebook as it is (outputs travel in the patch) where nothing would
  w.expectFile(FILES.nb, unstaged);
  w.ok(['commit', '-q', '-m', 'staged part']);
  w.expectStripped('HEAD', FILES.nb, staged);
  w.expectFile(FILES.nb, unstaged);
  w.expectStatus(` M ${FILES.nb}\n`);
}
