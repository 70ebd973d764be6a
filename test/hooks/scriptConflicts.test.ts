// A paired script that git's text merge left with conflict markers is never the side the
// notebook is rebuilt from (red-team finding 1: resolving a merge in the notebook committed the
// markers into both files and rewrote the working notebook with them). Real git, real merges.
import { afterEach, describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedRepo, notebookWithOutputs, tryGit } from './installedRepo.js';
import type { TestRepo } from '../helpers/gitRepo.js';
import { runCli } from '../helpers/cli.js';
import { readNotebook, writeNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { notebookToScript } from '../../src/jupytext/notebookToScript.js';
import { sources } from '../merge/notebooks.js';

const PERCENT = { extension: '.py', formatName: 'percent' as const };
const CONFIG = '{"pair": {"notebooks": ["*.ipynb"]}}\n';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const file = (path: string) => readFileSync(join(repo.path, path));
const text = (path: string) => file(path).toString('utf8');
const commitAll = (message: string) => {
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', message);
};
/** What is staged, and the index file itself. */
const indexState = () => ({ entries: repo.git('ls-files', '-s'), bytes: file('.git/index') });
/** The committed pair agrees: HEAD's script is the script of HEAD's notebook, and neither holds a marker. */
function expectCleanPair(cells: string[]): void {
  const nb = readNotebook(repo.git('show', 'HEAD:nb.ipynb'));
  expect(sources(nb)).toEqual(cells);
  expect(repo.git('show', 'HEAD:nb.py')).toBe(notebookToScript(nb, PERCENT));
  expect(repo.git('show', 'HEAD:nb.py')).not.toMatch(/^(<{7}|>{7})/m);
}

/** nb.ipynb paired with nb.py by the configuration; main and `side` change one line of nb.py; main merges side and stops on the conflict. */
function conflictedMerge(): void {
  repo = installedRepo();
  repo.write('.ml-hooks.json', CONFIG);
  repo.write('nb.ipynb', notebookWithOutputs(['a = 1', 'b = 2']));
  commitAll('base');
  repo.git('checkout', '-q', '-b', 'side');
  repo.write('nb.py', text('nb.py').replace('b = 2\n', 'b = 20\n'));
  repo.git('commit', '-q', '-am', 'side');
  repo.git('checkout', '-q', 'main');
  repo.write('nb.py', text('nb.py').replace('b = 2\n', 'b = 200\n'));
  repo.git('commit', '-q', '-am', 'main');
  expect(tryGit(repo.path, ['merge', 'side']).status).toBe(1);
  expect(repo.git('status', '--porcelain')).toBe('UU nb.ipynb\nUU nb.py\n');
  expect(text('nb.py')).toContain('\n# %%\n<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side\n');
}

/** Resolves the merge in Jupyter: the working notebook's second cell becomes `source`. */
function resolveInNotebook(source: string): void {
  const nb = readNotebook(text('nb.ipynb'));
  (nb.cells as PyObject[])[1]!.source = source;
  writeFileSync(join(repo.path, 'nb.ipynb'), writeNotebook(nb));
}

const STOPPED = [
  'ml-hooks: not committing: paired scripts still hold merge conflicts.',
  '  nb.py: unresolved merge: conflict markers at lines 18-22 (nb.py is the script paired with nb.ipynb, and a notebook is never rebuilt from a script holding markers)',
  '    fix: keep the lines you want in nb.py and delete the <<<<<<< ======= >>>>>>> lines, then: ml-hooks sync --prefer script nb.ipynb && git add nb.ipynb nb.py',
  "     or keep the notebook's inputs as they are: ml-hooks sync --prefer notebook nb.ipynb && git add nb.ipynb nb.py",
  '  Nothing was changed.',
  '  A block that quotes a conflict on purpose (Markdown explaining git, test data in a string) counts until HEAD',
  '  holds it: commit it once with `git commit --no-verify` (a paired notebook: then `ml-hooks sync NOTEBOOK`,',
  '  git add both files and commit again).',
  '',
].join('\n');

describe('a merge of a pair that conflicts, with the script left holding markers', () => {
  test("resolved in the notebook to HEAD's side: the commit stops, naming nb.py's lines, and changes nothing; check says the same; the command given finishes the merge", () => {
    conflictedMerge();
    resolveInNotebook('b = 200');
    const before = { notebook: file('nb.ipynb'), script: file('nb.py'), index: indexState() };
    const head = repo.git('rev-parse', 'HEAD');

    const commit = tryGit(repo.path, ['commit', '-a', '--no-edit']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toBe(STOPPED);
    expect({ notebook: file('nb.ipynb'), script: file('nb.py'), index: indexState() }).toEqual(before);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);

    // Staged first, then a plain commit, and the pre-commit framework's sync hook: stopped the same
    // way. (A plain commit has git write its index, cache-tree and all, before the hook: entries compared.)
    repo.git('add', 'nb.ipynb', 'nb.py');
    const entries = repo.git('ls-files', '-s');
    expect(tryGit(repo.path, ['commit', '--no-edit']).stderr).toBe(STOPPED);
    expect(repo.git('ls-files', '-s')).toBe(entries);
    const staged = { notebook: file('nb.ipynb'), script: file('nb.py'), index: indexState() };
    const sync = runCli(['sync', '--staged'], { cwd: repo.path });
    expect([sync.status, sync.stderr]).toEqual([1, STOPPED.replace('ml-hooks: not committing:', 'ml-hooks: nothing synced:')]);
    expect({ notebook: file('nb.ipynb'), script: file('nb.py'), index: indexState() }).toEqual(staged);

    const check = runCli(['check', '--format', 'json'], { cwd: repo.path });
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).findings).toEqual([
      {
        kind: 'merge-conflict',
        path: 'nb.py',
        line: 18,
        message: 'unresolved merge: conflict markers at lines 18-22 (nb.py is the script paired with nb.ipynb, and a notebook is never rebuilt from a script holding markers)',
        fix: "keep the lines you want in nb.py and delete the <<<<<<< ======= >>>>>>> lines, then: ml-hooks sync --prefer script nb.ipynb && git add nb.ipynb nb.py; or keep the notebook's inputs: ml-hooks sync --prefer notebook nb.ipynb && git add nb.ipynb nb.py",
      },
    ]);

    // `sync` without a side refuses too, writing nothing; the notebook's side, as the message says, finishes it.
    const plain = runCli(['sync', 'nb.ipynb'], { cwd: repo.path });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('ml-hooks: cannot sync nb.py: unresolved merge: conflict markers at lines 18-22');
    expect({ notebook: file('nb.ipynb'), script: file('nb.py') }).toEqual({ notebook: staged.notebook, script: staged.script });
    expect(runCli(['sync', '--prefer', 'notebook', 'nb.ipynb'], { cwd: repo.path }).status).toBe(0);
    expect(file('nb.ipynb')).toEqual(staged.notebook); // outputs and all
    repo.git('add', 'nb.ipynb', 'nb.py');
    const done = tryGit(repo.path, ['commit', '--no-edit']);
    expect([done.status, done.stderr]).toEqual([0, '']);
    expectCleanPair(['a = 1', 'b = 200']);
    expect(repo.git('rev-list', '--parents', '-1', 'HEAD').trim().split(' ')).toHaveLength(3);
    expect(runCli(['check'], { cwd: repo.path }).status).toBe(0);
  });

  test('resolved in the notebook to the other side: stopped for the markers, not as two edits that disagree', () => {
    conflictedMerge();
    resolveInNotebook('b = 20');
    const commit = tryGit(repo.path, ['commit', '-a', '--no-edit']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toBe(STOPPED);
    expect(commit.stderr).not.toContain('both edited');
    expect(runCli(['sync', '--prefer', 'notebook', 'nb.ipynb'], { cwd: repo.path }).status).toBe(0);
    expect(tryGit(repo.path, ['commit', '-a', '--no-edit']).status).toBe(0);
    expectCleanPair(['a = 1', 'b = 20']);
  });

  test('resolved in the script: a leftover marker still stops the commit while merging; once gone, synced and committed, the pair is clean', () => {
    conflictedMerge();
    repo.write('nb.py', text('nb.py').replace('<<<<<<< HEAD\nb = 200\n=======\nb = 20\n', 'b = 2000\n'));
    const leftover = tryGit(repo.path, ['commit', '-a', '--no-edit']);
    expect(leftover.status).toBe(1);
    expect(leftover.stderr).toContain('  nb.py: unresolved merge: conflict markers at line 19 (a leftover marker) (nb.py is the script paired with nb.ipynb');
    expect(leftover.stderr).toContain('  nb.ipynb: unresolved merge: conflict markers in cell 2 ("b = 200")');

    repo.write('nb.py', text('nb.py').replace('>>>>>>> side\n', ''));
    expect(runCli(['sync', '--prefer', 'script', 'nb.ipynb'], { cwd: repo.path }).status).toBe(0);
    const commit = tryGit(repo.path, ['commit', '-a', '--no-edit']);
    expect([commit.status, commit.stderr]).toEqual([0, '']);
    expectCleanPair(['a = 1', 'b = 2000']);
  });
});

