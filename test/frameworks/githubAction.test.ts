// The GitHub Action: its entry point (dist/action.js of the release tag, as GitHub runs it) in a
// repository laid out as actions/checkout leaves it, with the variables GitHub sets and a sample
// event file; the workflow `install --ci` writes; the pure choice of the commits to scan.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeTempDir, NBSTRIPOUT_FIXTURES, REPO_ROOT, runCli } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { makeReleaseClone, type ReleaseClone } from '../helpers/releaseClone.js';
import { readmeRecipe } from '../helpers/readmeRecipe.js';
import { githubHistoryCandidates } from '../../src/check/githubHistoryRange.js';
import { renderTemplate } from '../../src/install/installCiTemplates.js';
import { VERSION } from '../../src/cli/version.js';

const ZERO = '0'.repeat(40);
// Fixed dates, so the commits (and the annotations naming them) are the same on every run.
const DATED = { ...GIT_ENV, GIT_AUTHOR_DATE: '2024-01-02T03:04:05Z', GIT_COMMITTER_DATE: '2024-01-02T03:04:05Z' };

let release: ReleaseClone;
let action: { path: string; cleanup: () => void };
let repo: TestRepo;
let base: string;
let tip: string;
const tmp = makeTempDir('ml-hooks-action-');

beforeAll(() => {
  // The action as GitHub fetches it: the files of the release tag.
  release = makeReleaseClone();
  action = makeTempDir('ml-hooks-action-at-tag-');
  const archive = spawnSync('git', ['archive', '--format=tar', release.tag], { cwd: release.path, maxBuffer: 1 << 28 });
  expect(spawnSync('tar', ['-x', '-C', action.path], { input: archive.stdout }).status).toBe(0);

  // A pull request: main has a README; the branch commits a notebook with its outputs and a
  // 2 MB model, then deletes the model again (the working tree no longer shows it).
  repo = makeRepo();
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo.path, env: { ...process.env, ...DATED }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };
  repo.write('README.md', '# churn model\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  base = git('rev-parse', 'HEAD');
  git('update-ref', 'refs/remotes/origin/main', base);
  git('checkout', '-q', '-b', 'feature');
  repo.write('analysis.ipynb', readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb')));
  repo.write('model.bin', Buffer.alloc(2_000_000, 0));
  git('add', '-A');
  git('commit', '-q', '-m', 'train');
  git('rm', '-q', 'model.bin');
  git('commit', '-q', '-m', 'model out');
  tip = git('rev-parse', 'HEAD');
}, 120_000);

afterAll(() => {
  release?.cleanup();
  action?.cleanup();
  repo?.cleanup();
  tmp.cleanup();
});

/** Runs the released action's entry in the checkout, with what GitHub sets for the job. */
function runAction(vars: Record<string, string>, event?: unknown): { status: number; stdout: string; stderr: string } {
  const eventPath = join(tmp.path, 'event.json');
  if (event !== undefined) writeFileSync(eventPath, JSON.stringify(event));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...GIT_ENV, GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: repo.path, ...(event !== undefined ? { GITHUB_EVENT_PATH: eventPath } : {}), ...vars };
  const r = spawnSync(process.execPath, [join(action.path, 'dist', 'action.js')], { cwd: repo.path, env, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const NOTEBOOK_ANNOTATION = '::error file=analysis.ipynb,line=12,title=Notebook not stripped::notebook has outputs or metadata that ml-hooks strips. Fix: ml-hooks strip analysis.ipynb';
const HISTORY_ANNOTATIONS = [
  '::error file=model.bin,title=Large file in history::2.0 MB committed in "train", over the 1.0 MB limit for binary files (the default max-binary-size; change it with guard.max-binary-size in .ml-hooks.json) (commit COMMIT). Fix: git lfs migrate import --include=model.bin (rewrites those commits), or reset and re-commit without it',
  '::error file=analysis.ipynb,title=Unstripped notebook in history::notebook committed without stripping in "train" (made with --no-verify, or before the hooks were installed) (commit COMMIT). Fix: Strip it in that commit (a copy of your working analysis.ipynb is put back at the end, and --autostash puts your other uncommitted work aside): run `cp analysis.ipynb analysis.ipynb.ml-hooks-keep && ML_HOOKS=0 git rebase -i --autostash COMMIT~1`, mark COMMIT "edit", then: ml-hooks strip analysis.ipynb && git add analysis.ipynb && git commit --amend --no-edit && ML_HOOKS=0 git rebase --continue && mv -f analysis.ipynb.ml-hooks-keep analysis.ipynb',
];
const historyAnnotations = () => {
  const train = spawnSync('git', ['rev-parse', '--short=12', `${tip}~1`], { cwd: repo.path, encoding: 'utf8' }).stdout.trim();
  return HISTORY_ANNOTATIONS.map((line) => line.replace(/COMMIT/g, train));
};

describe('the entry point, with the variables GitHub sets', () => {
  test('a pull request: the working tree and the commits base.sha..GITHUB_SHA, as annotations', () => {
    const r = runAction(
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature', GITHUB_SHA: tip, GITHUB_REF: 'refs/pull/7/merge' },
      { number: 7, pull_request: { number: 7, base: { ref: 'main', sha: base }, head: { ref: 'feature', sha: tip } } },
    );
    expect(r.stdout).toBe(
      [
        `ml-hooks: checking the working tree and the commits of pull request #7 (${base}..${tip})`,
        NOTEBOOK_ANNOTATION,
        ...historyAnnotations(),
        'ml-hooks check: 3 problems found, 8 files checked',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });

  test('a pull request whose event has no base sha: origin/GITHUB_BASE_REF is the base', () => {
    const r = runAction({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_SHA: tip }, { pull_request: { number: 7 } });
    expect(r.stdout.split('\n')[0]).toBe(`ml-hooks: checking the working tree and the commits of pull request #7 (origin/main..${tip})`);
    expect(r.stdout).toContain(historyAnnotations()[0]);
    expect(r.status).toBe(1);
  });

  test("a push: the event's before..after", () => {
    const r = runAction(
      { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: tip, GITHUB_REF: 'refs/heads/feature' },
      { ref: 'refs/heads/feature', before: base, after: tip, repository: { default_branch: 'main' } },
    );
    expect(r.stdout.split('\n')[0]).toBe(`ml-hooks: checking the working tree and the pushed commits (${base}..${tip})`);
    expect(r.stdout).toContain(historyAnnotations()[1]);
    expect(r.status).toBe(1);
  });

  test('the push of a new branch: what it adds to the default branch', () => {
    const r = runAction(
      { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: tip, GITHUB_REF: 'refs/heads/feature' },
      { ref: 'refs/heads/feature', before: ZERO, after: tip, repository: { default_branch: 'main' } },
    );
    expect(r.stdout.split('\n')[0]).toBe(`ml-hooks: checking the working tree and the commits of the new branch feature (origin/main..${tip})`);
    expect(r.stdout).toContain(historyAnnotations()[0]);
    expect(r.status).toBe(1);
  });

  test('commits missing from a shallow checkout: a warning with the fix, and the working tree is still checked', () => {
    const gone = 'f'.repeat(40);
    const r = runAction({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: tip, GITHUB_REF: 'refs/heads/feature' }, { before: gone, after: tip });
    expect(r.stdout).toBe(
      [
        `::warning title=ml-hooks::The commits ${gone}..${tip} are not in this checkout, so only the working tree was checked. Fix: set fetch-depth: 0 on actions/checkout.`,
        NOTEBOOK_ANNOTATION,
        'ml-hooks check: 1 problem found, 2 files checked',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(1);
  });

  test('the paths input limits the working-tree check; a run without commits (workflow_dispatch) checks the working tree', () => {
    const limited = runAction({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: tip, INPUT_PATHS: 'README.md' }, {});
    expect(limited.stdout).toBe(['ml-hooks: checking the working tree (a workflow_dispatch run has no pushed commits to scan)', 'ml-hooks check: 1 file checked, nothing to fix', ''].join('\n'));
    expect(limited.status).toBe(0);
    const whole = runAction({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: tip });
    expect(whole.stdout).toContain(NOTEBOOK_ANNOTATION);
    expect(whole.status).toBe(1);
  });

  test('an unreadable event file is a warning, not a crash', () => {
    writeFileSync(join(tmp.path, 'broken.json'), '{ not json');
    const r = runAction({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: tip, GITHUB_EVENT_PATH: join(tmp.path, 'broken.json'), INPUT_PATHS: 'README.md' });
    expect(r.stdout).toMatch(/^::warning title=ml-hooks::Could not read the event file .*broken\.json \(.*\), so only the working tree was checked\.\n/);
    expect(r.status).toBe(0);
  });
});

describe('action.yml and the workflow install --ci writes', () => {
  test('action.yml runs dist/action.js on the runner\'s node, and the release tag holds it', () => {
    const manifest = parse(readFileSync(join(action.path, 'action.yml'), 'utf8')) as { runs: { using: string; main: string }; inputs: Record<string, unknown> };
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(Object.keys(manifest.inputs)).toEqual(['paths']);
    expect(readFileSync(join(action.path, 'dist', 'action.js'), 'utf8')).toContain("await import(\"./cli.js\")");
    expect(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')).toBe(readFileSync(join(action.path, 'action.yml'), 'utf8'));
  });

  test('the workflow uses the action at this version, with the full history; the README shows it as written', () => {
    const project = makeRepo();
    try {
      expect(runCli(['install', '--ci'], { cwd: project.path }).status).toBe(0);
      const text = readFileSync(join(project.path, '.github', 'workflows', 'ml-hooks.yml'), 'utf8');
      const workflow = parse(text) as { jobs: { check: { steps: { uses?: string; with?: Record<string, unknown> }[] } } };
      const steps = workflow.jobs.check.steps;
      expect(steps.map((s) => s.uses)).toEqual(['actions/checkout@v4', `ml-hooks/ml-hooks@v${VERSION}`]);
      expect(steps[0]!.with).toEqual({ 'fetch-depth': 0 });
      expect(`v${VERSION}`).toBe(release.tag); // the tag the release step makes
      expect(readmeRecipe('github-workflow')).toBe(renderTemplate(readFileSync(join(REPO_ROOT, 'templates', 'github-workflow.yml'), 'utf8'), VERSION));
      expect(text).toBe(renderTemplate(readFileSync(join(REPO_ROOT, 'templates', 'github-workflow.yml'), 'utf8'), VERSION));
    } finally {
      project.cleanup();
    }
  });
});

describe('which commits a run scans (pure)', () => {
  const sha = 'a'.repeat(40);
  test('pull requests: the base sha, then origin/base ref', () => {
    expect(githubHistoryCandidates({ eventName: 'pull_request', sha, ref: 'refs/pull/3/merge', baseRef: 'dev', event: { pull_request: { number: 3, base: { sha: 'b'.repeat(40), ref: 'dev' } } } })).toEqual([
      { range: `${'b'.repeat(40)}..${sha}`, needs: ['b'.repeat(40), sha], what: 'the commits of pull request #3' },
      { range: `origin/dev..${sha}`, needs: ['origin/dev', sha], what: 'the commits of pull request #3' },
    ]);
  });
  test('the first push of the default branch scans its whole history; other events scan none', () => {
    expect(githubHistoryCandidates({ eventName: 'push', sha, ref: 'refs/heads/main', baseRef: undefined, event: { before: ZERO, after: sha, repository: { default_branch: 'main' } } })).toEqual([
      { range: sha, needs: [sha], what: 'every commit of main (its first push)' },
    ]);
    expect(githubHistoryCandidates({ eventName: 'schedule', sha, ref: 'refs/heads/main', baseRef: undefined, event: {} })).toEqual([]);
    expect(githubHistoryCandidates({ eventName: 'push', sha: undefined, ref: undefined, baseRef: undefined, event: {} })).toEqual([]);
  });
});


