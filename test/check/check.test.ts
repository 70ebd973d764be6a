// `ml-hooks check` on real repositories: each kind of finding, each output format, exit codes.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { NBSTRIPOUT_FIXTURES, REPO_ROOT, makeTempDir, runCli } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { spawnSync } from 'node:child_process';

const DIRTY = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb'));
const CLEAN = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb.expected'));
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'check-report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

let repo: TestRepo;
beforeAll(() => {
  repo = makeRepo();
  repo.write('clean.ipynb', CLEAN);
  repo.write('notebooks/dirty nb.ipynb', DIRTY);
  repo.write('notebooks/broken.ipynb', '{"cells": [');
  repo.write('README.md', '# hi\n');
  repo.git('add', '.');
});
afterAll(() => repo.cleanup());

describe('human format', () => {
  test('lists each problem with its fix and exits 1; no colour when not a terminal', () => {
    const r = runCli(['check'], { cwd: repo.path });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("✗ notebooks/dirty nb.ipynb:");
    expect(r.stdout).toContain("fix: ml-hooks strip 'notebooks/dirty nb.ipynb'");
    expect(r.stdout).toContain('notebooks/broken.ipynb: not a valid notebook: not valid JSON');
    expect(r.stdout).toMatch(/2 problems found, 4 files checked/);
    expect(r.stdout).not.toContain('\x1b[');
  });

  test('exits 0 on a clean path, and paths are taken relative to where the user stands', () => {
    const r = runCli(['check', 'clean.ipynb'], { cwd: repo.path });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✓ ml-hooks check: 1 file checked, nothing to fix/);
    const sub = runCli(['check', 'dirty nb.ipynb'], { cwd: join(repo.path, 'notebooks') });
    expect(sub.status).toBe(1);
    expect(sub.stdout).toContain('notebooks/dirty nb.ipynb');
  });

  test('after `ml-hooks strip` the same tree is clean', () => {
    const copy = makeRepo();
    try {
      copy.write('a/nb.ipynb', DIRTY);
      expect(runCli(['check'], { cwd: copy.path }).status).toBe(1);
      expect(runCli(['strip', 'a'], { cwd: copy.path }).status).toBe(0);
      expect(runCli(['check'], { cwd: copy.path }).status).toBe(0);
    } finally {
      copy.cleanup();
    }
  });
});

describe('json format', () => {
  test('matches the schema kept in the repository, with findings and counts', () => {
    const r = runCli(['check', '--format', 'json'], { cwd: repo.path });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; counts: Record<string, number>; findings: { kind: string; path: string; line?: number }[] };
    expect(validate(report)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.counts).toEqual({ 'unstripped-notebook': 1, 'invalid-notebook': 1 });
    const dirty = report.findings.find((f) => f.kind === 'unstripped-notebook')!;
    expect(dirty.path).toBe('notebooks/dirty nb.ipynb');
    expect(dirty.line).toBeGreaterThan(1);
  });

  test('a clean report validates too', () => {
    const r = runCli(['check', '--format', 'json', 'clean.ipynb'], { cwd: repo.path });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as object;
    expect(validate(report)).toBe(true);
    expect(report).toMatchObject({ ok: true, findings: [] });
  });

  test('the schema rejects a report that breaks it (the validation can fail)', () => {
    expect(validate({ version: 1, ok: true, checked: 0, counts: {}, findings: [{ kind: 'nope', path: 'x', message: 'm', fix: 'f' }] })).toBe(false);
  });
});

describe('github format', () => {
  test('one workflow annotation per finding with file, line and escaped properties', () => {
    const r = runCli(['check', '--format', 'github'], { cwd: repo.path });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    const dirty = lines.find((l) => l.includes('dirty nb'))!;
    expect(dirty).toMatch(/^::error file=notebooks\/dirty nb\.ipynb,line=\d+,title=Notebook not stripped::notebook has outputs/);
    const broken = lines.find((l) => l.includes('broken'))!;
    // ":" inside a property value is escaped; the message part keeps it
    expect(broken).toMatch(/^::error file=notebooks\/broken\.ipynb,title=Notebook cannot be read::not a valid notebook: /);
    expect(lines[lines.length - 1]).toMatch(/2 problems found/);
  });
});

describe('usage and configuration errors exit 2', () => {
  test('unknown format, unknown flag, outside a repository', () => {
    expect(runCli(['check', '--format', 'xml'], { cwd: repo.path }).status).toBe(2);
    expect(runCli(['check', '--bogus'], { cwd: repo.path }).status).toBe(2);
    const outside = makeTempDir();
    try {
      const r = runCli(['check'], { cwd: outside.path, env: { GIT_CEILING_DIRECTORIES: outside.path } });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/not inside a git repository/);
    } finally {
      outside.cleanup();
    }
  });
});