describe('outside a merge', () => {
  const QUOTE = 'When two branches change one line, git writes:\n\n<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side\n\nKeep one side.';

  test('a new Markdown quote stops the commit until HEAD holds it (`--no-verify` once, then the twin as printed); then edited from the twin; check passes', () => {
    repo = installedRepo();
    repo.write('.ml-hooks.json', '{"pair": {"notebooks": ["*.ipynb"], "format": "md"}}\n');
    const nb = readNotebook(notebookWithOutputs(['a = 1']));
    const quoting = readNotebook(JSON.stringify({ cells: [{ cell_type: 'markdown', id: 'q', metadata: {}, source: QUOTE }], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    nb.cells = [...(nb.cells as PyObject[]), ...(quoting.cells as PyObject[])];
    repo.write('guide.ipynb', writeNotebook(nb));
    repo.git('add', '-A');
    const stopped = tryGit(repo.path, ['commit', '-m', 'guide']);
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toContain('`git commit --no-verify`');
    const first = tryGit(repo.path, ['commit', '--no-verify', '-m', 'guide']);
    expect([first.status, first.stderr]).toEqual([0, '']);
    // Then, as printed: sync, add both, commit.
    expect(runCli(['sync', 'guide.ipynb'], { cwd: repo.path }).status).toBe(0);
    repo.git('add', 'guide.ipynb', 'guide.md');
    const twin = tryGit(repo.path, ['commit', '-m', 'twin']);
    expect([twin.status, twin.stderr]).toEqual([0, '']);
    expect(repo.git('show', 'HEAD:guide.md')).toContain('\n<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side\n');

    // The twin edited: its quote is read back into the notebook's Markdown cell.
    repo.write('guide.md', text('guide.md').replace('Keep one side.', 'Keep one side, then commit.'));
    repo.git('add', 'guide.md');
    const second = tryGit(repo.path, ['commit', '-m', 'twin edited']);
    expect([second.status, second.stderr]).toEqual([0, '']);
    expect(sources(readNotebook(repo.git('show', 'HEAD:guide.ipynb')))[1]).toBe(QUOTE.replace('Keep one side.', 'Keep one side, then commit.'));
    expect(runCli(['check'], { cwd: repo.path }).status).toBe(0);
  });

  test("a complete block in a script's code cell stops the commit, unless the file's conflict-marker-size says such runs are not markers", () => {
    repo = installedRepo();
    repo.write('.ml-hooks.json', CONFIG);
    repo.write('nb.ipynb', notebookWithOutputs(['a = 1']));
    commitAll('base');
    const sample = 'SAMPLE = """\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> side\n"""\n';
    repo.write('nb.py', `${text('nb.py')}\n# %%\n${sample}`);
    repo.git('add', 'nb.py');
    const before = { notebook: file('nb.ipynb'), entries: repo.git('ls-files', '-s') };
    const stopped = tryGit(repo.path, ['commit', '-m', 'sample']);
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toContain('  nb.py: unresolved merge: conflict markers at lines 19-23 (nb.py is the script paired with nb.ipynb');
    expect({ notebook: file('nb.ipynb'), entries: repo.git('ls-files', '-s') }).toEqual(before);

    repo.write('.gitattributes', `${text('.gitattributes')}*.py conflict-marker-size=9\n*.ipynb conflict-marker-size=9\n`);
    repo.git('add', '.gitattributes');
    const commit = tryGit(repo.path, ['commit', '-m', 'sample']);
    expect(commit.stderr).not.toContain('not committing');
    expect(commit.status).toBe(0);
    expect(sources(readNotebook(repo.git('show', 'HEAD:nb.ipynb')))[1]).toBe(sample.slice(0, -1));
  });
});

/** Runs a printed `ml-hooks … && git add …` line exactly as given (the words are plain: no quoting needed here). */
function follow(line: string): void {
  for (const command of line.split(' && ')) {
    const [tool, ...args] = command.split(' ');
    if (tool === 'ml-hooks') expect(runCli(args, { cwd: repo.path }).status).toBe(0);
    else repo.git(...args);
  }
}
const printed = (stderr: string, before: string): string => {
  const at = stderr.indexOf(before);
  expect(at).toBeGreaterThanOrEqual(0);
  return stderr.slice(at + before.length).split('\n')[0]!;
};

describe("redteam2 f1: the script resolved to HEAD's side, the notebook still holding the merge driver's markers", () => {
  const RESOLVED_OURS = (script: string) => script.replace('<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side\n', 'b = 200\n');

  test('`sync --prefer script` as printed takes the resolved script (equal to the baseline) and the merge commits; the notebook is never read as the inputs', () => {
    conflictedMerge();
    const resolved = RESOLVED_OURS(text('nb.py'));
    expect(resolved).toBe(repo.git('show', 'HEAD:nb.py'));
    repo.write('nb.py', resolved);
    const marked = file('nb.ipynb');
    expect(marked.toString('utf8')).toContain('"<<<<<<< ');

    // The notebook holding markers refuses to be the inputs, asked for or not: nothing written.
    for (const args of [['sync', '--prefer', 'notebook', 'nb.ipynb'], ['sync', 'nb.ipynb']]) {
      const refused = runCli(args, { cwd: repo.path });
      expect([refused.status, refused.stdout]).toEqual([1, '']);
      expect(refused.stderr).toBe(
        [
          'ml-hooks: cannot sync nb.ipynb: unresolved merge: conflict markers in cell 2 ("b = 200") (nb.py is never rebuilt from a notebook holding markers); nothing was written.',
          '  fix: in each cell keep the lines you want and delete the <<<<<<< ======= >>>>>>> lines, then: ml-hooks sync --prefer notebook nb.ipynb && git add nb.ipynb nb.py',
          "   or take the script's inputs as they are: ml-hooks sync --prefer script nb.ipynb && git add nb.ipynb nb.py",
          '',
        ].join('\n'),
      );
      expect({ notebook: file('nb.ipynb'), script: file('nb.py') }).toEqual({ notebook: marked, script: Buffer.from(resolved) });
    }

    const sync = runCli(['sync', '--prefer', 'script', 'nb.ipynb'], { cwd: repo.path });
    expect([sync.status, sync.stdout, sync.stderr]).toEqual([0, 'Updated nb.ipynb from nb.py\n', '']);
    expect(text('nb.py')).toBe(resolved);
    expect(sources(readNotebook(text('nb.ipynb')))).toEqual(['a = 1', 'b = 200']);
    repo.git('add', 'nb.ipynb', 'nb.py');
    const commit = tryGit(repo.path, ['commit', '--no-edit']);
    expect([commit.status, commit.stderr]).toEqual([0, '']);
    expectCleanPair(['a = 1', 'b = 200']);
    expect(repo.git('show', ':nb.py')).toBe(resolved);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  test("the hook's lines, followed exactly: resolved in the script (the notebook's line) or in the notebook (the script's line)", () => {
    conflictedMerge();
    repo.write('nb.py', RESOLVED_OURS(text('nb.py')));
    repo.git('add', 'nb.ipynb', 'nb.py');
    const entries = repo.git('ls-files', '-s');
    const stopped = tryGit(repo.path, ['commit', '--no-edit']);
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toContain('  nb.ipynb: unresolved merge: conflict markers in cell 2 ("b = 200")');
    expect(stopped.stderr).not.toContain('  nb.py: unresolved');
    expect(repo.git('ls-files', '-s')).toBe(entries);
    follow(printed(stopped.stderr, '     or resolve them in nb.py instead, then: '));
    const done = tryGit(repo.path, ['commit', '--no-edit']);
    expect([done.status, done.stderr]).toEqual([0, '']);
    expectCleanPair(['a = 1', 'b = 200']);

    // The other way: the notebook resolved, the script still marked: its "keep the notebook" line.
    repo.cleanup();
    conflictedMerge();
    resolveInNotebook('b = 20');
    repo.git('add', 'nb.ipynb', 'nb.py');
    const second = tryGit(repo.path, ['commit', '--no-edit']);
    expect(second.status).toBe(1);
    expect(second.stderr).not.toContain('or resolve them in nb.py instead');
    follow(printed(second.stderr, "     or keep the notebook's inputs as they are: "));
    expect(tryGit(repo.path, ['commit', '--no-edit']).status).toBe(0);
    expectCleanPair(['a = 1', 'b = 20']);
  });

  test('`sync --staged` refuses in its own words (it commits nothing)', () => {
    conflictedMerge();
    resolveInNotebook('b = 200');
    repo.git('add', 'nb.ipynb', 'nb.py');
    const staged = { notebook: file('nb.ipynb'), script: file('nb.py'), index: indexState() };
    const sync = runCli(['sync', '--staged'], { cwd: repo.path });
    expect(sync.status).toBe(1);
    expect(sync.stderr.split('\n')[0]).toBe('ml-hooks: nothing synced: paired scripts still hold merge conflicts.');
    expect(sync.stderr).not.toContain('not committing');
    expect({ notebook: file('nb.ipynb'), script: file('nb.py'), index: indexState() }).toEqual(staged);
  });
});

describe('quotes: a block HEAD already holds never counts; every other one does (redteam2 f2, f15, f16)', () => {
  const markdownNotebook = (cells: Array<[string, string]>) =>
    `${JSON.stringify({ cells: cells.map(([type, source], i) => ({ cell_type: type, ...(type === 'code' ? { execution_count: null, outputs: [] } : {}), id: `c${i}`, metadata: {}, source })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
  const QUOTE = 'How to resolve:\n\n```\n<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> other\n```';

  test('a new Markdown quote stops the commit naming `git commit --no-verify` (no word of a script for an unpaired notebook); once in HEAD, a merge with it commits', () => {
    repo = installedRepo();
    repo.write('other.txt', 'a\n');
    repo.write('nb.ipynb', markdownNotebook([['markdown', QUOTE], ['code', 'y = 1']]));
    repo.git('add', '-A');
    const entries = repo.git('ls-files', '-s');
    const first = tryGit(repo.path, ['commit', '-m', 'quote']);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('  nb.ipynb: unresolved merge: conflict markers in cell 1 ("How to resolve:")');
    expect(first.stderr).toContain('commit it once with `git commit --no-verify`');
    expect(first.stderr).not.toMatch(/in the script|nb\.py/);
    expect(repo.git('ls-files', '-s')).toBe(entries);
    expect(tryGit(repo.path, ['commit', '-q', '--no-verify', '-m', 'quote']).status).toBe(0);

    repo.git('checkout', '-q', '-b', 'side');
    repo.write('nb.ipynb', text('nb.ipynb').replace('"y = 1"', '"y = 2"'));
    repo.write('other.txt', 's\n');
    repo.git('commit', '-q', '-am', 'side');
    repo.git('checkout', '-q', 'main');
    repo.write('other.txt', 'b\n');
    repo.git('commit', '-q', '-am', 'main');
    expect(tryGit(repo.path, ['merge', 'side']).status).toBe(1);
    repo.write('other.txt', 'c\n');
    repo.git('add', 'other.txt');
    const merge = tryGit(repo.path, ['commit', '--no-edit']);
    expect([merge.status, merge.stderr]).toEqual([0, '']);
    expect(sources(readNotebook(repo.git('show', 'HEAD:nb.ipynb')))).toEqual([QUOTE, 'y = 2']);
    expect(runCli(['check'], { cwd: repo.path }).status).toBe(0);
  });

  test('a `git stash pop` conflict in a Markdown cell of a pair stops the commit; the printed line, after resolving the script, commits it clean', () => {
    repo = installedRepo();
    repo.write('.ml-hooks.json', CONFIG);
    repo.write('nb.ipynb', markdownNotebook([['markdown', '# Results'], ['code', 'y = 1']]));
    commitAll('pair');
    repo.git('checkout', '-q', '-b', 'up');
    repo.write('nb.py', text('nb.py').replace('# # Results\n', '# # Results on CIFAR\n'));
    expect(runCli(['sync', 'nb.py'], { cwd: repo.path }).status).toBe(0);
    repo.git('commit', '-q', '-am', 'up');
    repo.git('checkout', '-q', 'main');
    repo.write('nb.py', text('nb.py').replace('# # Results\n', '# # Results on MNIST\n'));
    expect(runCli(['sync', 'nb.py'], { cwd: repo.path }).status).toBe(0);
    repo.git('stash', '-q');
    repo.git('merge', '-q', 'up');
    expect(tryGit(repo.path, ['stash', 'pop']).status).toBe(1);
    expect(repo.git('status', '--porcelain')).toBe('UU nb.ipynb\nUU nb.py\n');
    repo.git('add', 'nb.ipynb', 'nb.py');
    const entries = repo.git('ls-files', '-s');
    const head = repo.git('rev-parse', 'HEAD');
    const stopped = tryGit(repo.path, ['commit', '-m', 'mine']);
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toContain('  nb.ipynb: unresolved merge: conflict markers in cell 1 ("# Results on CIFAR")');
    expect(stopped.stderr).toContain('  nb.py: unresolved merge: conflict markers at lines');
    // Each side holds markers: neither "keep the other side" line is offered.
    expect(stopped.stderr).not.toMatch(/or keep the notebook's inputs|or resolve them in nb\.py instead/);
    expect([repo.git('ls-files', '-s'), repo.git('rev-parse', 'HEAD')]).toEqual([entries, head]);

    repo.write('nb.py', text('nb.py').replace(/<<<<<<< Updated upstream\n# # Results on CIFAR\n=======\n(# # Results on MNIST\n)>>>>>>> Stashed changes\n/, '$1'));
    follow(printed(stopped.stderr, 'delete the <<<<<<< ======= >>>>>>> lines, then: '));
    const commit = tryGit(repo.path, ['commit', '-m', 'mine']);
    expect([commit.status, commit.stderr]).toEqual([0, '']);
    expect(sources(readNotebook(repo.git('show', 'HEAD:nb.ipynb')))).toEqual(['# Results on MNIST', 'y = 1']);
    expect(repo.git('show', 'HEAD:nb.py')).not.toMatch(/^(# )?(<{7}|>{7})/m);
  });

  test('a code cell quoting a conflict in a string: the override named on first introduction, then edits of the notebook commit', () => {
    repo = installedRepo();
    const sample = 'SAMPLE = """\n<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> other\n"""';
    repo.write('t.ipynb', markdownNotebook([['code', sample], ['code', 'y = 1']]));
    repo.git('add', 't.ipynb');
    const first = tryGit(repo.path, ['commit', '-m', 't']);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('`git commit --no-verify`');
    expect(tryGit(repo.path, ['commit', '-q', '--no-verify', '-m', 't']).status).toBe(0);
    repo.write('t.ipynb', text('t.ipynb').replace('"y = 1"', '"y = 2"'));
    repo.git('add', 't.ipynb');
    const edit = tryGit(repo.path, ['commit', '-m', 'edit']);
    expect([edit.status, edit.stderr]).toEqual([0, '']);
    // A second, new block beside the committed one counts.
    repo.write('t.ipynb', text('t.ipynb').replace('"y = 2"', JSON.stringify(sample.replace('x = 2', 'x = 3'))));
    repo.git('add', 't.ipynb');
    expect(tryGit(repo.path, ['commit', '-m', 'another']).status).toBe(1);
  });
});
