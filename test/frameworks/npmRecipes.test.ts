// The README recipes that get ml-hooks through npm, run as written: husky + lint-staged (a second
// clone runs `npm ci` and commits right away with the hooks active), plain git, and the GitLab CI
// job. ml-hooks comes from this checkout's packed tarball in place of the registry's; husky and
// lint-staged come from the npm registry, through one npm cache for this test run.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeTempDir, NBSTRIPOUT_FIXTURES, REPO_ROOT } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { readmeRecipe } from '../helpers/readmeRecipe.js';
import { VERSION } from '../../src/cli/version.js';

const WITH_OUTPUTS = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb'), 'utf8');
const NBSTRIPOUT_WROTE = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb.expected'), 'utf8');

const tmp = makeTempDir('ml-hooks-npm-recipes-');
const npmCache = join(tmp.path, 'npm-cache');
let tarball: string;
const cleanups: (() => void)[] = [];

beforeAll(() => {
  // dist/ is built by `npm test` before the tests run: pack it as it is.
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.path], { cwd: REPO_ROOT, env: npmEnv(), encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  tarball = join(tmp.path, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
}, 120_000);
afterAll(() => {
  for (const c of cleanups) c();
  tmp.cleanup();
});

/**
 * What a developer's shell has: no CI variable (CI runs this suite with CI=true, and `install
 * --quiet` rightly does nothing in CI), npm's cache for this run, no npm chatter.
 */
function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, npm_config_cache: npmCache, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1', ...extra };
  for (const key of ['CI', 'HUSKY', 'GITHUB_ACTIONS', 'ML_HOOKS']) if (!(key in extra)) delete env[key];
  return env;
}

