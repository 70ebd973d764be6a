// The merge driver through real git, installed by `ml-hooks install`: merges, conflicts that
// stay valid notebooks and block the commit until resolved, rebase and cherry-pick, and a
// notebook merged together with its paired script.
import { afterEach, describe, expect, test } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedRepo, tryGit } from '../hooks/installedRepo.js';
import type { TestRepo } from '../helpers/gitRepo.js';
import { runCli, makeTempDir } from '../helpers/cli.js';
import { hasNbformat, validateNotebooks } from '../helpers/pythonOracle.js';
import { readNotebook, writeNotebook } from '../../src/notebook/codec.js';
import type { PyObject } from '../../src/notebook/pyjson.js';
import { notebookToScript } from '../../src/jupytext/notebookToScript.js';
import { notebookText, sources, type CellSpec } from './notebooks.js';

const KERNEL = { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } };
const BASE: string[] = ['import pandas as pd\ndf = pd.read_csv("train.csv")', 'df = df.dropna()\ndf["y"] = df.x * 2', 'model = fit(df)\nprint(model.score())', 'plot(model)'];
const write = (repo: TestRepo, cells: CellSpec[], path = 'nb.ipynb') => repo.write(path, notebookText(cells, KERNEL));
const committed = (repo: TestRepo, rev = 'HEAD', path = 'nb.ipynb') => sources(readNotebook(repo.git('show', `${rev}:${path}`)));
const working = (repo: TestRepo, path = 'nb.ipynb') => readFileSync(join(repo.path, path), 'utf8');
const commitAll = (repo: TestRepo, message: string) => {
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', message);
};

let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** base on main, then `ours` committed on main and `theirs` on the branch `feature`. */
function diverge(ours: CellSpec[], theirs: CellSpec[], base: CellSpec[] = BASE): void {
  repo = installedRepo();
  write(repo, base);
  commitAll(repo, 'base');
  repo.git('checkout', '-q', '-b', 'feature');
  write(repo, theirs);
  commitAll(repo, 'theirs');
  repo.git('checkout', '-q', 'main');
  write(repo, ours);
  commitAll(repo, 'ours');
}

const edited = (changes: Record<number, string>, cells: string[] = BASE) => cells.map((c, i) => changes[i] ?? c);

test('two branches editing different cells merge with no conflict; the result is stored stripped', () => {
  diverge(edited({ 0: 'import pandas as pd\ndf = pd.read_csv("train.csv", nrows=1000)' }), edited({ 2: 'model = fit(df, epochs=5)\nprint(model.score())' }));
  const merge = tryGit(repo.path, ['merge', '--no-edit', 'feature']);
  expect(merge.status).toBe(0);
  expect(committed(repo)).toEqual(['import pandas as pd\ndf = pd.read_csv("train.csv", nrows=1000)', BASE[1], 'model = fit(df, epochs=5)\nprint(model.score())', BASE[3]]);
  expect(repo.git('status', '--porcelain')).toBe('');
});

test('both branches deleting one cell, one of them editing the next: a clean merge, the cell gone and the edit kept', () => {
  const ran = (source: string, i: number): CellSpec => ({ source, outputs: `out ${i}\n`, count: i + 1 });
  const cells = ['import pandas as pd', 'print(df.head())  # debug', 'model = train(df, epochs=10)', 'plot(model)'];
  const without = (changes: Record<number, string> = {}) => cells.map((c, i) => ran(changes[i] ?? c, i)).filter((_c, i) => i !== 1);
  diverge(without(), without({ 2: 'model = train(df, epochs=20)' }), cells.map(ran));
  const merge = tryGit(repo.path, ['merge', '--no-edit', 'feature']);
  expect(merge.stderr).not.toContain('conflict');
  expect(merge.status).toBe(0);
  expect(committed(repo)).toEqual(['import pandas as pd', 'model = train(df, epochs=20)', 'plot(model)']);
  expect(sources(readNotebook(working(repo)))).toEqual(['import pandas as pd', 'model = train(df, epochs=20)', 'plot(model)']);
  expect(repo.git('status', '--porcelain')).toBe('');
});

