// Seeded generator of a realistic notebook corpus: code cells with stream, text and PNG image
// outputs, execution counts, timing metadata and widget state. Same seed, same bytes.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
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

// ---------------------------------------------------------------------------------------------
// A corpus shaped like real notebooks from public repositories, about 100 MB for 200 notebooks:
// most bytes are PNG images and HTML tables (pandas), then training logs with progress bars,
// tracebacks with ANSI colours, SVG, plotly JSON, widget state. Mostly written as Jupyter writes
// (indent 1, keys sorted), some as Colab does (indent 2, `nbformat` first).

const sorted = (obj) => Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const PY_LINES = [
  'import numpy as np', 'import pandas as pd', 'import matplotlib.pyplot as plt', 'from sklearn.model_selection import train_test_split',
  'df = pd.read_csv("data/train.csv", sep=";")', "print(f\"accuracy: {acc:.3f} \\u2014 done\")", 'X_train, X_test = train_test_split(X, test_size=0.2)',
  'model.fit(X_train, y_train, epochs=10, batch_size=32)', "plt.title('Loss — épocas')", 'path = "C:\\\\data\\\\raw"', '\tfor i in range(10):',
  'def train(model, loader):', '    return {"loss": loss, "acc": acc}', '%matplotlib inline', '!pip install -q transformers', '# 数据预处理',
];

/** 1 MB of seeded random bytes in base64: images are slices of it (filling bytes one by one is slow in jest). */
let pool;
function base64Pool() {
  if (pool === undefined) {
    const random = rng(7);
    const words = new Uint32Array(1 << 18);
    for (let i = 0; i < words.length; i++) words[i] = Math.floor(random() * 2 ** 32);
    pool = Buffer.from(words.buffer).toString('base64');
  }
  return pool;
}

function pngBase64(random, bytes) {
  const chars = Math.ceil(bytes / 3) * 4;
  const start = Math.floor((random() * (base64Pool().length - 4)) / 4) * 4;
  let body = '';
  while (body.length < chars) body += base64Pool().slice(start, start + chars - body.length);
  return 'iVBORw0KGgo' + body + '\n';
}

function htmlTable(random, rows) {
  const lines = ['<div>\n', '<style scoped>\n', '    .dataframe tbody tr th:only-of-type {\n', '        vertical-align: middle;\n', '    }\n', '</style>\n',
    '<table border="1" class="dataframe">\n', '  <thead>\n', '    <tr style="text-align: right;">\n', '      <th></th>\n'];
  for (const col of ['feature', 'value', 'score', 'label']) lines.push(`      <th>${col}</th>\n`);
  lines.push('    </tr>\n', '  </thead>\n', '  <tbody>\n');
  for (let r = 0; r < rows; r++) {
    lines.push('    <tr>\n', `      <th>${r}</th>\n`, `      <td>f_${Math.floor(random() * 1000)}</td>\n`, `      <td>${(random() * 100).toFixed(4)}</td>\n`,
      `      <td>${random().toFixed(6)}</td>\n`, `      <td>${random() < 0.5 ? 'cat' : 'dog'}</td>\n`, '    </tr>\n');
  }
  lines.push('  </tbody>\n', '</table>\n', `<p>${rows} rows × 4 columns</p>\n`, '</div>');
  return lines;
}

