// Debian's pre-commit 3.0.4 runs our .pre-commit-hooks.yaml from a clone of this repository tagged
// by the release step, as a team would use it from GitHub: PRE_COMMIT_HOME is a temporary folder,
// and the projects never run `ml-hooks install`.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeTempDir, NBSTRIPOUT_FIXTURES, REPO_ROOT } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { makeReleaseClone, type ReleaseClone } from '../helpers/releaseClone.js';
import { readmeRecipe } from '../helpers/readmeRecipe.js';
import { notebookWithOutputs, stripped } from '../hooks/installedRepo.js';

const PRE_COMMIT = existsSync('/usr/bin/pre-commit') ? '/usr/bin/pre-commit' : 'pre-commit';
const WITH_OUTPUTS = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb'), 'utf8');
/** What nbstripout 0.9 writes for it (nbstripout's own test data). */
const NBSTRIPOUT_WROTE = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb.expected'), 'utf8');

let release: ReleaseClone;
const home = makeTempDir('ml-hooks-pre-commit-home-');
const repos: TestRepo[] = [];

beforeAll(() => {
  release = makeReleaseClone();
}, 120_000);
afterAll(() => {
  release?.cleanup();
  home.cleanup();
  for (const r of repos) r.cleanup();
});

interface Run {
  status: number;
  out: string;
}

const env = (): NodeJS.ProcessEnv => ({ ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: home.path, NO_COLOR: '1' });
function run(cwd: string, command: string, args: string[], extra: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(command, args, { cwd, env: { ...env(), ...extra }, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, out: r.stdout + r.stderr };
}
const preCommit = (cwd: string, ...args: string[]): Run => run(cwd, PRE_COMMIT, args);
const git = (cwd: string, ...args: string[]): Run => run(cwd, 'git', args);

/** A project using our hooks from the release clone: `repo:` and `rev:` as a team writes them. */
function project(config: string): TestRepo {
  const repo = makeRepo();
  repos.push(repo);
  repo.write('.pre-commit-config.yaml', config.replace('https://github.com/ml-hooks/ml-hooks', release.path));
  return repo;
}
const configWith = (...hooks: string[]): string =>
  `repos:\n  - repo: https://github.com/ml-hooks/ml-hooks\n    rev: ${release.tag}\n    hooks:\n${hooks.map((h) => `      - id: ${h}\n`).join('')}`;

test('Debian 12 pre-commit 3.0.4 is what these tests run', () => {
  const version = spawnSync(PRE_COMMIT, ['--version'], { encoding: 'utf8' });
  if (version.error) throw new Error(`pre-commit is missing: apt-get install pre-commit (.ci/run does it). ${version.error.message}`);
  expect(version.stdout.trim()).toBe('pre-commit 3.0.4');
});

describe('the release tag', () => {
  test('holds the built CLI; the branch does not track dist/, and git describe (pre-commit autoupdate) finds the tag', () => {
    const tagged = release.git('ls-tree', '-r', '--name-only', release.tag).split('\n');
    expect(tagged).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/action.js', '.pre-commit-hooks.yaml', 'hooks/pre-commit-framework', 'action.yml']));
    expect(release.git('ls-tree', '-r', '--name-only', 'main').split('\n').filter((p) => p.startsWith('dist/'))).toEqual([]);
    expect(release.git('describe', '--tags', '--abbrev=0', 'main').trim()).toBe(release.tag);
    expect(release.git('status', '--porcelain')).toBe('');
    expect(release.releaseOutput).toContain(`git push origin HEAD ${release.tag}`);
    // the release commit is the branch's tree plus dist/, nothing else
    const diff = release.git('diff', '--name-only', `${release.tag}^`, release.tag).trim().split('\n');
    expect(diff.every((p) => p.startsWith('dist/'))).toBe(true);
  });

  test('pre-commit autoupdate moves a project pinned to an older commit to the release tag', () => {
    const repo = project(configWith('ml-hooks-strip').replace(`rev: ${release.tag}`, `rev: ${release.git('rev-list', '--max-parents=0', 'main').trim()}`));
    const r = preCommit(repo.path, 'autoupdate');
    expect(r.out).toContain(`updating`);
    expect(r.status).toBe(0);
    expect(readFileSync(join(repo.path, '.pre-commit-config.yaml'), 'utf8')).toContain(`rev: ${release.tag}`);
  });

  test('a rev without dist/ (a branch) fails with one line saying to pin a release tag', () => {
    const repo = project(configWith('ml-hooks-strip').replace(`rev: ${release.tag}`, `rev: ${release.git('rev-parse', 'main^1').trim()}`));
    repo.write('nb.ipynb', WITH_OUTPUTS);
    repo.git('add', '-A');
    const r = preCommit(repo.path, 'run', '--all-files');
    expect(r.status).toBe(1);
    expect(r.out).toContain('this revision of ml-hooks has no built program (dist/cli.js): set `rev:` to a release tag');
  });
});

test('pre-commit run --all-files fails on a committed notebook with outputs, naming it, rewrites it as nbstripout does, then passes', () => {
  const repo = project(readmeRecipe('pre-commit-config'));
  const plots = notebookWithPngs();
  repo.write('analysis.ipynb', WITH_OUTPUTS);
  repo.write('notebooks/sales plots.ipynb', plots);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'notebooks committed with their outputs');

  const first = preCommit(repo.path, 'run', '--all-files');
  expect(first.status).toBe(1);
  expect(first.out).toMatch(/strip notebook outputs \(ml-hooks\)\.+Failed/);
  expect(first.out).toContain('- hook id: ml-hooks-strip');
  expect(first.out).toContain('- files were modified by this hook');
  expect(first.out).toContain('ml-hooks: analysis.ipynb still had outputs or volatile metadata: stripped it in place');
  expect(first.out).toContain('ml-hooks: notebooks/sales plots.ipynb still had outputs or volatile metadata: stripped it in place');
  expect(first.out).toContain("Stage the result (git add analysis.ipynb 'notebooks/sales plots.ipynb') and commit again.");
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(NBSTRIPOUT_WROTE);
  expect(readFileSync(join(repo.path, 'notebooks/sales plots.ipynb'), 'utf8')).toBe(stripped(plots));
  expect(readFileSync(join(repo.path, 'notebooks/sales plots.ipynb'), 'utf8')).not.toContain('image/png');

  const second = preCommit(repo.path, 'run', '--all-files');
  expect(second.out).toMatch(/strip notebook outputs \(ml-hooks\)\.+Passed/);
  expect(second.out).toMatch(/sync paired notebooks and scripts \(ml-hooks\)\.+Passed/);
  expect(second.out).toMatch(/keep large files out of git \(ml-hooks\)\.+Passed/);
  expect(second.status).toBe(0);
  // the CI line of the recipe: the check-only hook changes nothing and passes now
  const ci = preCommit(repo.path, 'run', '--hook-stage', 'manual', 'ml-hooks-check', '--all-files');
  expect(ci.out).toMatch(/check notebooks, pairs and file sizes \(ml-hooks\)\.+Passed/);
  expect(ci.status).toBe(0);
});

