// Hook latency and the one-process filter, measured in throw-away repositories.
//   - pre-commit hook with nothing to strip (a staged README) vs `node -e 0` (target <= 1.25x),
//     with the breakdown: the stub and runner scripts, node loading the CLI, the git call, the
//     hook's own modules and work;
//   - pre-commit hook with 1 and with 100 staged notebooks with outputs (index stripped each run).
// (`git add` through the filter: bench/filter.bench.mjs.)
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, fmt, median, ratio, timeCommand, timeIt } from './util.mjs';

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'B', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'B', GIT_COMMITTER_EMAIL: 'b@b' };

function git(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function notebook(i) {
  const cells = Array.from({ length: 6 }, (_, c) => ({
    cell_type: 'code',
    execution_count: c + 1,
    id: `c${i}-${c}`,
    metadata: { scrolled: true },
    outputs: [{ name: 'stdout', output_type: 'stream', text: Array.from({ length: 20 }, (_, l) => `line ${l} of cell ${c} in notebook ${i}\n`) }],
    source: [`import numpy as np\n`, `x = np.arange(${i + c})\n`, 'print(x)'],
  }));
  return JSON.stringify({ cells, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

function newRepo(root, name) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgSign', 'false');
  return dir;
}

function install(dir) {
  const r = spawnSync(process.execPath, [CLI, 'install'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

export default async function hooksBench() {
  const root = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-hooks-'));
  try {
    // 1. Nothing to strip: the installed hook script end to end (sh stub, runner, node, git diff).
    const repo = newRepo(root, 'plain');
    install(repo);
    writeFileSync(join(repo, 'README.md'), 'hello\n');
    git(repo, 'add', 'README.md');
    const env = { ...process.env, ...GIT_ENV };
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    const runner = join(repo, '.git', 'ml-hooks', 'run');
    const hookEntry = join(repo, '.git', 'ml-hooks', 'pkg', 'dist', 'hook', 'hook.js');
    // Interleaved rounds, so that load on the machine hits every figure alike; medians.
    const rounds = { bare: [], help: [], runnerHelp: [], gitDiff: [], direct: [], viaRunner: [], script: [] };
    for (let round = 0; round < 21; round++) {
      const once = (name, cmd, args) => rounds[name].push(timeCommand(cmd, args, { runs: 1, cwd: repo, env, warmup: round === 0 }));
      once('bare', process.execPath, ['-e', '0']);
      once('help', process.execPath, [hookEntry, 'hook', '--help']);
      once('runnerHelp', 'sh', [runner, 'hook', '--help']);
      once('gitDiff', 'git', ['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', '--']);
      once('direct', process.execPath, [hookEntry, 'hook', 'pre-commit']);
      once('viaRunner', 'sh', [runner, 'hook', 'pre-commit']);
      once('script', 'sh', [hook]);
    }
    const m = Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, median(v)]));
    const bare = m.bare;
    const direct = m.direct;
    const script = m.script;
    const breakdown = [
      ['node -e 0', m.bare],
      ['node loading the hook entry (`hook.js hook --help` - node)', m.help - m.bare],
      ['the runner script (`run hook --help` - `hook.js hook --help`)', m.runnerHelp - m.help],
      ['the hook stub (hook script - `run hook pre-commit`)', script - m.viaRunner],
      ['git diff --cached (the one git call)', m.gitDiff],
      ['the hook\'s own work (`hook.js hook pre-commit` - `hook.js hook --help` - git diff)', direct - m.help - m.gitDiff],
    ];

    // 2. 1 and 100 staged notebooks with outputs, the filter off so the hook has work to do.
    const staged = {};
    for (const count of [1, 100]) {
      const dir = newRepo(root, `staged-${count}`);
      install(dir);
      git(dir, 'config', '--unset', 'filter.ml-hooks.process');
      git(dir, 'config', '--unset', 'filter.ml-hooks.required');
      for (let i = 0; i < count; i++) writeFileSync(join(dir, `nb${i}.ipynb`), notebook(i));
      git(dir, 'add', '-A');
      const pristine = join(dir, '.git', 'index.pristine');
      copyFileSync(join(dir, '.git', 'index'), pristine);
      const work = join(dir, '.git', 'index.bench');
      staged[count] = timeIt(() => {
        copyFileSync(pristine, work); // a fresh index each run (not worth timing separately: < 1 ms)
        const r = spawnSync('sh', [join(dir, '.git', 'hooks', 'pre-commit')], { cwd: dir, env: { ...env, GIT_INDEX_FILE: work } });
        if (r.status !== 0) throw new Error(String(r.stderr));
      }, 7);
    }

    console.log('hooks (bench/hooks.bench.mjs; throw-away repositories with ml-hooks installed)');
    console.log(`  pre-commit, nothing to strip: hook script ${fmt(script)}, the hook entry alone ${fmt(direct)}, node -e 0 ${fmt(bare)}`);
    console.log(`    ratio hook script / node -e 0: ${ratio(script, bare)}; CLI alone / node -e 0: ${ratio(direct, bare)} (target <= 1.25x; medians of 21 interleaved rounds)`);
    for (const [what, ms] of breakdown) console.log(`    ${fmt(ms).padStart(9)}  ${what}`);
    console.log(`  pre-commit, 1 staged notebook with outputs:    ${fmt(staged[1])}`);
    console.log(`  pre-commit, 100 staged notebooks with outputs: ${fmt(staged[100])}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
