// `git add` of the 200-notebook corpus (bench/corpus.mjs, 27 MB) in a repository with ml-hooks
// installed (one filter process for all files) against a clean filter started once per file
// (`ml-hooks strip`, as nbstripout installs itself), with no filter for reference.
// Goal: the installed filter at least 200x faster (nbstripout's own per-file filter took 25 s).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus } from './corpus.mjs';
import { CLI, ROOT, fmt, median, ratio } from './util.mjs';

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'B', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'B', GIT_COMMITTER_EMAIL: 'b@b' };
const env = { ...process.env, ...GIT_ENV };

function git(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export default async function filterBench() {
  const corpus = join(ROOT, 'bench', '.corpus', 'notebooks');
  const files = ensureCorpus(corpus);
  const root = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-filter-'));
  try {
    /** A repository with the corpus in it; returns a `git add -A` from an empty index, timed. */
    const addRepo = (name, setup) => {
      const dir = join(root, name);
      mkdirSync(dir);
      git(dir, 'init', '-q', '-b', 'main');
      setup(dir);
      cpSync(corpus, join(dir, 'nb'), { recursive: true });
      return (runs) => {
        const times = [];
        for (let i = 0; i < runs; i++) {
          rmSync(join(dir, '.git', 'index'), { force: true });
          const start = performance.now();
          const r = spawnSync('git', ['add', '-A'], { cwd: dir, env });
          times.push(performance.now() - start);
          if (r.status !== 0) throw new Error(String(r.stderr));
        }
        return median(times);
      };
    };
    const installed = addRepo('installed', (dir) => {
      const r = spawnSync(process.execPath, [CLI, 'install'], { cwd: dir, encoding: 'utf8', env });
      if (r.status !== 0) throw new Error(r.stderr);
    });
    const storeOff = addRepo('store-off', (dir) => {
      writeFileSync(join(dir, '.ml-hooks.json'), '{"output-store": {"enabled": false}}\n');
      const r = spawnSync(process.execPath, [CLI, 'install'], { cwd: dir, encoding: 'utf8', env });
      if (r.status !== 0) throw new Error(r.stderr);
    });
    const perFile = addRepo('per-file', (dir) => {
      writeFileSync(join(dir, '.gitattributes'), '*.ipynb filter=perfile\n');
      git(dir, 'config', 'filter.perfile.clean', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} strip`);
      git(dir, 'config', 'filter.perfile.required', 'true');
    });
    const none = addRepo('none', () => {});
    installed(1); // warm-up (the output store is filled once)
    const processFilter = installed(7);
    storeOff(1);
    const withoutStore = storeOff(7);
    const perFileFilter = perFile(1);
    const noFilter = none(7);
    console.log(`filter: git add of ${files.length} notebooks (bench/corpus.mjs, 27 MB)`);
    console.log(`  installed filter (one process) ${fmt(processFilter)}   per-file clean filter ${fmt(perFileFilter)}   no filter ${fmt(noFilter)}`);
    console.log(`    speed-up of the installed filter: ${ratio(perFileFilter, processFilter)} (goal >= 200x; nbstripout's per-file filter: 25 s for such a corpus)`);
    console.log(`    with the output store off (nbstripout's behaviour): ${fmt(withoutStore)}, ${ratio(perFileFilter, withoutStore)} the per-file filter`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