function realOutput(random, count) {
  const r = random();
  if (r < 0.3) {
    return sorted({ data: sorted({ 'image/png': pngBase64(random, Math.floor(10_000 + random() * 90_000)), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }), metadata: { needs_background: 'light' }, output_type: 'display_data' });
  }
  if (r < 0.55) {
    const rows = 10 + Math.floor(random() * 120);
    return sorted({ data: sorted({ 'text/html': htmlTable(random, rows), 'text/plain': [`   feature     value  ...`, `[${rows} rows x 4 columns]`] }), execution_count: count, metadata: {}, output_type: 'execute_result' });
  }
  if (r < 0.75) {
    const text = Array.from({ length: 5 + Math.floor(random() * 200) }, (_, i) =>
      random() < 0.3 ? `\r${Math.floor(random() * 100)}%|████▌     | ${i}/200 [00:0${i % 10}<00:10, 19.5it/s]` : `Epoch ${i}: loss=${random().toFixed(5)} val_acc=${random().toFixed(4)}\n`);
    return sorted({ name: random() < 0.8 ? 'stdout' : 'stderr', output_type: 'stream', text });
  }
  if (r < 0.85) {
    return sorted({ ename: 'ValueError', evalue: 'could not convert string to float: \'n/a\'', output_type: 'error', traceback: [
      '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
      '\u001b[0;31mValueError\u001b[0m                                Traceback (most recent call last)',
      `Cell \u001b[0;32mIn[${count}], line 3\u001b[0m\n\u001b[1;32m      1\u001b[0m df \u001b[38;5;241m=\u001b[39m pd\u001b[38;5;241m.\u001b[39mread_csv(\u001b[38;5;124m"\u001b[39m\u001b[38;5;124mx.csv\u001b[39m\u001b[38;5;124m"\u001b[39m)`,
      '\u001b[0;31mValueError\u001b[0m: could not convert string to float: \'n/a\''] });
  }
  if (r < 0.92) {
    const svg = ['<?xml version="1.0" encoding="utf-8" standalone="no"?>\n', '<svg xmlns="http://www.w3.org/2000/svg" width="460" height="345">\n'];
    for (let i = 0; i < 100 + random() * 800; i++) svg.push(`  <path d="M ${(random() * 400).toFixed(3)} ${(random() * 300).toFixed(3)} L ${(random() * 400).toFixed(3)} ${(random() * 300).toFixed(3)}" style="fill:none;stroke:#1f77b4"/>\n`);
    svg.push('</svg>\n');
    return sorted({ data: sorted({ 'image/svg+xml': svg, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }), metadata: {}, output_type: 'display_data' });
  }
  if (r < 0.97) {
    const n = 100 + Math.floor(random() * 1500);
    const trace = { type: 'scatter', x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, () => random() * 10 - 5), mode: 'lines', name: 'loss' };
    return sorted({ data: sorted({ 'application/vnd.plotly.v1+json': { config: { plotlyServerURL: 'https://plot.ly' }, data: [trace], layout: { template: { data: {} }, title: { text: 'Loss' } } }, 'text/html': ['<div id="plot">…</div>'] }), metadata: {}, output_type: 'display_data' });
  }
  return sorted({ data: sorted({ 'application/vnd.jupyter.widget-view+json': { model_id: Math.floor(random() * 1e16).toString(16), version_major: 2, version_minor: 0 }, 'text/plain': ['HBox(children=(FloatProgress(value=0.0, max=100.0), HTML(value="")))'] }), metadata: {}, output_type: 'display_data' });
}

