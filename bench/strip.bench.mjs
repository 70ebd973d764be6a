// Strip throughput on the real-shaped corpus (bench/corpus.mjs: 200 notebooks, about 100 MB,
// mostly images and HTML tables), in one process, each notebook read from disk and its result
// written: the byte-level strip against the full parse, and against the raw read + write of the
// same bytes (the floor). Rounds alternate, so the machine's noise falls on all three alike.
// Then `ml-hooks strip DIR` on a copy, and the cold start for one small notebook.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ensureRealShapedCorpus } from './corpus.mjs';
import { CLI, ROOT, fmt, importSource, median, ratio, spread, timeCommand } from './util.mjs';

export default async function stripBench() {
  const corpusDir = join(ROOT, 'bench', '.corpus', 'real-shaped');
  const files = ensureRealShapedCorpus(corpusDir);
  const megabytes = files.reduce((n, f) => n + readFileSync(f).length, 0) / 1e6;
  const { stripNotebookBytes } = await importSource('src/notebook/stripNotebookBytes.ts');
  const { planStrip } = await importSource('src/notebook/planStrip.ts');
  const { DEFAULT_STRIP_OPTIONS } = await importSource('src/notebook/stripOptions.ts');

  const work = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-strip-'));
  const out = (file) => join(work, basename(file));
  const ways = {
    floor: () => {
      for (const f of files) writeFileSync(out(f), readFileSync(f));
    },
    byteLevel: () => {
      for (const f of files) {
        const plan = stripNotebookBytes(readFileSync(f), DEFAULT_STRIP_OPTIONS);
        if (plan.fullParse !== undefined) throw new Error(`${f} fell back to the full parse: ${plan.fullParse}`);
        if (plan.changed) writeFileSync(out(f), plan.output);
      }
    },
    fullParse: () => {
      for (const f of files) {
        const plan = planStrip(readFileSync(f, 'utf8'), DEFAULT_STRIP_OPTIONS);
        if (plan.changed) writeFileSync(out(f), plan.output);
      }
    },
  };
  const times = { floor: [], byteLevel: [], fullParse: [] };
  for (const way of Object.keys(ways)) ways[way](); // warm-up
  for (let round = 0; round < 7; round++) {
    for (const way of Object.keys(ways)) {
      const start = performance.now();
      ways[way]();
      times[way].push(performance.now() - start);
    }
  }
  const [floor, byteLevel, fullParse] = [times.floor, times.byteLevel, times.fullParse].map(median);
  const perRound = (a, b) => times[a].map((t, i) => t / times[b][i]);

  // The whole command on the folder, in place, on a fresh copy each run (the copy is not timed).
  const cliRuns = [];
  for (let i = 0; i < 3; i++) {
    rmSync(join(work, 'nb'), { recursive: true, force: true });
    cpSync(corpusDir, join(work, 'nb'), { recursive: true });
    cliRuns.push(timeCommand(process.execPath, [CLI, 'strip', join(work, 'nb')], { runs: 1, warmup: false }));
  }
  rmSync(work, { recursive: true, force: true });

  const small = join(ROOT, 'test', 'fixtures', 'nbstripout', 'notebooks', 'test_metadata.ipynb');
  const cold = timeCommand(process.execPath, [CLI, 'strip', '--textconv', small], { runs: 21 });
  const bare = timeCommand(process.execPath, ['-e', '0'], { runs: 21 });

  console.log(`strip: ${files.length} real-shaped notebooks, ${megabytes.toFixed(1)} MB (bench/corpus.mjs, seeded), read + strip + write, 7 rounds`);
  console.log(`  byte-level strip ${fmt(byteLevel)}   full parse ${fmt(fullParse)}   read + write floor ${fmt(floor)}`);
  console.log(`    byte-level / floor: ${ratio(byteLevel, floor)} (rounds ${spread(perRound('byteLevel', 'floor'))}; goal <= 3x)`);
  console.log(`    full parse / byte-level: ${ratio(fullParse, byteLevel)} (rounds ${spread(perRound('fullParse', 'byteLevel'))})`);
  console.log(`  \`ml-hooks strip DIR\` on the ${files.length}, in place, start-up included: ${fmt(median(cliRuns))} (nbstripout on such a corpus: about 1.5 s per 100 MB)`);
  console.log(`  cold start, 1 notebook:  ${fmt(cold)}   \`node -e 0\` ${fmt(bare)}   ratio ${ratio(cold, bare)}`);
}
