// husky 9 + lint-staged 16 with the README recipe, in both install orders: a commit of a partly
// staged notebook and a partly staged .ts file, which lint-staged hides (git diff to a patch,
// git checkout --force) and restores (git apply) around its tasks.
import { afterEach, expect, test } from '@jest/globals';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitOk, mlHooks, notebookWithOutputs, npmTools, readBytes, run, sandbox, snapshot, stripped, type Sandbox } from './coTools.js';
import type { TestRepo } from '../helpers/gitRepo.js';

let box: Sandbox;
afterEach(() => box.cleanup());

/** A project with husky and lint-staged as dev dependencies, lint-staged formatting *.ts. */
function project(): TestRepo {
  box = sandbox();
  const repo = box.repo();
  symlinkSync(join(npmTools(), 'node_modules'), join(repo.path, 'node_modules'));
  repo.write('.gitignore', 'node_modules\n');
  repo.write('package.json', '{ "name": "proj", "private": true, "lint-staged": { "*.ts": "node fmt.mjs" } }\n');
  // the formatter lint-staged runs: drops trailing blanks
  repo.write('fmt.mjs', "import { readFileSync, writeFileSync } from 'node:fs';\nfor (const f of process.argv.slice(2)) writeFileSync(f, readFileSync(f, 'utf8').replace(/[ \\t]+$/gm, ''));\n");
  return repo;
}

function setUpHusky(cwd: string): void {
  const r = run(cwd, process.execPath, [join(cwd, 'node_modules', 'husky', 'bin.js')], box.env);
  expect(r.status).toBe(0);
  writeFileSync(join(cwd, '.husky', 'pre-commit'), 'npx lint-staged\n'); // the README recipe, before our block
}

const nb = (a: string, b: string) => notebookWithOutputs([`a = ${a}\n`, `b = ${b}\n`]);
const ts = (a: string, b: string) => `export const a = ${a};   \nexport const b = ${b};\n`;

function commitPartlyStaged(cwd: string): void {
  writeFileSync(join(cwd, 'nb.ipynb'), nb('1', '2'));
  writeFileSync(join(cwd, 'm.ts'), 'export const a = 1;\nexport const b = 2;\n');
  gitOk(cwd, box.env, 'add', '-A');
  const base = git(cwd, box.env, 'commit', '-m', 'base');
  expect(base.out).not.toContain('lint-staged failed');
  expect(base.status).toBe(0);
  // stage the first edit of each file, keep the second one unstaged
  writeFileSync(join(cwd, 'nb.ipynb'), nb('10', '2'));
  writeFileSync(join(cwd, 'm.ts'), ts('10', '2'));
  gitOk(cwd, box.env, 'add', 'nb.ipynb', 'm.ts');
  writeFileSync(join(cwd, 'nb.ipynb'), nb('10', '20'));
  writeFileSync(join(cwd, 'm.ts'), ts('10', '20'));
  const before = snapshot(cwd, box.env, ['nb.ipynb']);

  const commit = git(cwd, box.env, 'commit', '-m', 'partial');
  expect(commit.out).toContain('Restoring unstaged changes');
  expect(commit.out).not.toMatch(/FAILED|could not be restored/);
  expect(commit.status).toBe(0);
  // HEAD: the staged halves, the notebook stripped, the .ts formatted by lint-staged's task
  expect(gitOk(cwd, box.env, 'show', 'HEAD:nb.ipynb')).toBe(stripped(nb('10', '2')));
  expect(gitOk(cwd, box.env, 'show', 'HEAD:m.ts')).toBe('export const a = 10;\nexport const b = 2;\n');
  // the working notebook is byte for byte what it was (outputs and the unstaged edit); the .ts
  // keeps its unstaged edit, with the formatter's change to the staged line
  expect(snapshot(cwd, box.env, ['nb.ipynb']).files).toEqual(before.files);
  expect(readBytes(cwd, 'm.ts')).toBe('export const a = 10;\nexport const b = 20;\n');
  // the index holds exactly the commit, and both unstaged edits are still unstaged
  expect(gitOk(cwd, box.env, 'diff', '--cached', '--name-only')).toBe('');
  expect(gitOk(cwd, box.env, 'status', '--porcelain', '--', 'nb.ipynb', 'm.ts')).toBe(' M m.ts\n M nb.ipynb\n');
  expect(gitOk(cwd, box.env, 'stash', 'list')).toBe(''); // lint-staged dropped its backup: nothing left behind
}

