// A 1.5 GB generated notebook (two cells with huge image outputs, bench/corpus.mjs), stripped by
// `ml-hooks strip` in place and stored by `git add` through the filter, each with the peak memory
// of the ml-hooks process (goal: under 400 MB), and the result compared byte for byte with
// stripping a small twin of it. The full parse could not hold it (over 400 MB it refuses).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigNotebook } from './corpus.mjs';
import { CLI, ROOT, fmt } from './util.mjs';

const SIZE = 1_500_000_000;
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'B', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'B', GIT_COMMITTER_EMAIL: 'b@b' };

/** Runs a command with the RSS reporter preloaded; returns its time and the peak RSS (MB) of each node it started. */
function measured(cmd, args, cwd, rssFile, stdinFile) {
  writeFileSync(rssFile, '');
  const env = { ...process.env, ...GIT_ENV, NODE_OPTIONS: `--require ${JSON.stringify(join(ROOT, 'bench', 'reportMaxRss.cjs'))}`, ML_HOOKS_BENCH_RSS_FILE: rssFile };
  const stdin = stdinFile === undefined ? 'pipe' : openSync(stdinFile, 'r');
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26, stdio: [stdin, 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (typeof stdin === 'number') closeSync(stdin);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  const rss = readFileSync(rssFile, 'utf8').trim().split('\n').filter(Boolean).map((kb) => Number(kb) / 1000);
  return { ms, rss, stdout: r.stdout };
}

export default async function bigNotebookBench() {
  const work = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-big-'));
  try {
    const rssFile = join(work, 'rss');
    const twin = join(work, 'twin.ipynb');
    writeBigNotebook(twin, 2_000_000);
    const want = spawnSync(process.execPath, [CLI, 'strip', '-t', twin], { encoding: 'utf8' }).stdout;

    // ml-hooks strip, stdin to stdout (the input goes to a temporary file past 16 MB), then in place
    const big = join(work, 'big.ipynb');
    writeBigNotebook(big, SIZE);
    const size = statSync(big).size;
    const piped = measured(process.execPath, [CLI, 'strip'], work, rssFile, big);
    const pipedSame = piped.stdout === want;
    const strip = measured(process.execPath, [CLI, 'strip', big], work, rssFile);
    const stripSame = readFileSync(big, 'utf8') === want;

    // git add through the filter (one ml-hooks process for the file)
    const repo = join(work, 'repo');
    spawnSync('git', ['init', '-q', '-b', 'main', repo]);
    spawnSync('git', ['config', 'filter.ml-hooks.process', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} filter-process`], { cwd: repo });
    spawnSync('git', ['config', 'filter.ml-hooks.required', 'true'], { cwd: repo });
    writeFileSync(join(repo, '.gitattributes'), '*.ipynb filter=ml-hooks\n');
    writeBigNotebook(join(repo, 'big.ipynb'), SIZE);
    const add = measured('git', ['add', 'big.ipynb'], repo, rssFile);
    const stored = spawnSync('git', ['cat-file', 'blob', ':big.ipynb'], { cwd: repo, encoding: 'utf8' }).stdout;
    const addSame = stored === want;

    const peak = (rss) => `${Math.max(...rss).toFixed(0)} MB`;
    console.log(`big notebook: ${(size / 1e9).toFixed(2)} GB generated (bench/corpus.mjs writeBigNotebook), stripped to ${want.length} bytes`);
    console.log(`  ml-hooks strip (in place): ${fmt(strip.ms)}, peak RSS ${peak(strip.rss)} (goal < 400 MB); same bytes as its small twin stripped: ${stripSame ? 'yes' : 'NO'}`);
    console.log(`  ml-hooks strip < big > out: ${fmt(piped.ms)}, peak RSS ${peak(piped.rss)}; same bytes: ${pipedSame ? 'yes' : 'NO'}`);
    console.log(`  git add (filter):          ${fmt(add.ms)}, peak RSS of the filter ${peak(add.rss)} (goal < 400 MB); stored blob same as the twin's: ${addSame ? 'yes' : 'NO'}`);
    if (!stripSame || !addSame || !pipedSame) throw new Error('the big notebook did not strip to its twin');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