describe('the working notebook keeps its outputs (output store on, as installed)', () => {
  /** A notebook as Jupyter saves it after a run named `run`: ids, counts and outputs. */
  const ran = (sources: string[], run: string): CellSpec[] => sources.map((source, i) => ({ source, id: `cell-${i}`, outputs: `${run}: ${source}\n`, count: i + 1 }));
  const outputs = (text: string) => (readNotebook(text).cells as PyObject[]).map((c) => `${c.source as string} -> ${(c.outputs as PyObject[]).map((o) => o.text).join('')}`);
  const indexHasNoOutputs = () => expect((readNotebook(repo.git('show', ':nb.ipynb')).cells as PyObject[]).map((c) => c.outputs)).toEqual(BASE.map(() => []));

  test("a merge: cells untouched and ours keep ours' outputs, the cell theirs changed theirs' (committed here); the index stays stripped", () => {
    diverge(ran(edited({ 0: 'import pandas as pd\ndf = pd.read_csv("train.csv", nrows=10)' }), 'ours'), ran(edited({ 3: 'plot(model, bins=20)' }), 'theirs'), ran(BASE, 'base'));
    expect(tryGit(repo.path, ['merge', '--no-edit', 'feature']).status).toBe(0);
    expect(outputs(working(repo))).toEqual([
      'import pandas as pd\ndf = pd.read_csv("train.csv", nrows=10) -> ours: import pandas as pd\ndf = pd.read_csv("train.csv", nrows=10)\n',
      `${BASE[1]} -> ours: ${BASE[1]}\n`,
      `${BASE[2]} -> ours: ${BASE[2]}\n`,
      'plot(model, bins=20) -> theirs: plot(model, bins=20)\n',
    ]);
    indexHasNoOutputs();
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  test('stash pop after pulling in an edit of another cell: the local run stays on every cell but that one (red-team finding 4)', () => {
    repo = installedRepo();
    write(repo, ran(BASE, 'base'));
    commitAll(repo, 'base');
    repo.git('checkout', '-q', '-b', 'upstream');
    write(repo, ran(edited({ 2: 'model = fit(df, epochs=3)\nprint(model.score())' }), 'upstream'));
    commitAll(repo, 'upstream edits the model');
    repo.git('checkout', '-q', 'main');
    // as if upstream came from another clone: this one never had its outputs (emptied once its
    // working file is gone: git may clean a file again before it leaves, which remembers it)
    rmSync(join(repo.path, '.git', 'ml-hooks', 'outputs'), { recursive: true, force: true });
    write(repo, ran(edited({ 0: 'import pandas as pd\ndf = pd.read_csv("test.csv")' }), 'local'));
    repo.git('stash', '-q');
    repo.git('merge', '-q', '--ff-only', 'upstream');
    expect(tryGit(repo.path, ['stash', 'pop', '-q']).status).toBe(0);
    expect(outputs(working(repo))).toEqual([
      'import pandas as pd\ndf = pd.read_csv("test.csv") -> local: import pandas as pd\ndf = pd.read_csv("test.csv")\n',
      `${BASE[1]} -> local: ${BASE[1]}\n`,
      'model = fit(df, epochs=3)\nprint(model.score()) -> ', // never run here
      `${BASE[3]} -> local: ${BASE[3]}\n`,
    ]);
    expect(repo.git('status', '--porcelain')).toBe(' M nb.ipynb\n');
    indexHasNoOutputs();
  });

  test('a conflict: the conflicted cell without outputs, the others with them; resolved and added, the blob is stripped', () => {
    diverge(ran(edited({ 3: 'plot(model, color="red")' }), 'ours'), ran(edited({ 3: 'plot(model, color="blue")' }), 'theirs'), ran(BASE, 'base'));
    expect(tryGit(repo.path, ['merge', 'feature']).status).toBe(1);
    const text = working(repo);
    expect(outputs(text).map((o) => o.replace(/^[^]* -> /, ''))).toEqual([`ours: ${BASE[0]}\n`, `ours: ${BASE[1]}\n`, `ours: ${BASE[2]}\n`, '']);
    expect(sources(readNotebook(text))[3]).toContain('<<<<<<< ');
    write(repo, ran(edited({ 3: 'plot(model, color="purple")' }), 'resolved'));
    repo.git('add', 'nb.ipynb');
    expect(tryGit(repo.path, ['commit', '--no-edit']).status).toBe(0);
    indexHasNoOutputs();
  });

  test('with the store off, a merge writes the stripped blob (as nbstripout does)', () => {
    diverge(ran(edited({ 0: 'import pandas as pd' }), 'ours'), ran(edited({ 3: 'plot(model, bins=20)' }), 'theirs'), ran(BASE, 'base'));
    repo.write('.ml-hooks.json', '{"output-store": {"enabled": false}}\n');
    commitAll(repo, 'store off');
    expect(tryGit(repo.path, ['merge', '--no-edit', 'feature']).status).toBe(0);
    expect(working(repo)).toBe(repo.git('show', ':nb.ipynb'));
  });
});

test('one branch deleting a cell the other edited (and whose next cell it deleted): a conflict, no merge commit, the cell not back in silence', () => {
  const ran = (source: string, i: number): CellSpec => ({ source, outputs: `out ${i}\n`, count: i + 1 });
  const cells = ['import numpy', 'def load(): pass', 'train()', 'plot()'];
  diverge([0, 2, 3].map((i) => ran(cells[i]!, i)), [ran(cells[0]!, 0), ran('def load(path): pass', 1), ran(cells[3]!, 3)], cells.map(ran));
  const merge = tryGit(repo.path, ['merge', '--no-edit', 'feature']);
  expect(merge.status).toBe(1);
  expect(merge.stdout).toContain('CONFLICT (content): Merge conflict in nb.ipynb');
  expect(committed(repo)).toEqual(['import numpy', 'train()', 'plot()']);
  expect(sources(readNotebook(working(repo)))).toEqual([
    'import numpy',
    '<<<<<<< ours (deleted this cell)\n=======\ndef load(path): pass\n>>>>>>> theirs',
    '<<<<<<< ours\ntrain()\n=======\n>>>>>>> theirs (deleted this cell)',
    'plot()',
  ]);
});

describe('overlapping edits', () => {
  const ours = edited({ 2: 'model = fit(df, epochs=5)\nprint(model.score())' });
  const theirs = edited({ 2: 'model = fit(df, epochs=50)\nprint(model.score())' });

  test("git's conflict status, a notebook python3-nbformat validates, and a commit blocked until the markers are gone", () => {
    diverge(ours, theirs);
    const merge = tryGit(repo.path, ['merge', 'feature']);
    expect(merge.status).toBe(1);
    expect(merge.stdout).toContain('CONFLICT (content): Merge conflict in nb.ipynb');
    expect(merge.stderr).toContain('ml-hooks merge: nb.ipynb: conflicts left (markers in cell 3)');
    expect(repo.git('status', '--porcelain')).toBe('UU nb.ipynb\n');
    const text = working(repo);
    const cells = sources(readNotebook(text));
    expect(cells).toHaveLength(4);
    // git 2.39 gives drivers no branch names: ours/theirs (git 2.44 and later: %X and %Y).
    expect(cells[2]).toMatch(/^<<<<<<< (ours|HEAD)\nmodel = fit\(df, epochs=5\)\n=======\nmodel = fit\(df, epochs=50\)\n>>>>>>> (theirs|feature)\nprint\(model\.score\(\)\)$/);
    if (hasNbformat) expect(validateNotebooks([text])).toEqual([null]);

    const check = runCli(['check', '--format', 'json'], { cwd: repo.path });
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).findings).toEqual([expect.objectContaining({ kind: 'merge-conflict', path: 'nb.ipynb', message: 'unresolved merge: conflict markers in cell 3 ("model = fit(df, epochs=5)")' })]);

    repo.git('add', 'nb.ipynb');
    const blocked = tryGit(repo.path, ['commit', '--no-edit']);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('nb.ipynb: unresolved merge: conflict markers in cell 3 ("model = fit(df, epochs=5)")');
    expect(repo.git('rev-parse', '-q', '--verify', 'MERGE_HEAD').trim()).toMatch(/^[0-9a-f]{40}$/); // still merging

    const nb = readNotebook(text);
    (nb.cells as PyObject[])[2]!.source = 'model = fit(df, epochs=20)\nprint(model.score())';
    writeFileSync(join(repo.path, 'nb.ipynb'), writeNotebook(nb));
    repo.git('add', 'nb.ipynb');
    expect(tryGit(repo.path, ['commit', '--no-edit']).status).toBe(0);
    expect(committed(repo)[2]).toBe('model = fit(df, epochs=20)\nprint(model.score())');
    expect(runCli(['check'], { cwd: repo.path }).status).toBe(0);
  });
});

