// Pairing at its edges, with real git: files the pair does not own (convert, a rename onto an
// existing script, a new notebook beside a module), deletions of one side, CRLF checkouts,
// metadata in unsorted key order, and file names git quotes or that hold a newline.
import { afterEach, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { installedRepo } from '../hooks/installedRepo.js';

let repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos) r.cleanup();
  repos = [];
});
const track = (r: TestRepo): TestRepo => (repos.push(r), r);

const KERNEL = { display_name: 'Python 3', language: 'python', name: 'python3' };
function notebook(sources: string[], options: { formats?: string; cellMetadata?: object[]; outputs?: boolean } = {}): string {
  const cells = sources.map((source, i) => ({
    cell_type: 'code',
    execution_count: options.outputs ? i + 1 : null,
    id: `c${i}`,
    metadata: options.cellMetadata?.[i] ?? {},
    outputs: options.outputs ? [{ name: 'stdout', output_type: 'stream', text: [`out ${i}\n`] }] : [],
    source: source.split(/(?<=\n)/),
  }));
  const metadata: Record<string, unknown> = { kernelspec: KERNEL };
  if (options.formats) metadata.jupytext = { formats: options.formats };
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

interface Run {
  status: number | null;
  out: string;
}
function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const read = (r: TestRepo, path: string): string => readFileSync(join(r.path, path), 'utf8');

describe('convert never replaces a file that is not the notebook’s (item 12)', () => {
  const MODULE = 'def helper():\n    return 42\n';

  test('an unrelated nb.py is refused, byte for byte kept, with the commands; --force replaces it', () => {
    const repo = track(makeRepo());
    repo.write('nb.ipynb', notebook(['x = 1\n']));
    repo.write('nb.py', MODULE);
    const r = runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: repo.path });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'ml-hooks convert: nb.py already exists and is not the script of nb.ipynb (not its pair, and no Jupytext header): nothing was written.\n' +
        '  Write it elsewhere:  ml-hooks convert nb.ipynb --to py:percent -o OTHER\n' +
        '  Or replace it:       ml-hooks convert nb.ipynb --to py:percent --force\n',
    );
    expect(read(repo, 'nb.py')).toBe(MODULE);
    // the same for an explicit -o
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent', '-o', 'nb.py'], { cwd: repo.path }).status).toBe(1);
    expect(read(repo, 'nb.py')).toBe(MODULE);

    const forced = runCli(['convert', 'nb.ipynb', '--to', 'py:percent', '--force'], { cwd: repo.path });
    expect(forced.status).toBe(0);
    expect(read(repo, 'nb.py')).toContain('# %%\nx = 1\n');
  });

  test('what it may replace: an earlier conversion (Jupytext header), the declared pair, the configured pair', () => {
    const repo = track(makeRepo());
    repo.write('nb.ipynb', notebook(['x = 1\n']));
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    repo.write('nb.ipynb', notebook(['x = 2\n']));
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    expect(read(repo, 'nb.py')).toContain('x = 2\n');

    // the declared pair, even when its script lost its header
    repo.write('paired.ipynb', notebook(['y = 1\n'], { formats: 'ipynb,py:percent' }));
    repo.write('paired.py', MODULE);
    expect(runCli(['convert', 'paired.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    expect(read(repo, 'paired.py')).toContain('y = 1\n');

    // the configured pair
    repo.write('pyproject.toml', '[tool.ml-hooks.pair]\nnotebooks = ["conf*.ipynb"]\n');
    repo.write('conf.ipynb', notebook(['z = 1\n']));
    repo.write('conf.py', MODULE);
    expect(runCli(['convert', 'conf.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    expect(read(repo, 'conf.py')).toContain('z = 1\n');
  });
});

describe('file names git quotes, with a newline, or not UTF-8 (item 3)', () => {
  const CLI = join(process.cwd(), 'dist', 'cli.js');
  // Each name as bash writes it ($'…' for bytes), so that a Latin-1 name reaches git as its bytes.
  test.each([
    ['a leading quote', `'"q'`],
    ['a newline', `$'new\\nline'`],
    ['a tab', `$'tab\\there'`],
    ['a backslash', `'back\\slash'`],
    ['a leading dash', `'-dash'`],
    ['a space and a quote', `'it'"'"'s here'`],
    ['Latin-1 bytes', `$'lat\\xe9'`],
  ])('%s: pair, then a script edit and a notebook edit each commit both sides, in sync', (_label, name) => {
    const repo = track(installedRepo());
    const script = [
      'set -e',
      `n=${name}`,
      `cat > "./$n.ipynb"`,
      `node "$CLI" pair -- "./$n.ipynb" >/dev/null`,
      'git add -A && git commit -q -m pair',
      `sed -i 's/x = 1/x = 2/' "./$n.py"`,
      `git add -- "./$n.py" && git commit -q -m script`,
      `git show --format= --name-only -z HEAD; printf '@@'`,
      `sed -i 's/"x = 2"/"x = 3"/' "./$n.ipynb"`,
      `git add -- "./$n.ipynb" && git commit -q -m notebook`,
      `git show --format= --name-only -z HEAD; printf '@@'`,
      `grep -c 'x = 3' "./$n.py"; printf '@@'`,
      `git status --porcelain --untracked-files=no | wc -l; printf '@@'`,
      `node "$CLI" check >/dev/null && echo checked`,
    ].join('\n');
    const r = spawnSync('bash', ['-c', script], { cwd: repo.path, input: notebook(['x = 1\n'], { outputs: true }), env: { ...process.env, ...GIT_ENV, CLI }, encoding: 'latin1', timeout: 60000 });
    expect(r.stderr.replace(/ml-hooks: stripped outputs[^\n]*\n/g, '')).toBe('');
    const [afterScript, afterNotebook, synced, dirty, checked] = r.stdout.split('@@');
    const bash = spawnSync('bash', ['-c', `n=${name}; printf '%s' "$n"`], { encoding: 'latin1' }).stdout;
    const names = (z: string | undefined) => (z ?? '').split('\0').filter(Boolean).sort();
    expect(names(afterScript)).toEqual([`${bash}.ipynb`, `${bash}.py`]);
    expect(names(afterNotebook)).toEqual([`${bash}.ipynb`, `${bash}.py`]);
    expect([synced, dirty, checked]).toEqual(['1\n', '0\n', 'checked\n']);
    expect(r.status).toBe(0);
  });
});