function sh(cwd: string, script: string, extra: NodeJS.ProcessEnv = {}): { status: number; out: string } {
  const r = spawnSync('sh', ['-ec', script], { cwd, env: npmEnv(extra), encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, out: r.stdout + r.stderr };
}

/** What a command printed besides npm's own banner for the prepare script (`> husky && ml-hooks install --quiet`). */
const printed = (out: string): string => out.split('\n').filter((line) => !line.startsWith('> ')).join('\n');

function repo(): TestRepo {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r;
}
function clone(from: string): string {
  const dir = makeTempDir('ml-hooks-clone-');
  cleanups.push(dir.cleanup);
  const r = spawnSync('git', ['clone', '-q', from, dir.path], { env: npmEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  spawnSync('git', ['config', 'commit.gpgSign', 'false'], { cwd: dir.path });
  return dir.path;
}
const git = (cwd: string, ...args: string[]): string => {
  const r = spawnSync('git', args, { cwd, env: npmEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

describe('husky and lint-staged', () => {
  let author: TestRepo;
  let setup: { status: number; out: string };

  beforeAll(() => {
    // A project that already runs lint-staged on its text files (the task records what it got).
    author = repo();
    author.write('package.json', JSON.stringify({ name: 'churn-model', version: '1.0.0', private: true, 'lint-staged': { '*.txt': 'node record-lint.cjs' } }, null, 2) + '\n');
    author.write('record-lint.cjs', "require('fs').appendFileSync('lint-staged.log', process.argv.slice(2).map((p) => require('path').basename(p)).join(' ') + '\\n');\n");
    author.write('.gitignore', 'node_modules/\nlint-staged.log\n');
    author.git('add', '-A');
    author.git('commit', '-q', '-m', 'project with lint-staged');
    // The registry's ml-hooks is this checkout's tarball; husky 9 and lint-staged 16 (lint-staged 17 needs node 22).
    const recipe = readmeRecipe('husky-setup').replace('npm install --save-dev husky lint-staged ml-hooks', `npm install --save-dev husky@9 lint-staged@16 ${tarball}`);
    expect(recipe).toContain(tarball);
    setup = sh(author.path, recipe);
  }, 300_000);

  test("the setup recipe commits husky's hooks with the ml-hooks block after lint-staged", () => {
    expect(setup.out).toContain('added the ml-hooks command to .husky/pre-commit');
    expect(setup.status).toBe(0);
    const hook = readFileSync(join(author.path, '.husky', 'pre-commit'), 'utf8');
    expect(hook.startsWith('npx lint-staged\n# >>> ml-hooks')).toBe(true);
    expect(JSON.parse(readFileSync(join(author.path, 'package.json'), 'utf8')).scripts.prepare).toBe('husky && ml-hooks install --quiet');
    expect(git(author.path, 'ls-files').split('\n')).toEqual(expect.arrayContaining(['.husky/pre-commit', '.husky/pre-push', '.gitattributes', '.ml-hooks.json', 'package-lock.json']));
    expect(git(author.path, 'status', '--porcelain')).toBe('');
  });

  test('a teammate clones, runs npm ci, and commits right away with the hooks active', () => {
    const mate = clone(author.path);
    const ci = sh(mate, readmeRecipe('husky-teammate'));
    expect(ci.status).toBe(0);
    expect(ci.out).toContain('> husky && ml-hooks install --quiet');
    expect(printed(ci.out)).not.toContain('ml-hooks'); // quiet
    expect(git(mate, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(existsSync(join(mate, '.git', 'ml-hooks', 'run'))).toBe(true);

    const write = (path: string, text: string) => spawnSync('sh', ['-c', 'cat > "$1"', 'sh', path], { cwd: mate, input: text });
    write('analysis.ipynb', WITH_OUTPUTS);
    write('notes.txt', 'baseline churn is 4%\n');
    git(mate, 'add', 'analysis.ipynb', 'notes.txt');
    const commit = spawnSync('git', ['commit', '-m', 'analysis'], { cwd: mate, env: npmEnv(), encoding: 'utf8' });
    expect(commit.stderr).not.toContain('not installed in this clone');
    expect(commit.status).toBe(0);
    expect(git(mate, 'show', 'HEAD:analysis.ipynb')).toBe(NBSTRIPOUT_WROTE); // stripped by the ml-hooks block
    expect(readFileSync(join(mate, 'analysis.ipynb'), 'utf8')).toBe(WITH_OUTPUTS); // outputs kept on disk
    expect(readFileSync(join(mate, 'lint-staged.log'), 'utf8')).toBe('notes.txt\n'); // lint-staged ran first, on its files only

    // npm ci again (or npm install): nothing printed, nothing changed
    const again = sh(mate, 'npm ci');
    expect(again.status).toBe(0);
    expect(printed(again.out)).not.toContain('ml-hooks');
    expect(git(mate, 'status', '--porcelain')).toBe('');
  }, 300_000);

  test('npm ci in CI, or where there is no git work tree, leaves the hooks alone and succeeds', () => {
    const ciClone = clone(author.path);
    const inCi = sh(ciClone, 'npm ci', { CI: 'true' });
    expect(inCi.status).toBe(0);
    expect(printed(inCi.out)).not.toContain('ml-hooks');
    expect(existsSync(join(ciClone, '.git', 'ml-hooks'))).toBe(false);

    // an exported copy (a Docker build context): no .git at all
    const exported = makeTempDir('ml-hooks-export-');
    cleanups.push(exported.cleanup);
    const archive = spawnSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: author.path, maxBuffer: 1 << 26 });
    expect(spawnSync('tar', ['-x', '-C', exported.path], { input: archive.stdout }).status).toBe(0);
    const noGit = sh(exported.path, 'npm ci');
    expect(noGit.status).toBe(0);
    expect(printed(noGit.out)).not.toContain('ml-hooks');
    expect(existsSync(join(exported.path, '.git'))).toBe(false);
  }, 300_000);
});

test('plain git: the recipe sets up the repository with npx, and commits store notebooks stripped', () => {
  const project = repo();
  project.write('analysis.ipynb', WITH_OUTPUTS);
  const recipe = readmeRecipe('plain-git').replace('npx ml-hooks install', `npx --yes --package ${tarball} -- ml-hooks install`);
  const r = sh(project.path, `${recipe}git add analysis.ipynb\ngit commit -q -m analysis\n`);
  expect(r.status).toBe(0);
  expect(project.git('log', '--format=%s')).toBe('analysis\nStrip notebooks, pair them and guard large files with ml-hooks\n');
  expect(project.git('show', 'HEAD:analysis.ipynb')).toBe(NBSTRIPOUT_WROTE);
  expect(readFileSync(join(project.path, 'analysis.ipynb'), 'utf8')).toBe(WITH_OUTPUTS);
}, 120_000);

describe('the GitLab CI job', () => {
  const job = () => (parse(readmeRecipe('gitlab-ci')) as { 'ml-hooks': { image: string; variables: Record<string, string>; script: string[] } })['ml-hooks'];
  let project: TestRepo;
  let base: string;

  beforeAll(() => {
    project = repo();
    project.write('README.md', '# churn\n');
    project.git('add', '-A');
    project.git('commit', '-q', '-m', 'start');
    base = project.git('rev-parse', 'HEAD').trim();
    project.write('analysis.ipynb', WITH_OUTPUTS);
    project.git('add', '-A');
    project.git('commit', '-q', '-m', 'with outputs');
    project.write('analysis.ipynb', NBSTRIPOUT_WROTE); // stripped since, in the working tree
    project.git('commit', '-q', '-am', 'stripped');
  });

  /** The job's script as GitLab's runner runs it, npx fetching ml-hooks@VERSION from our tarball. */
  const runJob = (vars: Record<string, string>) => {
    const { script, variables } = job();
    expect(variables.GIT_DEPTH).toBe('0');
    const lines = script.join('\n').replaceAll(`npx --yes ml-hooks@${VERSION}`, `npx --yes --package ${tarball} -- ml-hooks`);
    return sh(project.path, lines, vars);
  };

  test('in a merge request it checks the commits since the merge base: a notebook committed with outputs fails the job', () => {
    expect(job().image).toBe('node:20');
    const r = runJob({ CI_MERGE_REQUEST_DIFF_BASE_SHA: base, CI_COMMIT_BEFORE_SHA: '0'.repeat(40) });
    expect(r.status).toBe(1);
    expect(r.out).toContain('analysis.ipynb');
    expect(r.out).toContain('notebook committed without stripping in "with outputs"');
    expect(r.out).toContain('ml-hooks check: 1 problem found');
  }, 120_000);

  test('on a new branch (before is all zeros) it checks the working tree', () => {
    const r = runJob({ CI_COMMIT_BEFORE_SHA: '0'.repeat(40) });
    expect(r.out).toContain('ml-hooks check:');
    expect(r.out).toContain('nothing to fix');
    expect(r.status).toBe(0);
  }, 120_000);
});