export function makeRealShapedNotebook(random, { outputScale = 1 } = {}) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const withIds = random() < 0.7;
  const cells = [];
  let count = 0;
  for (let c = 0, n = 10 + Math.floor(random() * 40); c < n; c++) {
    const id = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
    if (random() < 0.35) {
      const cell = { cell_type: 'markdown', metadata: random() < 0.2 ? { tags: ['intro'] } : {}, source: [`## ${pick(['Données', 'Training', 'Évaluation', '结果', 'Setup'])} ${c}\n`, '\n', `See [the docs](https://example.org/${c}) — *${random().toFixed(3)}*`] };
      if (random() < 0.05) cell.attachments = { 'image.png': { 'image/png': pngBase64(random, 2000) } };
      if (withIds) cell.id = id;
      cells.push(sorted(cell));
      continue;
    }
    count++;
    const outputs = [];
    for (let o = 0, k = Math.floor(random() * 3); o < k; o++) {
      const output = realOutput(random, count);
      outputs.push(outputScale === 1 ? output : scaleOutput(output, outputScale));
    }
    const metadata = {};
    if (random() < 0.5) metadata.ExecuteTime = { end_time: '2024-03-01T10:00:00.123Z', start_time: '2024-03-01T09:59:59.001Z' };
    if (random() < 0.3) metadata.collapsed = false;
    if (random() < 0.2) metadata.scrolled = true;
    if (random() < 0.1) metadata.tags = ['parameters'];
    if (random() < 0.1) metadata.jupyter = { source_hidden: true };
    const cell = { cell_type: 'code', execution_count: random() < 0.9 ? count : null, metadata: sorted(metadata), outputs, source: Array.from({ length: 1 + Math.floor(random() * 15) }, () => pick(PY_LINES) + '\n') };
    if (withIds) cell.id = id;
    cells.push(sorted(cell));
  }
  const metadata = {
    kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
    language_info: sorted({ codemirror_mode: { name: 'ipython', version: 3 }, file_extension: '.py', mimetype: 'text/x-python', name: 'python', nbconvert_exporter: 'python', pygments_lexer: 'ipython3', version: '3.11.7' }),
  };
  if (random() < 0.3) metadata.widgets = { 'application/vnd.jupyter.widget-state+json': { state: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i}`, { model_name: 'LayoutModel', state: { width: `${i}px` } }])), version_major: 2, version_minor: 0 } };
  if (random() < 0.2) metadata.vscode = { interpreter: { hash: Math.floor(random() * 1e16).toString(16) } };
  const nb = { cells, metadata: sorted(metadata), nbformat: 4, nbformat_minor: withIds ? 5 : 4 };
  if (random() < 0.1) return JSON.stringify({ nbformat: 4, nbformat_minor: nb.nbformat_minor, metadata: nb.metadata, cells }, null, 2) + '\n'; // Colab
  return JSON.stringify(nb, null, 1) + '\n';
}

/** The same output with its bulk scaled: longer images, more table rows and log lines. */
function scaleOutput(output, scale) {
  const data = output.data;
  if (data?.['image/png']) return { ...output, data: { ...data, 'image/png': data['image/png'].slice(0, -1).repeat(Math.max(1, Math.round(scale))) + '\n' } };
  if (data?.['text/html']) return { ...output, data: { ...data, 'text/html': Array.from({ length: Math.max(1, Math.round(scale)) }, () => data['text/html']).flat() } };
  if (output.text) return { ...output, text: Array.from({ length: Math.max(1, Math.round(scale)) }, () => output.text).flat() };
  return output;
}

/** The texts of the real-shaped corpus, in order (the tests check every one). */
export function* realShapedCorpus({ count = 200, seed = 20260315 } = {}) {
  const random = rng(seed);
  for (let i = 0; i < count; i++) yield makeRealShapedNotebook(random);
}

/** Writes the real-shaped corpus into `dir` (once; reused when present) and returns its paths. */
export function ensureRealShapedCorpus(dir, { count = 200, seed = 20260315 } = {}) {
  if (!existsSync(dir) || readdirSync(dir).filter((f) => f.endsWith('.ipynb')).length !== count) {
    mkdirSync(dir, { recursive: true });
    let i = 0;
    for (const text of realShapedCorpus({ count, seed })) writeFileSync(join(dir, `nb${String(i++).padStart(3, '0')}.ipynb`), text);
  }
  return readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(dir, f));
}

/**
 * Writes a notebook of two code cells whose image outputs hold `imageBytes` of base64 between
 * them, in 1 MB pieces (never held in memory). Two files written with different sizes strip to
 * the same bytes: the small one is the big one's twin.
 */
export function writeBigNotebook(path, imageBytes, { notebookMetadata = '{"kernelspec": {"name": "python3"}}' } = {}) {
  const fd = openSync(path, 'w');
  const head = (n) => ` {\n  "cell_type": "code",\n  "execution_count": ${n},\n  "id": "c${n}",\n  "metadata": {"scrolled": true},\n  "outputs": [\n   {\n    "data": {\n     "image/png": "`;
  const tail = `"\n    },\n    "metadata": {},\n    "output_type": "display_data"\n   }\n  ],\n  "source": ["plot(1)\\n", "x = 'é'"]\n }`;
  writeSync(fd, '{\n "cells": [\n');
  const piece = Buffer.alloc(1_000_000, 'iVBORw0KGgo');
  for (let cell = 0; cell < 2; cell++) {
    if (cell > 0) writeSync(fd, ',\n');
    writeSync(fd, head(cell + 1));
    for (let written = 0; written < imageBytes / 2; written += piece.length) writeSync(fd, piece);
    writeSync(fd, tail);
  }
  writeSync(fd, `\n ],\n "metadata": ${notebookMetadata},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`);
  closeSync(fd);
}
