// The pre-push scan of a whole history (a new branch to an empty remote) against its floor:
// `git rev-list --objects … | git cat-file --batch-check` alone. Target: at most 1.3× the floor.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, fmt, median, ratio, timeCommand } from './util.mjs';
import { rng as random } from './corpus.mjs';

const COMMITS = 10_000;
const BLOBS_PER_COMMIT = 5; // 50,000 blobs
const DIRS = 100;
const FILES_PER_DIR = 50;
const ZERO = '0'.repeat(40);
const RUNS = 9;
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: join(ROOT, 'bench', '.corpus') };


function git(cwd, args, input) {
  const r = spawnSync('git', args, { cwd, env: ENV, input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.toString('utf8');
}

/** Builds the history with one `git fast-import`: each commit rewrites 5 files with fresh content. */
function buildHistory(dir) {
  const rand = random(20261128);
  const parts = [];
  let blobs = 0;
  for (let c = 1; c <= COMMITS; c++) {
    const message = `Commit ${c}\n`;
    parts.push(`commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.com> ${1_700_000_000 + c} +0000\ndata ${Buffer.byteLength(message)}\n${message}`);
    if (c > 1) parts.push(`from :${c - 1}\n`);
    const paths = new Set();
    while (paths.size < BLOBS_PER_COMMIT) paths.add(`src/pkg${Math.floor(rand() * DIRS)}/module${Math.floor(rand() * FILES_PER_DIR)}.py`);
    for (const [b, path] of [...paths].entries()) {
      const lines = 5 + Math.floor(rand() * 60);
      let content = `# revision ${c}.${b}\n`;
      for (let l = 0; l < lines; l++) content += `value_${l} = ${Math.floor(rand() * 1e9)}\n`;
      parts.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}`);
      blobs++;
    }
    parts.push('\n');
  }
  git(dir, ['fast-import', '--quiet'], parts.join(''));
  git(dir, ['repack', '-adq']);
  return blobs;
}

export default async function guardBench() {
  const dir = join(ROOT, 'bench', '.corpus', 'guard-history');
  const marker = join(dir, '.git', 'ml-hooks-bench-v2');
  let built = 0;
  if (!existsSync(marker)) {
    spawnSync('rm', ['-rf', dir]);
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    const t = performance.now();
    buildHistory(dir);
    built = performance.now() - t;
    git(dir, ['remote', 'add', 'origin', join(dir, 'no-such-remote.git')]); // empty remote: no tracking refs
    spawnSync('touch', [marker]);
  }
  const tip = git(dir, ['rev-parse', 'main']).trim();
  const objects = Number(git(dir, ['rev-list', '--objects', '--count', 'main']).trim() || 0);
  const blobCount = git(dir, ['rev-list', '--objects', '--no-object-names', '--filter=object:type=blob', 'main']).split('\n').filter(Boolean).length;
  const stdin = `refs/heads/main ${tip} refs/heads/main ${ZERO}\n`;

  // The machine is shared: alternate the two so that load hits both alike; compare medians.
  const floorCommand = `git rev-list --objects ${tip} --not --remotes=origin | git cat-file --batch-check='%(objecttype) %(objectname) %(objectsize) %(rest)' --buffer`;
  const scans = [];
  const floors = [];
  for (let i = 0; i < RUNS; i++) {
    scans.push(timeCommand(process.execPath, [CLI, 'hook', 'pre-push', 'origin', 'file:///nowhere'], { cwd: dir, input: stdin, env: ENV, runs: 1, warmup: i === 0 }));
    floors.push(timeCommand('sh', ['-c', floorCommand], { cwd: dir, env: ENV, runs: 1, warmup: i === 0 }));
  }
  const scan = median(scans);
  const floor = median(floors);

  console.log(`guard: pre-push scan of ${COMMITS} commits, ${blobCount} blobs, ${objects} objects (seeded fast-import history${built ? `, built in ${fmt(built)}` : ', cached in bench/.corpus'})`);
  console.log(`  \`ml-hooks hook pre-push\` (new branch, empty remote): ${fmt(scan)}, start-up included`);
  console.log(`  floor \`git rev-list --objects … | git cat-file --batch-check\`: ${fmt(floor)}`);
  console.log(`  ratio ${ratio(scan, floor)} (target <= 1.3x; medians of ${RUNS} alternating runs, min ${fmt(Math.min(...scans))} vs ${fmt(Math.min(...floors))})`);
}