test("merge.conflictStyle diff3: the conflicted cell shows the base's lines too, as git shows them in text files", () => {
  diverge(edited({ 3: 'plot(model, color="red")' }), edited({ 3: 'plot(model, color="blue")' }));
  expect(tryGit(repo.path, ['-c', 'merge.conflictStyle=diff3', 'merge', 'feature']).status).toBe(1);
  expect(sources(readNotebook(working(repo)))[3]).toMatch(/^<<<<<<< \S+\nplot\(model, color="red"\)\n\|\|\|\|\|\|\| base\nplot\(model\)\n=======\nplot\(model, color="blue"\)\n>>>>>>> \S+$/);
});

describe('rebase and cherry-pick use the driver', () => {
  // Both sides append a cell at the end: git's text merge of the JSON conflicts there; the cell merge keeps both.
  const ours = [...BASE, 'report(model)'];
  const theirs = [...BASE, 'save(model, "model.pkl")'];

  test('the same change conflicts as text (so the driver is what merges it)', () => {
    diverge(ours, theirs);
    const dir = makeTempDir();
    try {
      for (const [name, rev] of [['base', 'main~1'], ['ours', 'main'], ['theirs', 'feature']]) writeFileSync(join(dir.path, name!), repo.git('show', `${rev}:nb.ipynb`));
      expect(tryGit(dir.path, ['merge-file', '-p', 'ours', 'base', 'theirs']).status).toBe(1);
    } finally {
      dir.cleanup();
    }
  });

  test('git rebase', () => {
    diverge(ours, theirs);
    repo.git('checkout', '-q', 'feature');
    const rebase = tryGit(repo.path, ['rebase', 'main']);
    expect(rebase.status).toBe(0);
    expect(committed(repo)).toEqual([...BASE, 'report(model)', 'save(model, "model.pkl")']);
    expect(repo.git('log', '--format=%s', 'main..HEAD')).toBe('theirs\n');
  });

  test('git cherry-pick', () => {
    diverge(ours, theirs);
    const pick = tryGit(repo.path, ['cherry-pick', 'feature']);
    expect(pick.status).toBe(0);
    expect(committed(repo)).toEqual([...BASE, 'report(model)', 'save(model, "model.pkl")']);
  });

  test('a rebase that conflicts stops with a valid notebook, and continues once it is resolved', () => {
    diverge(edited({ 3: 'plot(model, color="red")' }), edited({ 3: 'plot(model, color="blue")' }));
    repo.git('checkout', '-q', 'feature');
    expect(tryGit(repo.path, ['rebase', 'main']).status).toBe(1);
    const cells = sources(readNotebook(working(repo)));
    expect(cells[3]).toContain('=======\nplot(model, color="blue")\n');
    write(repo, edited({ 3: 'plot(model, color="purple")' }));
    repo.git('add', 'nb.ipynb');
    expect(tryGit(repo.path, ['-c', 'core.editor=true', 'rebase', '--continue']).status).toBe(0);
    expect(committed(repo)[3]).toBe('plot(model, color="purple")');
  });
});