describe('every kind of finding', () => {
  let r: TestRepo;
  beforeAll(() => {
    r = makeRepo();
    r.write('pyproject.toml', '[tool.ml-hooks.pair]\nnotebooks = ["paired/*.ipynb"]\n\n[tool.ml-hooks.guard]\nmax-binary-size = "100k"\n');
    r.write('paired/nb.ipynb', CLEAN);
    expect(runCli(['convert', 'paired/nb.ipynb', '--to', 'py:percent'], { cwd: r.path }).status).toBe(0);
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'base');
    r.git('tag', 'base');
    // In history: a large binary and an unstripped notebook, committed around the hooks.
    r.write('weights.bin', Buffer.alloc(200_000)); // NUL bytes: a binary
    r.write('old.ipynb', DIRTY);
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'add weights and an unstripped notebook');
    r.git('rm', '-q', '--cached', 'weights.bin');
    r.git('commit', '-q', '-m', 'untrack weights');
    // In the work tree: the script edited without the notebook.
    r.write('paired/nb.py', readFileSync(join(r.path, 'paired/nb.py'), 'utf8') + '\n# %%\nprint("new cell")\n');
  });
  afterAll(() => r.cleanup());

  test('pair out of sync, file too large, unstripped notebook; exit 1', () => {
    const out = runCli(['check', '--format', 'json'], { cwd: r.path });
    expect(out.status).toBe(1);
    const report = JSON.parse(out.stdout) as { counts: Record<string, number>; findings: { kind: string; path: string; fix: string; message: string }[] };
    expect(validate(report)).toBe(true);
    expect(report.counts).toEqual({ 'unstripped-notebook': 1, 'pair-out-of-sync': 1, 'file-too-large': 1 });
    const pair = report.findings.find((f) => f.kind === 'pair-out-of-sync')!;
    expect(pair.path).toBe('paired/nb.py');
    expect(pair.fix).toBe('ml-hooks sync paired/nb.ipynb');
    const big = report.findings.find((f) => f.kind === 'file-too-large')!;
    expect(big.path).toBe('weights.bin');
    expect(big.message).toMatch(/200(\.0)? kB.*100(\.0)? kB.*pyproject\.toml/);
    expect(big.fix).toMatch(/git lfs track "\*\.bin"/);
  });

  test('--history names the commits that brought a large file and an unstripped notebook', () => {
    const out = runCli(['check', '--format', 'json', '--history', 'base..HEAD', 'pyproject.toml'], { cwd: r.path });
    const report = JSON.parse(out.stdout) as { counts: Record<string, number>; findings: { kind: string; path: string; commit?: string }[] };
    expect(validate(report)).toBe(true);
    expect(report.counts).toEqual({ 'history-file-too-large': 1, 'history-unstripped-notebook': 1 });
    const head1 = r.git('rev-parse', 'HEAD~1').trim();
    for (const f of report.findings) expect(f.commit).toBe(head1);
    expect(report.findings.map((f) => f.path).sort()).toEqual(['old.ipynb', 'weights.bin']);
    const human = runCli(['check', '--history', 'base..HEAD', 'pyproject.toml'], { cwd: r.path });
    expect(human.stdout).toMatch(/weights\.bin \(commit [0-9a-f]{12}\).*committed in "add weights/);
    expect(runCli(['check', '--history', 'no-such-ref..HEAD'], { cwd: r.path }).status).toBe(2);
  });

  test('after sync and strip the tree is clean again (the findings can clear)', () => {
    const copy = makeRepo();
    try {
      copy.write('.ml-hooks.json', JSON.stringify({ pair: { notebooks: ['*.ipynb'] } }));
      copy.write('nb.ipynb', DIRTY);
      expect(runCli(['check'], { cwd: copy.path }).status).toBe(1);
      expect(runCli(['strip', 'nb.ipynb'], { cwd: copy.path }).status).toBe(0);
      expect(runCli(['sync'], { cwd: copy.path }).status).toBe(0);
      const after = runCli(['check'], { cwd: copy.path });
      expect(after.stdout).toMatch(/nothing to fix/);
      expect(after.status).toBe(0);
    } finally {
      copy.cleanup();
    }
  });

  test('an invalid configuration exits 2 naming the file and key', () => {
    const bad = makeRepo();
    try {
      bad.write('.ml-hooks.json', JSON.stringify({ strip: { 'keep-count': 'yes' } }));
      const out = runCli(['check'], { cwd: bad.path });
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(/\.ml-hooks\.json.*keep-count/);
    } finally {
      bad.cleanup();
    }
  });
});

test('with the clean filter installed, a committed notebook keeping its outputs on disk is not a finding', () => {
  const r = makeRepo();
  try {
    expect(runCli(['install'], { cwd: r.path }).status).toBe(0);
    r.write('nb.ipynb', DIRTY);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'nb');
    expect(r.git('show', 'HEAD:nb.ipynb')).toBe(CLEAN.toString());
    expect(runCli(['check'], { cwd: r.path }).status).toBe(0);
  } finally {
    r.cleanup();
  }
});