test('the check-only hook fails naming the notebook and changes nothing', () => {
  const repo = project(readmeRecipe('pre-commit-config'));
  repo.write('analysis.ipynb', WITH_OUTPUTS);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'with outputs');
  const ci = preCommit(repo.path, 'run', '--hook-stage', 'manual', 'ml-hooks-check', '--all-files');
  expect(ci.status).toBe(1);
  expect(ci.out).toMatch(/check notebooks, pairs and file sizes \(ml-hooks\)\.+Failed/);
  expect(ci.out).toContain('analysis.ipynb');
  expect(ci.out).toContain('ml-hooks check: 1 problem found');
  expect(ci.out).not.toContain('files were modified');
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(WITH_OUTPUTS);
});

test('a commit through `pre-commit install` in a repository that never ran ml-hooks install: stopped naming the notebook, then committed stripped', () => {
  const repo = project(readmeRecipe('pre-commit-config'));
  const install = run(repo.path, 'sh', ['-ec', readmeRecipe('pre-commit-setup').split('\n')[0]!]);
  expect(install.out).toContain('pre-commit installed at .git/hooks/pre-commit');
  repo.write('analysis.ipynb', WITH_OUTPUTS);
  git(repo.path, 'add', '-A');
  const first = git(repo.path, 'commit', '-m', 'analysis');
  expect(first.status).toBe(1);
  expect(first.out).toMatch(/strip notebook outputs \(ml-hooks\)\.+Failed/);
  expect(first.out).toContain('ml-hooks: analysis.ipynb still had outputs or volatile metadata: stripped it in place');
  expect(first.out).toContain('files were modified by this hook');
  git(repo.path, 'add', 'analysis.ipynb');
  const second = git(repo.path, 'commit', '-m', 'analysis');
  expect(second.out).toMatch(/strip notebook outputs \(ml-hooks\)\.+Passed/);
  expect(second.status).toBe(0);
  expect(repo.git('show', 'HEAD:analysis.ipynb')).toBe(NBSTRIPOUT_WROTE);
  // nothing of ml-hooks' own installation in this clone
  expect(existsSync(join(repo.path, '.git', 'ml-hooks'))).toBe(false);
  expect(git(repo.path, 'config', '--get-regexp', '^(filter|diff|merge)\\.ml-hooks').out).toBe('');
  expect(existsSync(join(repo.path, '.gitattributes'))).toBe(false);
});