describe('a notebook paired with a script', () => {
  const FORMAT = { extension: '.py', formatName: 'percent' as const };
  /** A pair: the commit hook writes nb.py for nb.ipynb. Branch `feature` edits the script, main the notebook. */
  function pairedDiverge(oursNotebook: string[], theirsScript: (script: string) => string): void {
    repo = installedRepo();
    repo.write('.ml-hooks.json', '{"pair": {"notebooks": ["*.ipynb"]}}\n');
    write(repo, BASE);
    commitAll(repo, 'base');
    expect(repo.git('ls-files')).toContain('nb.py');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('nb.py', theirsScript(working(repo, 'nb.py')));
    commitAll(repo, 'theirs edits the script');
    repo.git('checkout', '-q', 'main');
    write(repo, oursNotebook);
    commitAll(repo, 'ours edits the notebook');
  }

  test('merged together, the two agree: the script is the script of the merged notebook', () => {
    pairedDiverge(edited({ 0: 'import pandas as pd\ndf = pd.read_csv("test.csv")' }), (s) => s.replace('plot(model)', 'plot(model, title="v2")'));
    const merge = tryGit(repo.path, ['merge', '--no-edit', 'feature']);
    expect(merge.status).toBe(0);
    expect(committed(repo)).toEqual(['import pandas as pd\ndf = pd.read_csv("test.csv")', BASE[1], BASE[2], 'plot(model, title="v2")']);
    expect(repo.git('show', 'HEAD:nb.py')).toBe(notebookToScript(readNotebook(repo.git('show', 'HEAD:nb.ipynb')), FORMAT));
    expect(runCli(['check'], { cwd: repo.path }).stdout).toContain('nothing to fix');
  });

  test('conflicting, both files hold the conflict at the same lines; resolving the script and syncing finishes the merge', () => {
    pairedDiverge(edited({ 2: 'model = fit(df, epochs=5)\nprint(model.score())' }), (s) => s.replace('model = fit(df)', 'model = fit(df, epochs=50)'));
    const merge = tryGit(repo.path, ['merge', 'feature']);
    expect(merge.status).toBe(1);
    expect(repo.git('status', '--porcelain')).toBe('UU nb.ipynb\nUU nb.py\n');
    const block = /<<<<<<< \S+\nmodel = fit\(df, epochs=5\)\n=======\nmodel = fit\(df, epochs=50\)\n>>>>>>> \S+\n/;
    expect(working(repo, 'nb.py')).toMatch(block);
    expect(sources(readNotebook(working(repo)))[2]).toMatch(new RegExp(`${block.source}print\\(model\\.score\\(\\)\\)$`));
    expect(merge.stderr).toContain('ml-hooks sync --prefer script nb.ipynb');

    repo.write('nb.py', working(repo, 'nb.py').replace(block, 'model = fit(df, epochs=20)\n'));
    expect(runCli(['sync', '--prefer', 'script', 'nb.ipynb'], { cwd: repo.path }).status).toBe(0);
    repo.git('add', 'nb.ipynb', 'nb.py');
    const commit = tryGit(repo.path, ['commit', '--no-edit']);
    expect(commit.stderr).toBe('');
    expect(commit.status).toBe(0);
    expect(committed(repo)[2]).toBe('model = fit(df, epochs=20)\nprint(model.score())');
    expect(runCli(['check'], { cwd: repo.path }).stdout).toContain('nothing to fix');
  });
});
