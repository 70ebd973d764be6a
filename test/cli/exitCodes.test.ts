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

// Every bad option and bad option value, command by command: exit 2, one line saying what was
// wrong (node's parser text is never shown), then where the help is; nothing is written.
const usage = makeRepo();
usage.write('nb.ipynb', notebookWithOutputs(['x = 1\n']));
afterAll(usage.cleanup);
test.each([
  [['strip', '--bogus'], 'unknown option --bogus'],
  [['strip', '-x', 'nb.ipynb'], 'unknown option -x'],
  [['strip', '-weird.ipynb'], 'unknown option -w'],
  [['strip', '--mode', 'x', 'nb.ipynb'], "--mode must be jupyter or zeppelin, not 'x'"],
  [['strip', '--max-size', 'big', 'nb.ipynb'], "--max-size takes a number with an optional k, M or G (e.g. 10k), not 'big'"],
  [['strip', '--keep-output-type'], 'argument --keep-output-type: expected at least one argument'],
  [['strip', '--textconv=yes', 'nb.ipynb'], 'option --textconv takes no value'],
  [['convert', 'nb.ipynb', '--to'], 'option --to needs a value'],
  [['convert', 'nb.ipynb'], 'missing --to FORMAT (e.g. --to py:percent, or --to ipynb)'],
  [['convert', 'nb.ipynb', '--to', 'xyz'], "--to xyz: 'xyz' is neither a notebook extension (ipynb, py, R, jl, md, Rmd, …) nor a format name (percent, light, myst, …)"],
  [['convert', 'nb.ipynb', '--to', 'py:hydrogen'], "--to py:hydrogen: 'py:hydrogen' is a Jupytext format that ml-hooks does not write; use py:percent, py:light (or another script extension), md, md:myst, Rmd or ipynb"],
  [['pair', 'nb.ipynb', '--format', 'py:foo'], "--format py:foo: 'foo' is not a format name: use percent or light for scripts, markdown or myst for .md"],
  [['pair', 'nb.ipynb', '--format', 'ipynb,py:hydrogen'], "--format ipynb,py:hydrogen: 'py:hydrogen' is a Jupytext format that ml-hooks does not write; use py:percent, py:light (or another script extension), md, md:myst, Rmd or ipynb"],
  [['pair', 'nb.ipynb', '--prefer', 'both'], "--prefer takes notebook or script, not 'both'"],
  [['pair'], 'give at least one notebook'],
  [['sync', '--prefer', 'x'], "--prefer takes notebook or script, not 'x'"],
  [['sync', '--staged', 'nb.ipynb'], '--staged syncs every staged pair: give no PATH'],
  [['install', 'now'], "takes options only, not 'now'"],
  [['uninstall', 'everything'], "takes options only, not 'everything'"],
  [['status', 'nb.ipynb'], "takes options only, not 'nb.ipynb'"],
  [['check', '--format', 'xml'], "--format must be human, json or github, not 'xml'"],
  [['check-size', '--staged', 'nb.ipynb'], 'give either --staged or paths, not both'],
  [['merge', '--marker-size', '0', 'a', 'b', 'c'], expect.any(String)],
  [['diff', '--color', 'pink', 'a.ipynb', 'b.ipynb'], expect.any(String)],
  [['diff', 'a.ipynb'], expect.any(String)],
])('%j is a usage error: exit 2, one line, nothing written', (argv, detail) => {
  const before = usage.git('status', '--porcelain', '--untracked-files=all');
  const r = runCli(argv as string[], { cwd: usage.path });
  expect(r.status).toBe(2);
  const [first, see, ...rest] = r.stderr.split('\n');
  expect(first).toEqual(typeof detail === 'string' ? `ml-hooks ${(argv as string[])[0]}: ${detail}` : expect.stringMatching(new RegExp(`^ml-hooks ${(argv as string[])[0]}: `)));
  expect(first).not.toMatch(/To specify a positional argument|Unknown option|argument missing/);
  expect(see).toBe(`See \`ml-hooks ${(argv as string[])[0]} --help\`.`);
  expect(rest).toEqual(['']);
  expect(usage.git('status', '--porcelain', '--untracked-files=all')).toBe(before);
});

test.each([['sync'], ['pair'], ['convert', '--to', 'py:percent'], ['check-size'], ['check']])('%s on a path that does not exist exits 2 saying so (not "not paired", not "0 files checked")', (command, ...flags) => {
  const r = runCli([command!, 'nope.ipynb', ...flags], { cwd: usage.path });
  expect(r.status).toBe(2);
  expect(r.stderr).toBe(`ml-hooks ${command}: nope.ipynb: no such file or folder\n`);
});

test('pair with a pair.format in the configuration that is no format: a configuration error (exit 2)', () => {
  const r = makeRepo();
  r.write('.ml-hooks.json', '{"pair": {"format": "py:foo"}}');
  r.write('nb.ipynb', notebookWithOutputs(['x = 1\n']));
  const p = runCli(['pair', 'nb.ipynb'], { cwd: r.path });
  r.cleanup();
  expect(p.status).toBe(2);
  expect(p.stderr).toContain('ml-hooks pair: the configuration is invalid, so nothing was done:\n  .ml-hooks.json pair.format = "py:foo": \'foo\' is not a format name');
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
