// nbstripout's command line, form by form (test/strip/nbstripout-command-line/cases.txt): what
// nbstripout 0.9.1 printed, its exit status and what it did to the file were recorded by
// regenerate.sh into expected.tsv; ml-hooks strip must do the same. Notably --keep-output-type
// and --drop-output-type take several values and swallow a file name that follows (stdin is then
// read), `--opt=value` takes one, a repeated flag keeps its last value, and `--` ends the values.
import { afterAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli, shellWords } from '../helpers/cli.js';

const DATA = join(import.meta.dirname, 'nbstripout-command-line');
const rows = readFileSync(join(DATA, 'expected.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [flags, status, stdout, after] = line.split('\t') as [string, string, string, string];
    return { flags, status: Number(status), stdout, after };
  });

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

test('every case of cases.txt was recorded', () => {
  const cases = readFileSync(join(DATA, 'cases.txt'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  expect(rows.map((r) => r.flags)).toEqual(cases);
  expect(rows.length).toBeGreaterThan(20);
});

describe.each(rows.map((row, i) => ({ ...row, i })))('ml-hooks strip $flags', ({ flags, status, stdout, after, i }) => {
  test('prints, exits and leaves the file as nbstripout did', () => {
    const dir = join(tmp.path, `case${i}`);
    mkdirSync(dir);
    copyFileSync(join(DATA, 'outputs.ipynb'), join(dir, 'nb.ipynb'));
    const r = runCli(['strip', ...shellWords(flags)], { cwd: dir, input: readFileSync(join(DATA, 'stdin.ipynb')) });
    expect(r.status).toBe(status);
    expect(r.stdout).toBe(stdout === '-' ? '' : readFileSync(join(DATA, stdout), 'utf8'));
    expect(readFileSync(join(dir, 'nb.ipynb'), 'utf8')).toBe(readFileSync(join(DATA, after === 'unchanged' ? 'outputs.ipynb' : after), 'utf8'));
  });
});

test('a file name taken as an output type gets a note on stderr (stdout stays as nbstripout prints it)', () => {
  const r = runCli(['strip', '-t', '--keep-output-type', 'stream', 'nb.ipynb'], { cwd: DATA, input: readFileSync(join(DATA, 'stdin.ipynb')) });
  expect(r.stderr).toBe("ml-hooks strip: 'nb.ipynb' is taken as an output type, as nbstripout does (the option takes every word up to the next option); to strip the file, name it before the option or after `--`\n");
  expect(runCli(['strip', '-t', '--keep-output-type'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^ml-hooks strip: argument --keep-output-type: expected at least one argument\n/) });
});

test("nbstripout's install flags name the ml-hooks command and exit 2; --version answers", () => {
  const cases: [string[], string][] = [
    [['--install'], 'ml-hooks install'],
    [['--uninstall'], 'ml-hooks uninstall'],
    [['--status'], 'ml-hooks status'],
    [['--is-installed'], 'ml-hooks status'],
    [['--install', '--global'], 'ml-hooks install'],
    [['--install', '--attributes', '.gitattributes', '--python', '/usr/bin/python3'], 'ml-hooks install'],
  ];
  for (const [flags, command] of cases) {
    const r = runCli(['strip', ...flags]);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr).toContain(`\`${command}\``);
  }
  expect(runCli(['strip', '--install', '--global']).stderr).toContain('there is no --global or --system');
  const pkg = JSON.parse(readFileSync(join(DATA, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  expect(runCli(['strip', '--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
});

test('the unknown-command error lists only the commands users run', () => {
  const r = runCli(['strpi']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('strip');
  for (const hidden of ['hook', 'filter-process', 'textconv', 'guard-push']) expect(r.stderr).not.toMatch(new RegExp(`\\b${hidden}\\b`));
});