test("pre-commit's stash of unstaged changes loses nothing: unstaged edits come back after the strip hook, merged with its rewrite or, where they clash, instead of it", () => {
  const repo = project(configWith('ml-hooks-strip'));
  preCommit(repo.path, 'install');
  const sources = ['import pandas as pd\n', 'df = pd.read_csv("a.csv")\n'];
  repo.write('analysis.ipynb', stripped(notebookWithOutputs(sources)));
  repo.write('notes.txt', 'first\n');
  git(repo.path, 'add', '-A');
  expect(git(repo.path, 'commit', '-m', 'start').status).toBe(0);

  // Staged: a new cell, run. Unstaged on top: one more cell, and a note.
  const staged = notebookWithOutputs([...sources, 'df.describe()\n']);
  repo.write('analysis.ipynb', staged);
  git(repo.path, 'add', 'analysis.ipynb');
  const unstaged = notebookWithOutputs([...sources, 'df.describe()\n', 'df.plot()\n']);
  repo.write('analysis.ipynb', unstaged);
  repo.write('notes.txt', 'first\nsecond, not staged\n');
  const commit = git(repo.path, 'commit', '-m', 'describe');
  expect(commit.status).toBe(1);
  expect(commit.out).toContain('[INFO] Stashing unstaged files');
  expect(commit.out).toContain('ml-hooks: analysis.ipynb still had outputs or volatile metadata: stripped it in place');
  expect(commit.out).toContain('[INFO] Restored changes');
  // the staged cells stripped by the hook, the unstaged cell back as it was written
  const strippedCells = (JSON.parse(stripped(staged)) as { cells: unknown[] }).cells;
  const unstagedNb = JSON.parse(unstaged) as { cells: unknown[] };
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(JSON.stringify({ ...unstagedNb, cells: [...strippedCells, unstagedNb.cells[3]] }, null, 1) + '\n');
  expect(readFileSync(join(repo.path, 'notes.txt'), 'utf8')).toBe('first\nsecond, not staged\n');
  expect(repo.git('show', ':analysis.ipynb')).toBe(staged);

  // An unstaged re-run changes the outputs the hook removes: pre-commit rolls the rewrite back.
  git(repo.path, 'checkout', '--', 'analysis.ipynb');
  const rerun = staged.replace('output of cell 2', 'output of cell 2, run again');
  repo.write('analysis.ipynb', rerun);
  const clash = git(repo.path, 'commit', '-m', 'describe');
  expect(clash.status).toBe(1);
  expect(clash.out).toContain('Stashed changes conflicted with hook auto-fixes... Rolling back fixes...');
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(rerun);
  expect(readFileSync(join(repo.path, 'notes.txt'), 'utf8')).toBe('first\nsecond, not staged\n');
  expect(repo.git('show', ':analysis.ipynb')).toBe(staged);

  // Staging the whole notebook, the hook strips it and the next commit goes through.
  git(repo.path, 'add', 'analysis.ipynb');
  expect(git(repo.path, 'commit', '-m', 'describe').status).toBe(1);
  git(repo.path, 'add', 'analysis.ipynb');
  expect(git(repo.path, 'commit', '-m', 'describe').status).toBe(0);
  expect(repo.git('show', 'HEAD:analysis.ipynb')).toBe(stripped(rerun));
  expect(readFileSync(join(repo.path, 'notes.txt'), 'utf8')).toBe('first\nsecond, not staged\n');
});