describe('with the clean filter installed, a working notebook is judged by what git stores from it', () => {
  const findings = (cwd: string) => {
    const out = runCli(['check', '--format', 'json'], { cwd });
    return { status: out.status, findings: (JSON.parse(out.stdout) as { findings: { path: string; message: string; fix: string }[] }).findings };
  };
  const state = (r: TestRepo) => ({ file: readFileSync(join(r.path, 'new.ipynb')).toString('base64'), index: r.git('ls-files', '-s', '-z') });

  test('a notebook not yet added, or edited since, is fine before and after `git add`: the same verdict, nothing touched', () => {
    const r = makeRepo();
    try {
      expect(runCli(['install'], { cwd: r.path }).status).toBe(0);
      r.write('new.ipynb', DIRTY);
      const before = state(r);
      expect(findings(r.path)).toEqual({ status: 0, findings: [] });
      expect(state(r)).toEqual(before);
      r.git('add', 'new.ipynb');
      expect(findings(r.path)).toEqual({ status: 0, findings: [] });
      expect(r.git('show', ':new.ipynb')).toBe(CLEAN.toString());
      // edited after `git add` (more outputs than the index has): still fine, git add would strip it
      r.write('new.ipynb', DIRTY.toString().replace('"execution_count": 1', '"execution_count": 7'));
      expect(DIRTY.toString()).toContain('"execution_count": 1');
      expect(findings(r.path)).toEqual({ status: 0, findings: [] });
    } finally {
      r.cleanup();
    }
  });

  test('a notebook staged with its outputs while the filter was off is reported, with a fix that keeps the file', () => {
    const r = makeRepo();
    try {
      expect(runCli(['install'], { cwd: r.path }).status).toBe(0);
      r.write('new.ipynb', DIRTY);
      const add = spawnSync('git', ['add', 'new.ipynb'], { cwd: r.path, env: { ...process.env, ...GIT_ENV, ML_HOOKS: '0' } });
      expect(add.status).toBe(0);
      expect(r.git('show', ':new.ipynb')).toBe(DIRTY.toString());
      expect(findings(r.path)).toEqual({
        status: 1,
        findings: [{
          kind: 'unstripped-notebook', path: 'new.ipynb',
          message: 'notebook staged with its outputs (added while the clean filter was off: ML_HOOKS=0, or another clone)',
          fix: 'git add --renormalize new.ipynb (restages it stripped; the file keeps its outputs)',
        }],
      });
      const file = readFileSync(join(r.path, 'new.ipynb'));
      r.git('add', '--renormalize', 'new.ipynb');
      expect(readFileSync(join(r.path, 'new.ipynb'))).toEqual(file);
      expect(r.git('show', ':new.ipynb')).toBe(CLEAN.toString());
      expect(findings(r.path)).toEqual({ status: 0, findings: [] });
    } finally {
      r.cleanup();
    }
  });

  test('without the filter the working notebook is reported as before', () => {
    const r = makeRepo();
    try {
      expect(runCli(['install'], { cwd: r.path }).status).toBe(0);
      r.git('config', '--unset', 'filter.ml-hooks.process');
      r.write('new.ipynb', DIRTY);
      const out = findings(r.path);
      expect(out.status).toBe(1);
      expect(out.findings.map((f) => [f.path, f.fix])).toEqual([['new.ipynb', 'ml-hooks strip new.ipynb']]);
    } finally {
      r.cleanup();
    }
  });
});

test('pair settings are validated by the shared loader for sync and pair too', () => {
  const r = makeRepo();
  try {
    r.write('.ml-hooks.json', JSON.stringify({ pair: { notebooks: 'all' } }));
    r.write('nb.ipynb', CLEAN);
    for (const args of [['sync'], ['pair', 'nb.ipynb'], ['check']]) {
      const out = runCli(args, { cwd: r.path });
      expect({ args, status: out.status === 0 }).toEqual({ args, status: false });
      expect(out.stderr).toMatch(/\.ml-hooks\.json.*pair\.notebooks/);
    }
  } finally {
    r.cleanup();
  }
});

test('conflict markers committed past the hook (--no-verify) are found by check, though HEAD holds them; a block HEAD\'s parent already had is a quote', () => {
  const r = makeRepo();
  try {
    const nb = (source: string) => JSON.stringify({ cells: [{ cell_type: 'code', execution_count: null, id: 'a', metadata: {}, outputs: [], source }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
    const marked = nb('<<<<<<< HEAD\nb = 200\n=======\nb = 20\n>>>>>>> side\n');
    r.write('nb.ipynb', nb('b = 2\n'));
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'clean');
    r.write('nb.ipynb', marked);
    r.git('commit', '-q', '--no-verify', '-am', 'conflict committed');
    const found = runCli(['check', '--format', 'json'], { cwd: r.path });
    expect(found.status).toBe(1);
    const conflicts = (out: string) => (JSON.parse(out) as { findings: { kind: string; path: string }[] }).findings.filter((f) => f.kind === 'merge-conflict').map((f) => f.path);
    expect(conflicts(found.stdout)).toEqual(['nb.ipynb']);
    // the next commit keeps the block: HEAD's parent holds it now, and it reads as a quote
    r.write('README.md', 'x\n');
    r.git('add', 'README.md');
    r.git('commit', '-q', '-m', 'later');
    expect(conflicts(runCli(['check', '--format', 'json'], { cwd: r.path }).stdout)).toEqual([]);
  } finally {
    r.cleanup();
  }
});