test('husky and lint-staged first, then ml-hooks install: the partly staged commit keeps every byte', () => {
  const repo = project();
  setUpHusky(repo.path);
  expect(mlHooks(repo.path, box.env, 'install').out).toContain('added the ml-hooks command to .husky/pre-commit');
  expect(readBytes(repo.path, '.husky/pre-commit').startsWith('npx lint-staged\n# >>> ml-hooks')).toBe(true);
  commitPartlyStaged(repo.path);
});

test('ml-hooks install first, then husky: status says the hooks no longer run, install again fits them in', () => {
  const repo = project();
  expect(mlHooks(repo.path, box.env, 'install').status).toBe(0);
  setUpHusky(repo.path);
  const status = mlHooks(repo.path, box.env, 'status');
  expect(status.status).toBe(1);
  expect(status.out).toMatch(/BROKEN\s+pre-commit\s+\.husky\/pre-commit \(husky\) does not run ml-hooks\n\s+fix: npx ml-hooks install/);
  expect(mlHooks(repo.path, box.env, 'install').status).toBe(0);
  expect(mlHooks(repo.path, box.env, 'status').status).toBe(0);
  commitPartlyStaged(repo.path);
  // .husky/pre-commit is committed (the team's hooks): uninstall, per clone, leaves it and says
  // how to take ml-hooks out of it for everyone
  const withBlock = readBytes(repo.path, '.husky/pre-commit');
  const un = mlHooks(repo.path, box.env, 'uninstall');
  expect(un.status).toBe(0);
  expect(readBytes(repo.path, '.husky/pre-commit')).toBe(withBlock);
  expect(un.out).toContain('note: .husky/pre-commit is tracked by git, so it was left as it is');
  expect(un.out).toContain('delete the lines from "# >>> ml-hooks" to "# <<< ml-hooks" in .husky/pre-commit, then git commit .husky/pre-commit');
  writeFileSync(join(repo.path, '.husky', 'pre-commit'), withBlock.slice(0, withBlock.indexOf('# >>> ml-hooks')));
  expect(readBytes(repo.path, '.husky/pre-commit')).toBe('npx lint-staged\n');
});

test('with the output store turned off, the same commit still loses nothing', () => {
  const repo = project();
  setUpHusky(repo.path);
  repo.write('.ml-hooks.json', '{ "output-store": { "enabled": false } }\n');
  expect(mlHooks(repo.path, box.env, 'install').status).toBe(0);
  commitPartlyStaged(repo.path);
});

test('a readable diff for people, the notebook as it is for tools inside a commit hook', () => {
  const repo = project();
  expect(mlHooks(repo.path, box.env, 'install').status).toBe(0);
  writeFileSync(join(repo.path, 'nb.ipynb'), nb('1', '2'));
  gitOk(repo.path, box.env, 'add', 'nb.ipynb');
  gitOk(repo.path, box.env, 'commit', '-q', '-m', 'base');
  writeFileSync(join(repo.path, 'nb.ipynb'), nb('1', '3'));
  expect(gitOk(repo.path, box.env, 'diff')).toMatch(/^-b = 2\n\+b = 3$/m); // the percent-script view
  const inHook = gitOk(repo.path, { ...box.env, GIT_INDEX_FILE: join(repo.path, '.git', 'index') }, 'diff', '--binary');
  expect(inHook).toMatch(/^-.*"b = 2\\n"\n\+.*"b = 3\\n"$/m); // JSON lines: a patch git apply can apply
  expect(inHook).not.toContain('# %%');
});
