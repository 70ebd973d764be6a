// The push guard's advice for a notebook committed unstripped, followed as printed with real git
// in an installed clone, the bytes of the working notebook, the index and the commits as the
// oracle. With the clean filter, `git add --renormalize` fixes the commit and the working file
// keeps its outputs; without it, the advice strips the file and says that its outputs go.
import { afterEach, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { install, notebookWithOutputs, stripped } from '../hooks/installedRepo.js';
import { CLI, runCli } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, runGit, type TestRepo } from '../helpers/gitRepo.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

type Git = (...args: string[]) => { status: number | null; out: string };
const NOTEBOOK = notebookWithOutputs(['a = 1\n', 'b = 2\n']);
const STRIPPED = stripped(NOTEBOOK);

/** An installed clone with a bare `origin` that has `main`, and nb.ipynb committed past the hooks. */
function cloneWithRawNotebook(options: { filter: boolean }): { repo: TestRepo; git: Git; rawCommit: string } {
  const remote = makeRepo({ bare: true });
  const repo = makeRepo();
  cleanups.push(remote.cleanup, repo.cleanup);
  install(repo.path);
  const git: Git = (...args) => runGit(repo.path, args);
  git('add', '-A');
  expect(git('commit', '-q', '-m', 'start').status).toBe(0);
  git('remote', 'add', 'origin', remote.path);
  expect(git('push', '-q', 'origin', 'main').status).toBe(0);
  if (!options.filter) git('config', '--unset', 'filter.ml-hooks.process');
  repo.write('nb.ipynb', NOTEBOOK);
  expect(runGit(repo.path, ['add', 'nb.ipynb'], { ML_HOOKS: '0' }).status).toBe(0);
  expect(git('commit', '-q', '--no-verify', '-m', 'raw').status).toBe(0);
  expect(git('show', 'HEAD:nb.ipynb').out).toBe(NOTEBOOK);
  return { repo, git, rawCommit: git('rev-parse', 'HEAD').out.trim() };
}

/** The indented command lines of the advice, run as printed (ml-hooks being the built CLI). */
function runSteps(repo: TestRepo, text: string): void {
  const steps = text.split('\n').filter((l) => /^ {2}(git|ml-hooks|mv|ML_HOOKS=0 git) /.test(l)).map((l) => l.trim());
  expect(steps.length).toBeGreaterThan(0);
  const script = `ml-hooks() { node "$CLI" "$@"; }\nset -e\n${steps.join('\n')}\n`;
  const r = spawnSync('bash', ['-c', script], { cwd: repo.path, env: { ...process.env, ...GIT_ENV, CLI, GIT_EDITOR: 'true' }, encoding: 'utf8' });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
}

/** Starts the advised `git rebase -i …`, marking the named commit "edit" as the advice says. */
function startAdvisedRebase(repo: TestRepo, text: string, commit: string): void {
  const rebase = /run `((?:cp [^`]+ && )?(?:ML_HOOKS=0 )?git rebase -i [^`]+)`, mark ([0-9a-f]{12}) "edit"/.exec(text)!;
  expect(rebase[2]).toBe(commit.slice(0, 12));
  const editor = `sed -i 's/^pick \\(${commit.slice(0, 7)}[0-9a-f]*\\)/edit \\1/'`;
  const r = spawnSync('bash', ['-c', rebase[1]!], { cwd: repo.path, env: { ...process.env, ...GIT_ENV, GIT_SEQUENCE_EDITOR: editor }, encoding: 'utf8' });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  expect(r.stderr).toContain(`Stopped at ${commit.slice(0, 7)}`);
}

const working = (repo: TestRepo): string => readFileSync(join(repo.path, 'nb.ipynb'), 'utf8');

/**
 * The working files hold what the index holds, once cleaned (git diff compares contents; git
 * status may still list a notebook put back with another size than it recorded, as git trusts
 * a size change with any clean filter, nbstripout's too, until the next git add).
 */
function expectNoWorkingChange(git: Git): void {
  expect(git('diff', '--no-textconv', '--name-only').out).toBe('');
}

function expectPushPasses(git: Git, branch: string): void {
  const push = git('push', 'origin', branch);
  expect(push.out).not.toMatch(/blocked|warning/);
  expect(push.status).toBe(0);
}

test('filter installed, the commit checked out: renormalize and amend; the working notebook keeps its bytes', () => {
  const { repo, git } = cloneWithRawNotebook({ filter: true });
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(
    'Restage it and amend the commit (your nb.ipynb keeps its outputs: the filter restages it stripped; edits to it since that commit go in too):\n' +
      '  git add --renormalize nb.ipynb && git commit --amend --no-edit\n',
  );
  expect(push.out).not.toContain('ml-hooks strip nb');
  runSteps(repo, push.out);
  expect(working(repo)).toBe(NOTEBOOK);
  expect(git('show', ':nb.ipynb').out).toBe(STRIPPED);
  expect(git('show', 'HEAD:nb.ipynb').out).toBe(STRIPPED);
  expect(git('status', '--porcelain').out).toBe('');
  expectPushPasses(git, 'main');
});

