// Seeded generator of a realistic notebook corpus: code cells with stream, text and PNG image
// outputs, execution counts, timing metadata and widget state. Same seed, same bytes.
import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['model', 'loss', 'epoch', 'train', 'data', 'batch', 'score', 'x', 'y', 'df', 'plot', 'np', 'features', 'label', 'pred'];

function base64Of(random, bytes) {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = Math.floor(random() * 256);
  return buf.toString('base64');
}

export function makeNotebook(random, index, { imageBytes = 30_000 } = {}) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const cells = [];
  const cellCount = 8 + Math.floor(random() * 16);
  let count = 0;
  for (let c = 0; c < cellCount; c++) {
    const id = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
    if (random() < 0.3) {
      cells.push({ cell_type: 'markdown', id, metadata: {}, source: [`## ${pick(WORDS)} ${c}\n`, '\n', `Notes about the ${pick(WORDS)}: ${random().toFixed(4)}`] });
      continue;
    }
    const lines = Array.from({ length: 2 + Math.floor(random() * 10) }, () => `${pick(WORDS)} = ${pick(WORDS)}(${Math.floor(random() * 100)}, ${random()})\n`);
    const outputs = [];
    count++;
    if (random() < 0.6) outputs.push({ name: 'stdout', output_type: 'stream', text: Array.from({ length: 1 + Math.floor(random() * 20) }, (_, i) => `epoch ${i} loss ${random()}\n`) });
    if (random() < 0.4) outputs.push({ data: { 'text/plain': [`${random()}`] }, execution_count: count, metadata: {}, output_type: 'execute_result' });
    if (random() < 0.25) {
      outputs.push({
        data: { 'image/png': base64Of(random, Math.floor(imageBytes * (0.5 + random()))) + '\n', 'text/plain': ['<Figure size 640x480 with 1 Axes>'] },
        metadata: { needs_background: 'light' },
        output_type: 'display_data',
      });
    }
    cells.push({
      cell_type: 'code',
      execution_count: count,
      id,
      metadata: { ExecuteTime: { end_time: '2024-03-01T10:00:00.123Z', start_time: '2024-03-01T09:59:59.001Z' }, collapsed: false, scrolled: true },
      outputs,
      source: lines,
    });
  }
  return {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python', version: '3.11.7', codemirror_mode: { name: 'ipython', version: 3 } },
      widgets: { 'application/vnd.jupyter.widget-state+json': { state: {}, version_major: 2, version_minor: 0 } },
    },
    nbformat: 4,
    nbformat_minor: 5,
    _index: index,
  };
}

/** Writes `count` notebooks into `dir` (once; reused when present) and returns their paths. */
export function ensureCorpus(dir, { count = 200, seed = 20261128 } = {}) {
  if (!existsSync(dir) || readdirSync(dir).filter((f) => f.endsWith('.ipynb')).length !== count) {
    mkdirSync(dir, { recursive: true });
    const random = rng(seed);
    for (let i = 0; i < count; i++) {
      const nb = makeNotebook(random, i);
      delete nb._index;
      writeFileSync(join(dir, `nb${String(i).padStart(3, '0')}.ipynb`), JSON.stringify(nb, null, 1) + '\n');
    }
  }
  return readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(dir, f));
}
