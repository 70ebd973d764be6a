// The README's exit-code table, command by command: 0 success, 1 something to fix, 2 usage or
// configuration error (also: not a git repository where one is needed, input that cannot be
// read). runCli alone maps errors to these codes (src/errors/commandError.ts).
import { test, expect, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir, runCli, REPO_ROOT } from '../helpers/cli.js';
import { makeRepo } from '../helpers/gitRepo.js';
import { notebookWithOutputs } from '../hooks/notebookFixture.js';

const outside = makeTempDir('ml-hooks-outside-');
const broken = makeRepo();
broken.write('.ml-hooks.json', '{"strip": {"keep-id": 1}}');
broken.write('nb.ipynb', notebookWithOutputs(['x = 1\n']));
broken.git('add', 'nb.ipynb'); // staged, so the hook has a notebook to look at
const dirty = makeRepo();
dirty.write('nb.ipynb', notebookWithOutputs(['x = 1\n']));
afterAll(() => [outside.cleanup, broken.cleanup, dirty.cleanup].forEach((c) => c()));
const noRepo = { GIT_CEILING_DIRECTORIES: outside.path };

const COMMANDS = ['strip', 'convert', 'pair', 'sync', 'install', 'uninstall', 'status', 'check', 'check-size', 'merge', 'diff'];

test.each(COMMANDS)('%s: --help exits 0, an unknown flag exits 2 with the one usage message', (command) => {
  expect(runCli([command, '--help']).status).toBe(0);
  const bad = runCli([command, '--no-such-flag'], { cwd: outside.path, env: noRepo });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(new RegExp(`^ml-hooks ${command}: .*\\nSee \`ml-hooks ${command} --help\`\\.\\n$`));
});

test.each([['check'], ['check-size'], ['install'], ['uninstall'], ['status'], ['sync', '--staged']])('%s outside a git repository exits 2 with the one message', (...argv) => {
  const r = runCli(argv, { cwd: outside.path, env: noRepo });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`ml-hooks ${argv[0]}: not inside a git repository`);
});

test.each([['strip', 'nb.ipynb'], ['check'], ['check-size'], ['sync'], ['pair', 'nb.ipynb'], ['hook', 'pre-commit']])('%s with an invalid .ml-hooks.json exits 2, naming the file and key', (...argv) => {
  const r = runCli(argv, { cwd: broken.path });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('.ml-hooks.json: strip.keep-id must be true or false, got 1');
  expect(r.stderr).toMatch(/the configuration is invalid/);
});

test('1 means something to fix: check, strip --verify, check-size', () => {
  expect(runCli(['check'], { cwd: dirty.path }).status).toBe(1);
  expect(runCli(['strip', '--verify', 'nb.ipynb'], { cwd: dirty.path }).status).toBe(1);
  expect(runCli(['strip', 'missing.ipynb'], { cwd: dirty.path }).status).toBe(1);
});

test('input that cannot be read exits 2 for merge and diff', () => {
  expect(runCli(['merge', 'a', 'b', 'c'], { cwd: outside.path }).status).toBe(2);
  expect(runCli(['diff', 'a.ipynb', 'b.ipynb'], { cwd: outside.path }).status).toBe(2);
});

test('the README table lists exactly these codes', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Exit codes'));
  for (const code of ['| 0 |', '| 1 |', '| 2 |', '| 70 |']) expect(table).toContain(code);
});

test('the hooks\' own entry (dist/hook/hook.js, what the runner starts) maps errors the same way', () => {
  const hookEntry = join(REPO_ROOT, 'dist', 'hook', 'hook.js');
  const run = (cwd: string, ...argv: string[]) => spawnSync(process.execPath, [hookEntry, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const bad = run(broken.path, 'hook', 'pre-commit');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('.ml-hooks.json: strip.keep-id must be true or false, got 1');
  expect(run(broken.path, 'hook', 'pre-nothing').status).toBe(2);
  expect(run(dirty.path, 'hook', 'pre-commit').status).toBe(0); // nothing staged
});