test('filter installed, an older commit: the advised interactive rebase fixes it, the working notebook keeps its bytes', () => {
  const { repo, git, rawCommit } = cloneWithRawNotebook({ filter: true });
  repo.write('notes.txt', 'later\n');
  git('add', 'notes.txt');
  expect(git('commit', '-q', '-m', 'later').status).toBe(0);
  // Saved again unchanged (as Jupyter does): git now looks at the file, strips it through the
  // filter, and sees it as changed; a plain `git rebase` would refuse to start.
  utimesSync(join(repo.path, 'nb.ipynb'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
  expect(git('status', '--porcelain').out).toBe(' M nb.ipynb\n');
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(
    `Strip it in that commit (a copy of your working nb.ipynb is put back at the end, and --autostash puts your other uncommitted work aside): run \`cp nb.ipynb nb.ipynb.ml-hooks-keep && ML_HOOKS=0 git rebase -i --autostash ${rawCommit.slice(0, 12)}~1 main\`, mark ${rawCommit.slice(0, 12)} "edit", then:\n` +
      '  ml-hooks strip nb.ipynb && git add nb.ipynb && git commit --amend --no-edit\n  ML_HOOKS=0 git rebase --continue\n  mv -f nb.ipynb.ml-hooks-keep nb.ipynb\n',
  );
  startAdvisedRebase(repo, push.out, rawCommit);
  runSteps(repo, push.out);
  expect(working(repo)).toBe(NOTEBOOK);
  expectNoWorkingChange(git);
  expect(git('show', 'HEAD~1:nb.ipynb').out).toBe(STRIPPED);
  expect(git('show', 'HEAD:nb.ipynb').out).toBe(STRIPPED);
  expect(git('log', '--format=%s', 'origin/main..HEAD').out).toBe('later\nraw\n');
  expectPushPasses(git, 'main');
});

test('the commit is the tip of a branch not checked out: the rebase names that branch, no amend of the wrong commit', () => {
  const { repo, git, rawCommit } = cloneWithRawNotebook({ filter: true });
  git('branch', '-q', 'topic');
  git('reset', '-q', '--hard', 'origin/main');
  const mainBefore = git('rev-parse', 'main').out;
  const push = git('push', 'origin', 'topic');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(`(--autostash puts your uncommitted work aside and gives it back at the end): run \`ML_HOOKS=0 git rebase -i --autostash ${rawCommit.slice(0, 12)}~1 topic\``);
  expect(push.out).not.toContain('ml-hooks-keep');
  expect(push.out).not.toContain('Restage it and amend');
  startAdvisedRebase(repo, push.out, rawCommit);
  runSteps(repo, push.out);
  expect(git('rev-parse', 'main').out).toBe(mainBefore);
  expect(git('show', 'topic:nb.ipynb').out).toBe(STRIPPED);
  expect(git('symbolic-ref', '--short', 'HEAD').out.trim()).toBe('topic');
  expectPushPasses(git, 'topic');
});

test('without the filter: the advice strips the file and says so; following it empties the outputs, as said', () => {
  const { repo, git } = cloneWithRawNotebook({ filter: false });
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(
    'Strip it and amend the commit (this removes the outputs from your working nb.ipynb too: the filter that would keep them is not set up for it in this clone; edits to it since that commit go in too):\n' +
      '  ml-hooks strip nb.ipynb && git add nb.ipynb && git commit --amend --no-edit\n',
  );
  runSteps(repo, push.out);
  expect(working(repo)).toBe(STRIPPED);
  expect(git('show', 'HEAD:nb.ipynb').out).toBe(STRIPPED);
  expectPushPasses(git, 'main');
});

test('check --history gives the same advice: amend when the commit is checked out, rebase when it is older', () => {
  const { repo, git, rawCommit } = cloneWithRawNotebook({ filter: true });
  const fixes = () => {
    const out = runCli(['check', '--format', 'json', '--history', 'origin/main..HEAD'], { cwd: repo.path });
    expect(out.status).toBe(1);
    return (JSON.parse(out.stdout) as { findings: { kind: string; fix: string }[] }).findings.filter((f) => f.kind === 'history-unstripped-notebook').map((f) => f.fix);
  };
  expect(fixes()).toEqual([
    'Restage it and amend the commit (your nb.ipynb keeps its outputs: the filter restages it stripped; edits to it since that commit go in too): git add --renormalize nb.ipynb && git commit --amend --no-edit',
  ]);
  repo.write('notes.txt', 'later\n');
  git('add', 'notes.txt');
  expect(git('commit', '-q', '-m', 'later').status).toBe(0);
  const short = rawCommit.slice(0, 12);
  expect(fixes()).toEqual([
    `Strip it in that commit (a copy of your working nb.ipynb is put back at the end, and --autostash puts your other uncommitted work aside): run \`cp nb.ipynb nb.ipynb.ml-hooks-keep && ML_HOOKS=0 git rebase -i --autostash ${short}~1\`, mark ${short} "edit", then: ml-hooks strip nb.ipynb && git add nb.ipynb && git commit --amend --no-edit && ML_HOOKS=0 git rebase --continue && mv -f nb.ipynb.ml-hooks-keep nb.ipynb`,
  ]);
});

test('an older commit while the notebook was run again since (other outputs): the advice gives the re-run notebook back byte for byte', () => {
  const { repo, git, rawCommit } = cloneWithRawNotebook({ filter: true });
  repo.write('notes.txt', 'later\n');
  git('add', 'notes.txt');
  expect(git('commit', '-q', '-m', 'later').status).toBe(0);
  const rerun = notebookWithOutputs(['a = 1\n', 'b = 2\n'], { executionCount: 7 });
  expect(stripped(rerun)).toBe(STRIPPED); // only the outputs differ from the committed notebook
  repo.write('nb.ipynb', rerun);
  repo.write('draft.txt', 'uncommitted\n');
  git('add', 'draft.txt');
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  startAdvisedRebase(repo, push.out, rawCommit);
  runSteps(repo, push.out);
  expect(working(repo)).toBe(rerun);
  expect(readFileSync(join(repo.path, 'draft.txt'), 'utf8')).toBe('uncommitted\n');
  expect(git('show', 'HEAD~1:nb.ipynb').out).toBe(STRIPPED);
  expect(git('diff', '--cached', '--name-only').out).toBe('draft.txt\n');
  expectNoWorkingChange(git);
  expectPushPasses(git, 'main');
});

test('a notebook committed before install (its commit has no .gitattributes): the advice strips it there, the working notebook keeps its bytes', () => {
  const remote = makeRepo({ bare: true });
  const repo = makeRepo();
  cleanups.push(remote.cleanup, repo.cleanup);
  const git: Git = (...args) => runGit(repo.path, args);
  repo.write('nb.ipynb', NOTEBOOK);
  git('add', 'nb.ipynb');
  expect(git('commit', '-q', '-m', 'raw, before ml-hooks').status).toBe(0);
  const rawCommit = git('rev-parse', 'HEAD').out.trim();
  git('remote', 'add', 'origin', remote.path);
  install(repo.path);
  git('add', '-A', '--', ':!nb.ipynb');
  expect(git('commit', '-q', '-m', 'ml-hooks').status).toBe(0);
  const push = git('push', 'origin', 'main');
  expect(push.status).not.toBe(0);
  expect(push.out).toContain(`mark ${rawCommit.slice(0, 12)} "edit"`);
  startAdvisedRebase(repo, push.out, rawCommit);
  runSteps(repo, push.out);
  expect(working(repo)).toBe(NOTEBOOK);
  expect(git('show', 'HEAD~1:nb.ipynb').out).toBe(STRIPPED);
  expectNoWorkingChange(git);
  expectPushPasses(git, 'main');
});

test('two notebooks committed unstripped in two older commits: each advice, followed as printed in turn, fixes its commit; both working notebooks keep their bytes', () => {
  const { repo, git } = cloneWithRawNotebook({ filter: true });
  const second = notebookWithOutputs(['c = 3\n'], { executionCount: 4 });
  repo.write('two.ipynb', second);
  expect(runGit(repo.path, ['add', 'two.ipynb'], { ML_HOOKS: '0' }).status).toBe(0);
  expect(git('commit', '-q', '--no-verify', '-m', 'raw two').status).toBe(0);
  repo.write('notes.txt', 'later\n');
  git('add', 'notes.txt');
  expect(git('commit', '-q', '-m', 'later').status).toBe(0);
  for (let round = 0; round < 2; round++) {
    const push = git('push', 'origin', 'main');
    expect(push.status).not.toBe(0);
    // the first notebook's advice (a fix rewrites the commits the other advice names: push again)
    const advice = push.out.split('\n\n').find((part) => part.includes('"edit"'))!;
    const commit = /mark ([0-9a-f]{12}) "edit"/.exec(advice)![1]!;
    startAdvisedRebase(repo, advice, git('rev-parse', commit).out.trim());
    runSteps(repo, advice);
  }
  expect(working(repo)).toBe(NOTEBOOK);
  expect(readFileSync(join(repo.path, 'two.ipynb'), 'utf8')).toBe(second);
  expect(git('show', 'HEAD:nb.ipynb').out).toBe(STRIPPED);
  expect(git('show', 'HEAD:two.ipynb').out).toBe(stripped(second));
  expectNoWorkingChange(git);
  expectPushPasses(git, 'main');
});
