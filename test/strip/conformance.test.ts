// nbstripout's own end-to-end cases (test/fixtures/nbstripout/cases.tsv, copied from ../shared/conformance): every output
// must be byte-identical to nbstripout's, through the CLI, from stdin and in place.
import { describe, expect, test, afterAll } from '@jest/globals';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NBSTRIPOUT_FIXTURES, makeTempDir, runCli, shellWords } from '../helpers/cli.js';

interface Case {
  input: string;
  expected: string;
  flags: string[];
}

const cases: Case[] = readFileSync(join(NBSTRIPOUT_FIXTURES, '..', 'cases.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [input, expected, flags = ''] = line.split('\t');
    return { input: input!, expected: expected!, flags: shellWords(flags) };
  });

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

test('the case table has all 24 cases', () => {
  expect(cases).toHaveLength(24);
});

describe.each(cases)('$input $flags', ({ input, expected, flags }) => {
  const want = readFileSync(join(NBSTRIPOUT_FIXTURES, expected));

  test('stdin to stdout', () => {
    const r = runCli(['strip', ...flags], { input: readFileSync(join(NBSTRIPOUT_FIXTURES, input)) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdoutBytes.equals(want)).toBe(true);
  });

  test('in place', () => {
    const file = join(tmp.path, `${expected}-${flags.join('_').replace(/[^\w.-]/g, '_')}-${input}`);
    copyFileSync(join(NBSTRIPOUT_FIXTURES, input), file);
    chmodSync(file, 0o644); // the shared fixtures are read-only
    const r = runCli(['strip', ...flags, file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(file).equals(want)).toBe(true);
  });
});