test('ml-hooks-strip-staged strips the index only: the working notebook keeps its outputs, and unstaged edits survive the stash', () => {
  const repo = project(configWith('ml-hooks-strip-staged'));
  preCommit(repo.path, 'install');
  repo.write('notes.txt', 'first\n');
  git(repo.path, 'add', '-A');
  expect(git(repo.path, 'commit', '-m', 'start').status).toBe(0);
  const text = notebookWithOutputs(['print("hello")\n']);
  repo.write('analysis.ipynb', text);
  git(repo.path, 'add', 'analysis.ipynb');
  repo.write('notes.txt', 'first\nnot staged\n');
  const first = git(repo.path, 'commit', '-m', 'hello');
  expect(first.out).toContain('ml-hooks: stripped outputs from 1 staged notebook: analysis.ipynb');
  // the index changed under pre-commit: it asks for another commit, as with any fixing hook
  expect(first.out).toContain('files were modified by this hook');
  expect(first.status).toBe(1);
  expect(repo.git('show', ':analysis.ipynb')).toBe(stripped(text));
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(text);
  expect(readFileSync(join(repo.path, 'notes.txt'), 'utf8')).toBe('first\nnot staged\n');
  const second = git(repo.path, 'commit', '-m', 'hello');
  expect(second.out).toMatch(/strip staged notebooks in the index \(ml-hooks\)\.+Passed/);
  expect(second.status).toBe(0);
  expect(repo.git('show', 'HEAD:analysis.ipynb')).toBe(stripped(text));
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(text);
});

test('ml-hooks-sync writes the script of a paired notebook and fails naming it; the next commit holds both', () => {
  const repo = project(configWith('ml-hooks-sync'));
  repo.write('pyproject.toml', '[tool.ml-hooks.pair]\nnotebooks = ["*.ipynb"]\n');
  preCommit(repo.path, 'install');
  repo.write('analysis.ipynb', stripped(notebookWithOutputs(['x = 1\n'])));
  git(repo.path, 'add', '-A');
  const first = git(repo.path, 'commit', '-m', 'paired');
  expect(first.status).toBe(1);
  expect(first.out).toMatch(/sync paired notebooks and scripts \(ml-hooks\)\.+Failed/);
  expect(first.out).toContain('analysis.py');
  expect(first.out).toContain('Stage the updated files (git add analysis.py) and commit again.');
  expect(readFileSync(join(repo.path, 'analysis.py'), 'utf8')).toContain('# %%\nx = 1\n');
  git(repo.path, 'add', 'analysis.py');
  const second = git(repo.path, 'commit', '-m', 'paired');
  expect(second.status).toBe(0);
  expect(repo.git('show', 'HEAD:analysis.py')).toContain('x = 1');
  // an edit of the script alone brings the notebook along at the next commit
  writeFileSync(join(repo.path, 'analysis.py'), readFileSync(join(repo.path, 'analysis.py'), 'utf8').replace('x = 1', 'x = 2'));
  git(repo.path, 'add', 'analysis.py');
  const third = git(repo.path, 'commit', '-m', 'x = 2');
  expect(third.status).toBe(1);
  expect(third.out).toContain('Updated analysis.ipynb from analysis.py');
  git(repo.path, 'add', 'analysis.ipynb');
  expect(git(repo.path, 'commit', '-m', 'x = 2').status).toBe(0);
  expect(repo.git('show', 'HEAD:analysis.ipynb')).toContain('"x = 2"');
});

test('ml-hooks-check-size blocks a staged file over the limit with the commands that fix it; ml-hooks-push blocks a commit made with --no-verify', () => {
  const repo = project(configWith('ml-hooks-check-size', 'ml-hooks-push'));
  repo.write('.ml-hooks.json', '{ "guard": { "max-file-size": "10k" } }\n');
  preCommit(repo.path, 'install', '-t', 'pre-commit', '-t', 'pre-push');
  git(repo.path, 'add', '-A');
  expect(git(repo.path, 'commit', '-m', 'config').status).toBe(0);
  repo.write('data/train.csv', 'a,b\n'.repeat(5000));
  git(repo.path, 'add', '-A');
  const blocked = git(repo.path, 'commit', '-m', 'data');
  expect(blocked.status).toBe(1);
  expect(blocked.out).toMatch(/keep large files out of git \(ml-hooks\)\.+Failed/);
  expect(blocked.out).toContain('data/train.csv');
  expect(blocked.out).toContain('git rm --cached data/train.csv');

  expect(git(repo.path, 'commit', '--no-verify', '-q', '-m', 'data anyway').status).toBe(0);
  const remote = makeRepo({ bare: true });
  repos.push(remote);
  repo.git('remote', 'add', 'origin', remote.path);
  const push = git(repo.path, 'push', 'origin', 'main');
  expect(push.out).toMatch(/check what is pushed \(ml-hooks\)\.+Failed/);
  expect(push.out).toContain('data/train.csv');
  expect(push.status).not.toBe(0);
  expect(spawnSync('git', ['rev-parse', '--verify', '-q', 'main'], { cwd: remote.path }).status).not.toBe(0);
});

