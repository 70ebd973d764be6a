// ml-hooks install / uninstall / status over what a repository already has.
import { describe, test, expect, afterEach } from '@jest/globals';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { makeTempDir, REPO_ROOT, runCli } from '../helpers/cli.js';
import { install, notebookWithOutputs, stripped, tryGit, MINIMAL_ENV } from './installedRepo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const newRepo = (): TestRepo => {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r;
};

/** Every file under `dir` with its bytes and mode, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isFile()) out[name] = `${(st.mode & 0o777).toString(8)} ${readFileSync(path, 'base64')}`;
  }
  return out;
}

function commitNotebook(repo: TestRepo, env?: NodeJS.ProcessEnv, cwd = repo.path): { text: string; result: ReturnType<typeof tryGit> } {
  const text = notebookWithOutputs([`v = ${Math.random()}\n`]);
  writeFileSync(join(cwd, 'nb.ipynb'), text);
  tryGit(cwd, ['add', '-A'], env);
  return { text, result: tryGit(cwd, ['commit', '-m', 'nb'], env) };
}

test('over a foreign pre-commit hook: both run; uninstall restores it byte for byte; install twice changes nothing', () => {
  const repo = newRepo();
  const marker = join(repo.path, '.git', 'foreign-ran');
  const foreign = `#!/bin/sh\n# my team's hook\necho ran >> "${marker}"\n`;
  repo.write('.git/hooks/pre-commit', foreign);
  chmodSync(join(repo.path, '.git/hooks/pre-commit'), 0o750);
  const hooksBefore = snapshot(join(repo.path, '.git', 'hooks'));
  const configBefore = readFileSync(join(repo.path, '.git', 'config'), 'utf8');

  expect(install(repo.path)).toContain('kept as .git/hooks/pre-commit.ml-hooks-chained');
  const afterFirst = { hooks: snapshot(join(repo.path, '.git', 'hooks')), config: readFileSync(join(repo.path, '.git', 'config'), 'utf8'), attrs: readFileSync(join(repo.path, '.gitattributes'), 'utf8') };
  expect(install(repo.path)).toBe('ml-hooks is already installed here; nothing changed.\n');
  expect({ hooks: snapshot(join(repo.path, '.git', 'hooks')), config: readFileSync(join(repo.path, '.git', 'config'), 'utf8'), attrs: readFileSync(join(repo.path, '.gitattributes'), 'utf8') }).toEqual(afterFirst);
  expect(afterFirst.attrs).toBe('*.ipynb filter=ml-hooks diff=ml-hooks merge=ml-hooks\n');
  // The merge driver is registered with git's placeholders, and the attribute routes notebooks to it.
  expect(repo.git('config', '--get', 'merge.ml-hooks.driver')).toContain('merge --marker-size %L --path %P --base-name %S --ours-name %X --theirs-name %Y %O %A %B');
  expect(repo.git('check-attr', 'merge', 'diff', '--', 'a/nb.ipynb')).toBe('a/nb.ipynb: merge: ml-hooks\na/nb.ipynb: diff: ml-hooks\n');

  const { text, result } = commitNotebook(repo);
  expect(result.status).toBe(0);
  expect(readFileSync(marker, 'utf8')).toBe('ran\n');
  expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(stripped(text));

  const out = runCli(['uninstall'], { cwd: repo.path });
  expect(out.status).toBe(0);
  expect(snapshot(join(repo.path, '.git', 'hooks'))).toEqual(hooksBefore);
  expect(readFileSync(join(repo.path, '.git', 'config'), 'utf8')).toBe(configBefore);
  expect(existsSync(join(repo.path, '.git', 'ml-hooks'))).toBe(false);
  // .gitattributes was committed: the project's file, left byte for byte (uninstall is per clone)
  expect(readFileSync(join(repo.path, '.gitattributes'), 'utf8')).toBe(afterFirst.attrs);
  expect(out.stdout).toContain('note: .gitattributes is tracked by git, so it was left as it is');
  // (nb.ipynb may show modified now: without the filter, its outputs are a change)
  expect(repo.git('status', '--porcelain', '--', '.gitattributes')).toBe('');
});

test('husky (core.hooksPath .husky/_): our command is added to .husky files, both run, uninstall restores them', () => {
  const repo = newRepo();
  // A stand-in for husky 9's layout: .husky/_/<hook> sources .husky/_/h, which runs .husky/<hook>.
  repo.write('.husky/_/h', '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n');
  for (const hook of ['pre-commit', 'pre-push']) {
    repo.write(`.husky/_/${hook}`, '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
    chmodSync(join(repo.path, `.husky/_/${hook}`), 0o755);
  }
  const userHook = 'echo husky-user-hook >> .git/husky-ran\n';
  repo.write('.husky/pre-commit', userHook);
  repo.git('config', 'core.hooksPath', '.husky/_');
  const huskyBefore = snapshot(join(repo.path, '.husky'));

  const out = install(repo.path);
  expect(out).toContain('added the ml-hooks command to .husky/pre-commit');
  expect(readFileSync(join(repo.path, '.husky/pre-commit'), 'utf8')).not.toMatch(/\/tmp\/|\/usr\//); // no absolute path in a committed file
  expect(existsSync(join(repo.path, '.git/hooks/pre-commit'))).toBe(false);
  expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_\n');
  repo.git('config', '--unset', 'filter.ml-hooks.process'); // prove the hook (not the filter) strips
  repo.git('config', '--unset', 'filter.ml-hooks.required');
  const { text, result } = commitNotebook(repo, { ...MINIMAL_ENV });
  expect(result.stderr).toContain('stripped outputs');
  expect(result.status).toBe(0);
  expect(readFileSync(join(repo.path, '.git/husky-ran'), 'utf8')).toBe('husky-user-hook\n');
  expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(stripped(text));

  // A husky folder only this clone has (never committed) gets its bytes back; a committed one is
  // the project's (test/cotools/huskyLintStaged.test.ts).
  repo.git('rm', '-r', '-q', '--cached', '.husky');
  repo.git('commit', '-q', '-m', 'husky is not shared');
  expect(runCli(['uninstall'], { cwd: repo.path }).status).toBe(0);
  expect(snapshot(join(repo.path, '.husky'))).toEqual(huskyBefore);
});

test('after git lfs install: lfs pre-push still runs and uploads; uninstall restores the lfs hooks byte for byte', () => {
  const repo = newRepo();
  const remote = makeRepo({ bare: true });
  cleanups.push(remote.cleanup);
  repo.git('lfs', 'install', '--local');
  const hooksBefore = snapshot(join(repo.path, '.git', 'hooks'));
  install(repo.path);
  expect(readFileSync(join(repo.path, '.git/hooks/pre-push.ml-hooks-chained'), 'utf8')).toContain('git lfs pre-push');
  repo.git('lfs', 'track', '*.bin');
  repo.write('weights.bin', Buffer.alloc(2000, 7));
  const { result } = commitNotebook(repo);
  expect(result.status).toBe(0);
  expect(repo.git('show', 'HEAD:weights.bin')).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1/);
  repo.git('remote', 'add', 'origin', remote.path);
  const push = tryGit(repo.path, ['push', '-q', 'origin', 'main'], { ...process.env, ...MINIMAL_ENV });
  expect(push.status).toBe(0);
  expect(readdirSync(join(remote.path, 'lfs', 'objects')).length).toBeGreaterThan(0);

  expect(runCli(['uninstall'], { cwd: repo.path }).status).toBe(0);
  expect(snapshot(join(repo.path, '.git', 'hooks'))).toEqual(hooksBefore);
});

test('worktree and submodule: the hooks run there', () => {
  const repo = newRepo();
  repo.write('README', 'x\n');
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');
  install(repo.path);
  // a linked worktree shares the hooks and the per-clone program
  const wtDir = makeTempDir('ml-hooks-wt-');
  cleanups.push(wtDir.cleanup);
  const wt = join(wtDir.path, 'wt');
  repo.git('worktree', 'add', '-q', '-b', 'side', wt);
  repo.git('config', '--unset', 'filter.ml-hooks.process');
  repo.git('config', '--unset', 'filter.ml-hooks.required');
  const inWt = commitNotebook(repo, undefined, wt);
  expect(inWt.result.stderr).toContain('stripped outputs');
  expect(tryGit(wt, ['show', 'HEAD:nb.ipynb']).stdout).toBe(stripped(inWt.text));

  // a submodule has its own git dir (.git/modules/sub) and its own hooks
  const sub = newRepo();
  sub.write('README', 'sub\n');
  sub.git('add', '-A');
  sub.git('commit', '-q', '-m', 'sub');
  repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.path, 'sub');
  const subDir = join(repo.path, 'sub');
  expect(readFileSync(join(subDir, '.git'), 'utf8')).toMatch(/^gitdir: /);
  tryGit(subDir, ['config', 'user.name', 'T']);
  tryGit(subDir, ['config', 'user.email', 't@e']);
  install(subDir);
  expect(existsSync(join(repo.path, '.git/modules/sub/hooks/pre-commit'))).toBe(true);
  const inSub = commitNotebook(repo, undefined, subDir);
  expect(inSub.result.status).toBe(0);
  expect(tryGit(subDir, ['show', 'HEAD:nb.ipynb']).stdout).toBe(stripped(inSub.text));
  expect(tryGit(subDir, ['status', '--porcelain']).stdout).toBe('');
});

test('hooks keep working when the package they were installed from is gone (npx cache cleared)', () => {
  const repo = newRepo();
  const cache = makeTempDir('ml-hooks-npx-');
  cleanups.push(cache.cleanup);
  const pkg = join(cache.path, 'node_modules', 'ml-hooks');
  mkdirSync(pkg, { recursive: true });
  for (const part of ['dist', 'hooks', 'templates', 'package.json']) cpSync(join(REPO_ROOT, part), join(pkg, part), { recursive: true });
  const r = spawnSync(process.execPath, [join(pkg, 'dist', 'cli.js'), 'install'], { cwd: repo.path, encoding: 'utf8' });
  expect(r.status).toBe(0);
  rmSync(cache.path, { recursive: true, force: true });
  const { text, result } = commitNotebook(repo, { ...MINIMAL_ENV });
  expect(result.status).toBe(0);
  expect(repo.git('show', 'HEAD:nb.ipynb')).toBe(stripped(text));
  expect(runCli(['status'], { cwd: repo.path }).status).toBe(0);
});

test('the runner uses the node recorded at install without any PATH, and says how to fix it when node is gone', () => {
  const repo = newRepo();
  install(repo.path);
  const run = join(repo.path, '.git', 'ml-hooks', 'run');
  const ok = spawnSync('/bin/sh', [run, '--version'], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
  expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  writeFileSync(run, readFileSync(run, 'utf8').replace(/^recorded_node=.*$/m, "recorded_node='/gone/bin/node'"));
  const broken = spawnSync('/bin/sh', [run, '--version'], { env: { PATH: '/nonexistent', HOME: '/nonexistent' }, encoding: 'utf8' });
  expect(broken.status).toBe(1);
  expect(broken.stderr).toBe('ml-hooks: cannot find node (it was /gone/bin/node at install time). Run `npx ml-hooks install` again where node works, or skip once with ML_HOOKS=0.\n');
});

test('status says what is installed and what is broken, with the fix', () => {
  const repo = newRepo();
  const before = runCli(['status'], { cwd: repo.path });
  expect(before.status).toBe(1);
  expect(before.stdout).toMatch(/BROKEN\s+pre-commit\s+\.git\/hooks\/pre-commit is missing\n\s+fix: npx ml-hooks install/);
  install(repo.path);
  const after = runCli(['status'], { cwd: repo.path });
  expect(after.status).toBe(0);
  expect(after.stdout).toMatch(/ok\s+program\s+\S+node running \.git\/ml-hooks\/pkg\/dist\/cli\.js \(ml-hooks \d/);
  expect(after.stdout).toMatch(/ok\s+merge\.ml-hooks\.driver\s+r="\$\(git rev-parse --git-common-dir\)\/ml-hooks\/run"; /);
  expect(after.stdout).toMatch(/ok\s+attributes\s+\*\.ipynb use filter=ml-hooks diff=ml-hooks merge=ml-hooks/);
  repo.git('config', '--unset', 'merge.ml-hooks.driver');
  const noDriver = runCli(['status'], { cwd: repo.path });
  expect(noDriver.status).toBe(1);
  expect(noDriver.stdout).toMatch(/BROKEN\s+merge\.ml-hooks\.driver\s+not set\n\s+fix: npx ml-hooks install/);
  install(repo.path);
  rmSync(join(repo.path, '.git/hooks/pre-push'));
  const broken = runCli(['status'], { cwd: repo.path });
  expect(broken.status).toBe(1);
  expect(broken.stdout).toMatch(/BROKEN\s+pre-push/);
});

test('a hook whose program is missing blocks with one line saying how to fix or skip; git itself keeps working', () => {
  const repo = newRepo();
  install(repo.path);
  repo.write('nb.ipynb', notebookWithOutputs(['q = 0\n']));
  repo.git('add', 'nb.ipynb');
  repo.git('commit', '-q', '-m', 'first');
  rmSync(join(repo.path, '.git', 'ml-hooks'), { recursive: true });
  // the filter cannot run: git passes notebooks through instead of dying (the commit hook says why)
  const text = notebookWithOutputs(['q = 1\n']);
  repo.write('nb.ipynb', text);
  const add = tryGit(repo.path, ['add', 'nb.ipynb']);
  expect(add.status).toBe(0);
  expect(add.stderr).toBe('');
  expect(repo.git('cat-file', 'blob', ':nb.ipynb')).toBe(text);
  // checkout still writes files
  repo.git('stash', '-q');
  expect(tryGit(repo.path, ['checkout', '-q', 'HEAD', '--', 'nb.ipynb']).status).toBe(0);
  repo.git('stash', 'pop', '-q');
  expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(text);
  // the commit hook stops the unstripped notebook, with the fix
  repo.git('add', 'nb.ipynb');
  const commit = tryGit(repo.path, ['commit', '-m', 'x']);
  expect(commit.status).toBe(1);
  expect(commit.stderr).toMatch(/^ml-hooks: the pre-commit hook cannot run: .*ml-hooks\/run is missing\. Run `npx ml-hooks install` again, or skip once with ML_HOOKS=0\.\n$/m);
  expect(tryGit(repo.path, ['commit', '-q', '-m', 'skip'], { ...process.env, ML_HOOKS: '0' }).status).toBe(0);
});

test('without node, checkout, diff and add still work (files pass through), and the commit stops with the reason', () => {
  const repo = newRepo();
  install(repo.path);
  const one = notebookWithOutputs(['a = 1\n']);
  repo.write('nb.ipynb', one);
  repo.git('add', 'nb.ipynb');
  repo.git('commit', '-q', '-m', 'one');
  repo.git('checkout', '-q', '-b', 'two');
  repo.write('nb.ipynb', notebookWithOutputs(['a = 2\n']));
  repo.git('commit', '-q', '-am', 'two');
  // An older mtime, recorded in the index: git then trusts the file's stat and need not run the
  // clean filter to see that nothing changed (a file written in the same second as the index is
  // "racily clean", and without a filter its outputs would count as local changes).
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(repo.path, 'nb.ipynb'), past, past);
  repo.git('update-index', '--refresh');
  // a PATH with git and a shell but no node, and a recorded node that no longer exists
  const bin = makeTempDir('ml-hooks-nonode-');
  cleanups.push(bin.cleanup);
  for (const tool of ['git', 'sh', 'cat']) symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), join(bin.path, tool));
  const runner = join(repo.path, '.git', 'ml-hooks', 'run');
  writeFileSync(runner, readFileSync(runner, 'utf8').replace(/^recorded_node=.*$/m, 'recorded_node=/nonexistent/node'));
  const env = { ...MINIMAL_ENV, PATH: bin.path };
  const checkout = tryGit(repo.path, ['checkout', '-q', 'main'], env);
  expect(checkout.status).toBe(0);
  expect(checkout.stderr).toContain('ml-hooks: node or the ml-hooks program is missing, so notebooks pass through the filter unstripped.');
  expect(repo.git('cat-file', 'blob', ':nb.ipynb')).toBe(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8'));
  expect(tryGit(repo.path, ['diff', 'two', '--', 'nb.ipynb'], env).status).toBe(0);
  repo.write('other.txt', 'x\n');
  expect(tryGit(repo.path, ['add', 'other.txt'], env).status).toBe(0);
  const commit = tryGit(repo.path, ['commit', '-m', 'x'], env);
  expect(commit.status).toBe(1);
  expect(commit.stderr).toContain('ml-hooks: cannot find node (it was /nonexistent/node at install time).');
});

test('with a pyproject.toml: the commented template is appended, valid, and uninstall restores the file; pre-commit users get the snippet', () => {
  const repo = newRepo();
  const pyproject = '[project]\nname = "model"\nversion = "0.1"'; // no trailing newline
  repo.write('pyproject.toml', pyproject);
  repo.write('.pre-commit-config.yaml', 'repos: []\n');
  const out = install(repo.path);
  expect(out).toContain('wrote a commented default configuration to pyproject.toml [tool.ml-hooks]');
  expect(out).toContain('- id: ml-hooks-strip');
  const written = readFileSync(join(repo.path, 'pyproject.toml'), 'utf8');
  expect(written.startsWith(`${pyproject}\n`)).toBe(true);
  expect(written).toContain('[tool.ml-hooks.guard]');
  // the template is valid configuration (status loads it without errors)
  const status = runCli(['status'], { cwd: repo.path });
  expect(status.stdout).toMatch(/ok\s+configuration\s+from pyproject\.toml/);
  expect(install(repo.path)).toContain('nothing changed');
  expect(runCli(['uninstall'], { cwd: repo.path }).status).toBe(0);
  expect(readFileSync(join(repo.path, 'pyproject.toml'), 'utf8')).toBe(pyproject);
});

describe('uninstall is per clone: files git tracks are the project\'s', () => {
  const NOTE_TAIL = 'is tracked by git, so it was left as it is: uninstall changes only this clone, and changing a committed file would take ml-hooks away from everyone at the next commit.\n';
  test('the README\'s plain-git recipe (install, commit .gitattributes and .ml-hooks.json), then uninstall: both stay byte for byte, with the commands that remove them for everyone', () => {
    const repo = newRepo();
    install(repo.path);
    repo.git('add', '.gitattributes', '.ml-hooks.json');
    repo.git('commit', '-q', '-m', 'ml-hooks for the team');
    const attrs = readFileSync(join(repo.path, '.gitattributes'));
    const config = readFileSync(join(repo.path, '.ml-hooks.json'));
    const out = runCli(['uninstall'], { cwd: repo.path });
    expect(out.status).toBe(0);
    expect(readFileSync(join(repo.path, '.gitattributes'))).toEqual(attrs);
    expect(readFileSync(join(repo.path, '.ml-hooks.json'))).toEqual(config);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(out.stdout).toContain(
      `note: .gitattributes ${NOTE_TAIL}  To stop using ml-hooks in the whole project: git rm .gitattributes && git commit -m 'Stop using ml-hooks'\n` +
        `note: .ml-hooks.json ${NOTE_TAIL}  To stop using ml-hooks in the whole project: git rm .ml-hooks.json && git commit -m 'Stop using ml-hooks'\n`,
    );
    expect(existsSync(join(repo.path, '.git', 'ml-hooks'))).toBe(false);
    expect(tryGit(repo.path, ['config', '--local', '--get-regexp', 'ml-hooks']).stdout).toBe('');
  });

  test('a teammate\'s committed files (this clone\'s install wrote nothing there) are named too; an edited .gitattributes gets the line to delete', () => {
    const repo = newRepo();
    repo.write('.gitattributes', '*.csv -diff\n*.ipynb filter=ml-hooks diff=ml-hooks merge=ml-hooks\n');
    repo.write('pyproject.toml', '[project]\nname = "m"\n\n[tool.ml-hooks]\nexclude = ["data/**"]\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'team setup');
    expect(install(repo.path)).not.toContain('.gitattributes');
    const out = runCli(['uninstall'], { cwd: repo.path });
    expect(out.status).toBe(0);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(out.stdout).toContain(
      `note: .gitattributes ${NOTE_TAIL}  To stop using ml-hooks in the whole project: delete the line "*.ipynb filter=ml-hooks diff=ml-hooks merge=ml-hooks" from .gitattributes, then git commit .gitattributes -m 'Stop using ml-hooks'\n` +
        `note: pyproject.toml ${NOTE_TAIL}  To stop using ml-hooks in the whole project: delete the [tool.ml-hooks] tables from pyproject.toml, then git commit pyproject.toml -m 'Stop using ml-hooks'\n`,
    );
  });

  test('staged counts as tracked; files install created that git does not track are removed (only this clone has them)', () => {
    const staged = newRepo();
    install(staged.path);
    staged.git('add', '.ml-hooks.json');
    const out = runCli(['uninstall'], { cwd: staged.path });
    expect(out.stdout).toContain(`note: .ml-hooks.json ${NOTE_TAIL}`);
    expect(out.stdout).toContain('removed .gitattributes (install created it, and git does not track it)');
    expect(staged.git('status', '--porcelain', '--untracked-files=all')).toBe('A  .ml-hooks.json\n');

    const local = newRepo();
    install(local.path);
    const un = runCli(['uninstall'], { cwd: local.path });
    expect(un.stdout).not.toContain('note:');
    expect(readdirSync(local.path)).toEqual(['.git']);
  });
});

test('install --help and the README call the filter what install makes it: not required', () => {
  const repo = newRepo();
  install(repo.path);
  expect(repo.git('config', '--get', 'filter.ml-hooks.required')).toBe('false\n');
  const help = runCli(['install', '--help']).stdout;
  expect(help).toContain('the notebook clean filter (filter.ml-hooks.process, one process for all files; not\n    required:');
  expect(help).not.toMatch(/all files, required\)/);
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  expect(readme).toContain('clean and smudge, not\n  `required`');
  expect(readme).toContain('**`required` is false.**');
});

test('install outside a git repository says so', () => {
  const dir = makeTempDir('ml-hooks-norepo-');
  cleanups.push(dir.cleanup);
  const r = runCli(['install'], { cwd: dir.path, env: { GIT_CEILING_DIRECTORIES: dir.path } });
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('ml-hooks install: not inside a git repository (run it from your project, or `git init` first)\n');
});

test('a hooks folder shared by all repositories (global core.hooksPath) is left alone, with the alternatives', () => {
  const repo = newRepo();
  const shared = makeTempDir('ml-hooks-shared-hooks-');
  cleanups.push(shared.cleanup);
  repo.git('config', 'core.hooksPath', shared.path);
  const r = runCli(['install'], { cwd: repo.path });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`core.hooksPath is ${shared.path}, a hooks folder outside this repository`);
  expect(readdirSync(shared.path)).toEqual([]);
});

test('status under a global core.hooksPath: one line says what happens and gives the fix that works; following it, everything is ok', () => {
  const repo = newRepo();
  const shared = makeTempDir('ml-hooks-shared-hooks-');
  cleanups.push(shared.cleanup);
  const globalConfig = join(shared.path, 'gitconfig');
  writeFileSync(globalConfig, `[core]\n\thooksPath = ${shared.path}/hooks\n`);
  mkdirSync(join(shared.path, 'hooks'));
  const env = { GIT_CONFIG_GLOBAL: globalConfig };
  const status = runCli(['status'], { cwd: repo.path, env });
  expect(status.status).toBe(1);
  const lines = status.stdout.split('\n');
  expect(lines[1]).toBe(
    `  BROKEN  hooks path               core.hooksPath is ${shared.path}/hooks (set in ${globalConfig}), a folder outside this repository, shared by your other repositories: git runs the hooks there instead of .git/hooks, so ml-hooks is not set up here: its hooks would run in every repository that uses the folder, and install does not write into it`,
  );
  expect(lines[2]).toBe('                                   fix: git config --local core.hooksPath "$(git rev-parse --path-format=absolute --git-common-dir)/hooks" && npx ml-hooks install');
  // install refuses here, so no line may send the user to it alone
  expect(status.stdout).not.toMatch(/fix: npx ml-hooks install$/m);
  expect(status.stdout).toMatch(/BROKEN {2}pre-commit .*\n {35}fix: see "hooks path" above\n/);
  expect(runCli(['install'], { cwd: repo.path, env }).status).toBe(1);
  // the fix, as printed (its `npx ml-hooks install` is this checkout's install)
  const [setHooksPath, npxInstall] = lines[2]!.trim().slice('fix: '.length).split(' && ');
  expect(npxInstall).toBe('npx ml-hooks install');
  expect(spawnSync('sh', ['-c', setHooksPath!], { cwd: repo.path, env: { ...process.env, ...GIT_ENV, ...env } }).status).toBe(0);
  install(repo.path, env);
  expect(runCli(['status'], { cwd: repo.path, env }).status).toBe(0);
  expect(readdirSync(join(shared.path, 'hooks'))).toEqual([]);
});

test('a relative core.hooksPath in a linked worktree (.git is a file there): install refuses in one line with the absolute fix; following it, hooks run there', () => {
  const repo = newRepo();
  repo.write('f.txt', 'x\n');
  repo.git('add', 'f.txt');
  repo.git('commit', '-q', '-m', 'x');
  const wt = join(makeTempDir('ml-hooks-wt-').path, 'wt');
  repo.git('worktree', 'add', '-q', wt);
  cleanups.push(() => rmSync(dirname(wt), { recursive: true, force: true }));
  repo.git('config', '--local', 'core.hooksPath', '.git/hooks');
  const refused = runCli(['install'], { cwd: wt });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/^ml-hooks install: core\.hooksPath is \.git\/hooks, which names .*\/wt\/\.git\/hooks here, and that cannot be a folder .*nothing was installed\.\n {2}Point it at this repository's hooks folder with an absolute path: (git config .*) && npx ml-hooks install\n$/);
  const fix = /absolute path: (git config .*) && npx ml-hooks install\n$/.exec(refused.stderr)![1]!;
  expect(spawnSync('sh', ['-c', fix], { cwd: wt, env: { ...process.env, ...GIT_ENV } }).status).toBe(0);
  install(wt);
  writeFileSync(join(wt, 'big.bin'), Buffer.alloc(3_000_000)); // NUL bytes: a binary
  expect(tryGit(wt, ['add', 'big.bin']).status).toBe(0);
  const commit = tryGit(wt, ['commit', '-m', 'big']);
  expect(commit.status).toBe(1);
  expect(commit.stderr).toContain('big.bin');
});

test('a hook file in a clone that never ran install says so, and what fits: a copied .git/hooks, or a shared hooks folder', () => {
  const installed = newRepo();
  install(installed.path);
  const copied = newRepo();
  cpSync(join(installed.path, '.git/hooks/pre-commit'), join(copied.path, '.git/hooks/pre-commit'));
  copied.write('f.txt', 'x\n');
  copied.git('add', 'f.txt');
  const commit = tryGit(copied.path, ['commit', '-m', 'x']);
  expect(commit.status).toBe(1);
  expect(commit.stderr).toBe(
    'ml-hooks: .git/hooks/pre-commit is an ml-hooks hook, but ml-hooks was never installed in this clone (it came with a copied .git/hooks or a git template folder), so it cannot run. If this repository uses ml-hooks: npx ml-hooks install; if not: rm .git/hooks/pre-commit. Or skip once with ML_HOOKS=0.\n',
  );

  const shared = makeTempDir('ml-hooks-shared-hooks-');
  cleanups.push(shared.cleanup);
  for (const hook of ['pre-commit', 'pre-push']) cpSync(join(installed.path, '.git/hooks', hook), join(shared.path, hook));
  writeFileSync(join(shared.path, 'gitconfig'), `[core]\n\thooksPath = ${shared.path}\n`);
  const other = newRepo();
  other.write('f.txt', 'x\n');
  other.git('add', 'f.txt');
  const sharedCommit = tryGit(other.path, ['commit', '-m', 'x'], { ...process.env, ...GIT_ENV, GIT_CONFIG_GLOBAL: join(shared.path, 'gitconfig') });
  expect(sharedCommit.status).toBe(1);
  expect(sharedCommit.stderr).toBe(
    `ml-hooks: ${shared.path}/pre-commit is an ml-hooks hook in ${shared.path}, the hooks folder core.hooksPath shares with your other repositories, but ml-hooks was never installed in this repository, so it cannot run. If this repository uses ml-hooks: git config --local core.hooksPath "$(git rev-parse --path-format=absolute --git-common-dir)/hooks" && npx ml-hooks install; if not, ml-hooks' hooks do not belong in a shared folder: rm ${shared.path}/pre-commit ${shared.path}/pre-push. Or skip once with ML_HOOKS=0.\n`,
  );
});

test('after `git lfs update --force` wrote over our pre-push, install puts ours back in front of it', () => {
  const repo = newRepo();
  repo.git('lfs', 'install', '--local');
  const lfsHook = readFileSync(join(repo.path, '.git/hooks/pre-push'), 'utf8');
  install(repo.path);
  repo.git('lfs', 'update', '--force');
  expect(readFileSync(join(repo.path, '.git/hooks/pre-push'), 'utf8')).toBe(lfsHook);
  expect(install(repo.path)).toContain('installed the pre-push hook');
  expect(readFileSync(join(repo.path, '.git/hooks/pre-push'), 'utf8')).toContain('ml-hooks hook (installed as pre-commit and pre-push');
  expect(readFileSync(join(repo.path, '.git/hooks/pre-push.ml-hooks-chained'), 'utf8')).toBe(lfsHook);
  expect(runCli(['status'], { cwd: repo.path }).status).toBe(0);
});

test('an attribute line from an earlier install (no merge driver) gains one; uninstall gives the file back', () => {
  const repo = newRepo();
  const earlier = '*.csv -diff\n*.ipynb filter=ml-hooks diff=ml-hooks\n';
  repo.write('.gitattributes', earlier);
  install(repo.path);
  expect(readFileSync(join(repo.path, '.gitattributes'), 'utf8')).toBe(`${earlier}*.ipynb filter=ml-hooks diff=ml-hooks merge=ml-hooks\n`);
  expect(repo.git('check-attr', 'merge', '--', 'nb.ipynb')).toBe('nb.ipynb: merge: ml-hooks\n');
  expect(runCli(['uninstall'], { cwd: repo.path }).status).toBe(0);
  expect(readFileSync(join(repo.path, '.gitattributes'), 'utf8')).toBe(earlier);
});

test('install, uninstall and status in a bare repository say what it is and what to do', () => {
  const bare = makeRepo({ bare: true });
  cleanups.push(bare.cleanup);
  for (const command of ['install', 'uninstall', 'status']) {
    const r = runCli([command], { cwd: bare.path });
    expect(r.status).toBe(2); // not a repository to work in, as outside one
    expect(r.stderr).toBe(
      `ml-hooks ${command}: ${bare.path} is a bare repository (no working tree: nobody commits here, so commit hooks and notebook filters have nothing to do).\n` +
        `  Run it in a clone instead: git clone ${bare.path} work && cd work && npx ml-hooks install\n` +
        '  To enforce the rules on what is pushed here, run `ml-hooks check --history` in CI.\n',
    );
  }
  expect(readdirSync(join(bare.path, 'hooks')).filter((n) => !n.endsWith('.sample'))).toEqual([]);
  expect(existsSync(join(bare.path, 'ml-hooks'))).toBe(false);
});

test('when the filter dies mid-request, git names a short command (300 characters, printed twice, before) and keeps the file as it was', () => {
  const repo = newRepo();
  install(repo.path);
  const command = repo.git('config', '--get', 'filter.ml-hooks.process').trim();
  expect(command.length).toBeLessThanOrEqual(165);
  // a runner that answers the handshake, reads the first file's request, and dies (as a killed node would)
  const text = notebookWithOutputs(['d = 1\n']);
  const request = 18 + 22 + 4 + 4 + Buffer.byteLength(text) + 4; // command, pathname, flush, one content packet, flush
  writeFileSync(
    join(repo.path, '.git/ml-hooks/run'),
    `head -c 40 >/dev/null; printf '0016git-filter-server\\n000eversion=2\\n0000'; head -c 47 >/dev/null; printf '0015capability=clean\\n0000'; head -c ${request} >/dev/null; exit 3\n`,
  );
  repo.write('nb.ipynb', text);
  const add = tryGit(repo.path, ['add', 'nb.ipynb']);
  expect(add.stderr).toBe(`error: external filter '${command}' failed\n`);
  expect(add.status).toBe(0);
  expect(repo.git('cat-file', 'blob', ':nb.ipynb')).toBe(text); // not stripped, not lost: the commit hook strips it
  expect(readFileSync(join(repo.path, 'nb.ipynb'), 'utf8')).toBe(text);
});
