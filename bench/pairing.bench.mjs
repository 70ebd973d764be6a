// Pairing: converting the 200-notebook corpus to scripts (and back) in one process, and the cold
// start of `ml-hooks convert` for one notebook. For scale, Jupytext takes 0.6–1.0 s to start per
// file and about 2.7 s for 200 notebooks in one process on this kind of machine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus } from './corpus.mjs';
import { CLI, ROOT, fmt, importSources, median, timeCommand, timeIt } from './util.mjs';

const JUPYTEXT_PROCESS_200_MS = 2700;
const JUPYTEXT_COLD_MS = 600; // the fast end of 0.6–1.0 s

const importPairing = () => importSources('pairing', { 'src/jupytext/notebookToScript.ts': 'notebookToScript', 'src/jupytext/scriptToNotebook.ts': 'scriptToNotebook', 'src/notebook/codec.ts': 'readNotebook' });

export default async function pairingBench() {
  const corpusDir = join(ROOT, 'bench', '.corpus', 'notebooks');
  const files = ensureCorpus(corpusDir);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const { notebookToScript, scriptToNotebook, readNotebook } = await importPairing();
  const format = { extension: '.py', formatName: 'percent' };

  let scripts = [];
  const toScript = timeIt(() => {
    scripts = texts.map((t) => notebookToScript(readNotebook(t), format));
  });
  const light = timeIt(() => {
    for (const t of texts) notebookToScript(readNotebook(t), { extension: '.py', formatName: 'light' });
  });
  const toNotebook = timeIt(() => {
    for (const s of scripts) scriptToNotebook(s, format);
  });
  // Markdown, measured in the same process right after percent, so the ratio compares like with like.
  const markdownFormats = { md: { extension: '.md', formatName: 'markdown' }, 'md:myst': { extension: '.md', formatName: 'myst' } };
  const toMarkdown = {};
  const fromMarkdown = {};
  for (const [name, mdFormat] of Object.entries(markdownFormats)) {
    let texts2 = [];
    toMarkdown[name] = timeIt(() => {
      texts2 = texts.map((t) => notebookToScript(readNotebook(t), mdFormat));
    });
    fromMarkdown[name] = timeIt(() => {
      for (const s of texts2) scriptToNotebook(s, mdFormat);
    });
  }
  const percentAgain = timeIt(() => {
    for (const t of texts) notebookToScript(readNotebook(t), format);
  });

  const work = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-pair-'));
  const one = join(work, 'one.ipynb');
  writeFileSync(one, texts[0]);
  const cold = timeCommand(process.execPath, [CLI, 'convert', one, '--to', 'py:percent', '-o', '-'], { runs: 21 });
  const coldScript = (() => {
    writeFileSync(join(work, 'one.py'), scripts[0]);
    return timeCommand(process.execPath, [CLI, 'convert', join(work, 'one.py'), '--to', 'ipynb', '-o', '-'], { runs: 21 });
  })();
  const bare = timeCommand(process.execPath, ['-e', '0'], { runs: 21 });
  rmSync(work, { recursive: true, force: true });

  const x = (ours, theirs) => `${(theirs / ours).toFixed(0)}x faster`;
  console.log(`pairing: ${files.length} notebooks (bench/corpus.mjs, seeded)`);
  console.log(`  notebook -> py:percent, one process: ${fmt(toScript)}   (Jupytext ~${JUPYTEXT_PROCESS_200_MS} ms: ${x(toScript, JUPYTEXT_PROCESS_200_MS)}; target >= 10x)`);
  console.log(`  notebook -> py:light, one process:   ${fmt(light)}`);
  console.log(`  py:percent -> notebook, one process: ${fmt(toNotebook)}`);
  const percentMs = Math.min(toScript, percentAgain);
  for (const name of Object.keys(markdownFormats)) {
    console.log(`  notebook -> ${name.padEnd(7)} one process: ${fmt(toMarkdown[name])}   (${(toMarkdown[name] / percentMs).toFixed(2)}x the percent conversion)   ${name} -> notebook: ${fmt(fromMarkdown[name])} (${(fromMarkdown[name] / toNotebook).toFixed(2)}x percent -> notebook)`);
  }
  console.log(`  cold start \`convert nb.ipynb --to py:percent\`: ${fmt(cold)}   \`node -e 0\` ${fmt(bare)}   (Jupytext 600–1000 ms: ${x(cold, JUPYTEXT_COLD_MS)}; target >= 10x)`);
  console.log(`  cold start \`convert nb.py --to ipynb\`:         ${fmt(coldScript)}`);
  void median;
}
