// Strip throughput against the JSON.parse + JSON.stringify floor, and cold start against bare node.
import { cpSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus } from './corpus.mjs';
import { CLI, ROOT, fmt, importSource, median, ratio, timeCommand, timeIt } from './util.mjs';

export default async function stripBench() {
  const corpusDir = join(ROOT, 'bench', '.corpus', 'notebooks');
  const files = ensureCorpus(corpusDir);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const megabytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  const { stripNotebookText } = await importSource('src/notebook/strip.ts');
  const { DEFAULT_STRIP_OPTIONS } = await importSource('src/notebook/stripOptions.ts');

  const strip = timeIt(() => {
    for (const t of texts) stripNotebookText(t, DEFAULT_STRIP_OPTIONS);
  });
  const floor = timeIt(() => {
    for (const t of texts) JSON.stringify(JSON.parse(t), null, 1);
  });

  // The whole command on the folder, in place, on a fresh copy each run (the copy is not timed).
  const work = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-'));
  const cliRuns = [];
  for (let i = 0; i < 3; i++) {
    rmSync(join(work, 'nb'), { recursive: true, force: true });
    cpSync(corpusDir, join(work, 'nb'), { recursive: true });
    cliRuns.push(timeCommand(process.execPath, [CLI, 'strip', join(work, 'nb')], { runs: 1, warmup: false }));
  }
  const cli = median(cliRuns);
  rmSync(work, { recursive: true, force: true });

  const small = join(ROOT, 'test', 'fixtures', 'nbstripout', 'notebooks', 'test_metadata.ipynb');
  const cold = timeCommand(process.execPath, [CLI, 'strip', '--textconv', small], { runs: 21 });
  const bare = timeCommand(process.execPath, ['-e', '0'], { runs: 21 });

  console.log(`strip: ${files.length} notebooks, ${megabytes.toFixed(1)} MB (bench/corpus.mjs, seeded)`);
  console.log(`  in one process:          ${fmt(strip)}   floor JSON.parse+JSON.stringify ${fmt(floor)}   ratio ${ratio(strip, floor)} (target <= 2x)`);
  console.log(`  \`ml-hooks strip DIR\`:     ${fmt(cli)} for all ${files.length}, start-up and I/O included (nbstripout: about 2.5 s)`);
  console.log(`  cold start, 1 notebook:  ${fmt(cold)}   \`node -e 0\` ${fmt(bare)}   ratio ${ratio(cold, bare)} (target <= 1.5x; nbstripout: about 0.3 s)`);
}