test('ml-hooks-commit runs the whole commit hook of ml-hooks install: index-only stripping, the working file keeps its outputs', () => {
  const repo = project(configWith('ml-hooks-commit'));
  preCommit(repo.path, 'install');
  const text = notebookWithOutputs(['print(1)\n']);
  repo.write('analysis.ipynb', text);
  git(repo.path, 'add', '-A');
  const first = git(repo.path, 'commit', '-m', 'nb');
  expect(first.out).toMatch(/ml-hooks commit checks\.+Failed/);
  expect(first.out).toContain('ml-hooks: stripped outputs from 1 staged notebook: analysis.ipynb');
  expect(git(repo.path, 'commit', '-m', 'nb').status).toBe(0);
  expect(repo.git('show', 'HEAD:analysis.ipynb')).toBe(stripped(text));
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(text);
});

test('ML_HOOKS=0 skips the hooks, and a clone with ml-hooks installed keeps the outputs its filter stores stripped', () => {
  const repo = project(configWith('ml-hooks-strip'));
  const text = notebookWithOutputs(['print(1)\n']);
  repo.write('analysis.ipynb', text);
  git(repo.path, 'add', '-A');
  const skip = run(repo.path, PRE_COMMIT, ['run', '--all-files'], { ML_HOOKS: '0' });
  expect(skip.out).toMatch(/strip notebook outputs \(ml-hooks\)\.+Passed/);
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(text);

  // ml-hooks install: the filter stores the notebook stripped, so the hook leaves the working file
  const installed = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'install'], { cwd: repo.path, env: env(), encoding: 'utf8' });
  expect(installed.status).toBe(0);
  git(repo.path, 'add', '-A');
  expect(repo.git('show', ':analysis.ipynb')).toBe(stripped(text));
  const r = preCommit(repo.path, 'run', '--all-files');
  expect(r.out).toMatch(/strip notebook outputs \(ml-hooks\)\.+Passed/);
  expect(r.status).toBe(0);
  expect(readFileSync(join(repo.path, 'analysis.ipynb'), 'utf8')).toBe(text);
});

test('the hooks our templates, README recipe and install snippet name are all defined, with stage names pre-commit 3.0.4 knows', async () => {
  const defined = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; stages?: string[]; language: string; entry: string }[];
  const ids = new Set(defined.map((h) => h.id));
  expect([...ids].sort()).toEqual(['ml-hooks-check', 'ml-hooks-check-size', 'ml-hooks-commit', 'ml-hooks-push', 'ml-hooks-strip', 'ml-hooks-strip-staged', 'ml-hooks-sync', 'ml-hooks-sync-staged']);
  const used = (text: string) => (parse(text) as { repos: { hooks: { id: string; stages?: string[] }[] }[] }).repos.flatMap((r) => r.hooks);
  const template = used(readFileSync(join(REPO_ROOT, 'templates', 'pre-commit-config.yaml'), 'utf8'));
  const recipe = used(readmeRecipe('pre-commit-config'));
  const { preCommitFrameworkSnippet } = await import('../../src/messages/install.js');
  const snippet = [...preCommitFrameworkSnippet.matchAll(/- id: (\S+)/g)].map((m) => m[1]!);
  for (const id of [...template.map((h) => h.id), ...recipe.map((h) => h.id), ...snippet]) expect(ids.has(id)).toBe(true);
  const known = ['commit', 'push', 'manual'];
  for (const h of [...defined, ...template, ...recipe]) for (const stage of h.stages ?? []) expect(known).toContain(stage);
  for (const h of defined) {
    expect(h.language).toBe('script');
    expect(h.entry.startsWith('hooks/pre-commit-framework ')).toBe(true);
  }
});

/** A notebook as Jupyter saves it after plotting: three PNG outputs. */
function notebookWithPngs(): string {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const base = JSON.parse(notebookWithOutputs(['plt.plot(a)\n', 'plt.plot(b)\n', 'plt.plot(c)\n'])) as { cells: { outputs: unknown[] }[] };
  base.cells.forEach((cell, i) => {
    cell.outputs = [{ data: { 'image/png': png, 'text/plain': [`<Figure ${i}>`] }, metadata: {}, output_type: 'display_data' }];
  });
  return JSON.stringify(base, null, 1) + '\n';
}
