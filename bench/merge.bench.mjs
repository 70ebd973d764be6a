// The merge benchmark: seeded three-way cases made from real-shaped notebooks (Jupytext's test
// notebooks and the generated ML corpus, stripped as they are committed), merged by ml-hooks'
// cell merge and, as the baseline, by git's own text merge (`git merge-file`) of the same files.
// Four kinds of case:
//   different cells       each side edits, adds, inserts or deletes other cells: must merge
//                         cleanly, to exactly the result of applying both sides' edits;
//   same cell, apart      both sides edit one cell on lines at least one line apart: clean;
//   overlapping           both sides rewrite the same line of one cell: must conflict;
//   same deletion         both sides delete one cell, one of them also rewrites a line of the
//                         cell before or after it: clean, the cell gone and the edit kept.
//                         Reported apart when that cell has one line (rewritten whole): then
//                         nothing tells whether the rewrite is of that cell or of the deleted
//                         one (an edit against a deletion), so a conflict is right too, and a
//                         clean merge must be the expected one.
// For each: clean merges, results equal to the expected one, conflicts, invalid notebooks
// (checked by Debian's python3-nbformat when present, else by ml-hooks' codec), and results
// that lost a line of either side (a line is lost when it is in neither the result nor was
// deleted on purpose by the other side).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeNotebook, rng } from './corpus.mjs';
import { ROOT, CLI, fmt, importSources, timeCommand } from './util.mjs';

const CASES_PER_KIND = 120;
const SEED = 20261201;
const PYTHON = '/usr/bin/python3';

const importMerge = () => importSources('merge', { 'src/merge/mergeNotebookTexts.ts': 'mergeNotebookTexts', 'src/notebook/codec.ts': 'readNotebook, writeNotebook', 'src/jupytext/notebookToScript.ts': 'notebookToScript' });

/** Base notebooks: nbformat 4 notebooks of Jupytext's tests with four cells or more, and generated ones; no outputs. */
function baseNotebooks(readNotebook, writeNotebook) {
  const dir = join(ROOT, 'test', 'fixtures', 'jupytext', 'inputs');
  const texts = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const random = rng(SEED);
  for (let i = 0; i < 12; i++) texts.push(JSON.stringify(makeNotebook(random, i, { imageBytes: 10 })));
  const out = [];
  for (const text of texts) {
    let nb;
    try {
      nb = readNotebook(text);
    } catch {
      continue;
    }
    if (nb.nbformat !== 4 || !Array.isArray(nb.cells) || nb.cells.length < 4) continue;
    delete nb._index;
    for (const cell of nb.cells) {
      if (cell.cell_type === 'code') {
        cell.outputs = [];
        cell.execution_count = null;
      }
    }
    out.push(readNotebook(writeNotebook(nb)));
  }
  return out;
}

const clone = (nb) => JSON.parse(JSON.stringify(nb));
const linesOf = (source) => (source === '' ? [] : source.split('\n'));

/** Builds one case: base, ours, theirs (notebooks) and the expected cell sources, or undefined when the notebook does not fit. */
function makeCase(kind, base, random, counter) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const fresh = (side) => `${side}_value_${counter.n++} = compute(${Math.floor(random() * 1000)})`;
  const cells = base.cells;
  const editable = cells.map((_c, i) => i).filter((i) => cells[i].cell_type !== 'raw' && cells[i].source.trim() !== '');
  if (kind === 'different cells') {
    if (editable.length < 2) return undefined;
    const i = pick(editable);
    const j = pick(editable.filter((x) => x !== i));
    const ops = { ours: [i, pick(['edit', 'add', 'insert', 'delete'])], theirs: [j, pick(['edit', 'add', 'insert', 'delete'])] };
    // Two deletions side by side are a conflict by design (each side keeps what the other deleted).
    if (ops.ours[1] === 'delete' && ops.theirs[1] === 'delete' && Math.abs(i - j) === 1) ops.theirs[1] = 'edit';
    const sides = {};
    const expected = cells.map((c) => ({ source: c.source, after: [] }));
    for (const side of ['ours', 'theirs']) {
      const [at, op] = ops[side];
      const nb = clone(base);
      const lines = linesOf(nb.cells[at].source);
      if (op === 'edit') lines[Math.floor(random() * lines.length)] = fresh(side);
      if (op === 'add') lines.push(fresh(side));
      if (op === 'edit' || op === 'add') {
        nb.cells[at].source = lines.join('\n');
        expected[at].source = nb.cells[at].source;
      } else if (op === 'insert') {
        const cell = { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: fresh(side) };
        if (nb.nbformat_minor >= 5) cell.id = `${side}-${counter.n}`;
        nb.cells.splice(at + 1, 0, cell);
        expected[at].after.push(cell.source);
      } else {
        nb.cells.splice(at, 1);
        expected[at].source = undefined;
      }
      sides[side] = nb;
    }
    return { ...sides, expected: expected.flatMap((e) => [...(e.source === undefined ? [] : [e.source]), ...e.after]) };
  }
  if (kind === 'same deletion') {
    const beside = (i) => [i - 1, i + 1].filter((n) => editable.includes(n));
    const candidates = editable.filter((i) => beside(i).length > 0);
    if (candidates.length === 0) return undefined;
    const at = pick(candidates);
    const next = pick(beside(at));
    const [ours, theirs] = [clone(base), clone(base)];
    const editor = random() < 0.5 ? 'ours' : 'theirs';
    const lines = linesOf(cells[next].source);
    lines[Math.floor(random() * lines.length)] = fresh(editor);
    const edited = lines.join('\n');
    (editor === 'ours' ? ours : theirs).cells[next].source = edited;
    ours.cells.splice(at, 1);
    theirs.cells.splice(at, 1);
    return { ours, theirs, expected: cells.flatMap((c, i) => (i === at ? [] : [i === next ? edited : c.source])), rewrittenWhole: lines.length === 1 };
  }
  const long = editable.filter((i) => linesOf(cells[i].source).length >= 3);
  if (long.length === 0) return undefined;
  const at = pick(long);
  const lines = linesOf(cells[at].source);
  const ours = clone(base);
  const theirs = clone(base);
  if (kind === 'same cell, apart') {
    // Ours changes line a (rewrites it, or adds a line before it), theirs line b (rewrites it,
    // or adds a line after it), with at least one untouched line between.
    const a = Math.floor(random() * (lines.length - 2));
    const b = a + 2 + Math.floor(random() * (lines.length - a - 2));
    const mineAt = random() < 0.5 ? [fresh('ours')] : [fresh('ours'), lines[a]];
    const yoursAt = random() < 0.5 ? [fresh('theirs')] : [lines[b], fresh('theirs')];
    ours.cells[at].source = [...lines.slice(0, a), ...mineAt, ...lines.slice(a + 1)].join('\n');
    theirs.cells[at].source = [...lines.slice(0, b), ...yoursAt, ...lines.slice(b + 1)].join('\n');
    const both = [...lines.slice(0, a), ...mineAt, ...lines.slice(a + 1, b), ...yoursAt, ...lines.slice(b + 1)].join('\n');
    return { ours, theirs, expected: cells.map((c, i) => (i === at ? both : c.source)) };
  }
  const k = Math.floor(random() * lines.length);
  const mine = [...lines];
  const yours = [...lines];
  mine[k] = fresh('ours');
  yours[k] = fresh('theirs');
  ours.cells[at].source = mine.join('\n');
  theirs.cells[at].source = yours.join('\n');
  return { ours, theirs, expected: undefined };
}

/** Every line that is in a notebook text's strings (sources and all): for results that are not JSON. */
function linesInText(text) {
  const lines = new Set();
  for (const m of text.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
    let s;
    try {
      s = JSON.parse(`"${m[1]}"`);
    } catch {
      continue;
    }
    for (const l of s.split('\n')) lines.add(l);
  }
  for (const l of text.split('\n')) lines.add(l);
  return lines;
}

function sourceLines(nb) {
  return new Set(nb.cells.flatMap((c) => linesOf(c.source)));
}

/** Lines of either side missing from the result that the other side did not delete. */
function lostLines(base, ours, theirs, resultLines) {
  const b = sourceLines(base);
  const o = sourceLines(ours);
  const t = sourceLines(theirs);
  let lost = 0;
  for (const [mine, other] of [[o, t], [t, o]]) {
    for (const line of mine) if (!resultLines.has(line) && !(b.has(line) && !other.has(line))) lost++;
  }
  return lost;
}

/**
 * The paired case: git merges the scripts itself (here its merge-ort, in a scratch repository
 * with three commits per case); ml-hooks' notebook merge must give the same script.
 */
function pairedAgreement(cases, { mergeNotebookTexts, readNotebook, notebookToScript }) {
  const format = { extension: '.py', formatName: 'percent' };
  const repo = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-paired-'));
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
  const git = (args, input) => {
    const r = spawnSync('git', args, { cwd: repo, input, env });
    return { code: r.status, out: r.stdout.toString('utf8') };
  };
  git(['init', '-q', '.']);
  const commit = (text, parent) => {
    const blob = git(['hash-object', '-w', '--stdin'], text).out.trim();
    const tree = git(['mktree'], `100644 blob ${blob}\tnb.py\n`).out.trim();
    return git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', 'case']).out.trim();
  };
  const out = { cases: 0, clean: 0, agree: 0, bothConflicted: 0, disagree: 0 };
  for (const c of cases) {
    const scripts = ['base', 'ours', 'theirs'].map((side) => notebookToScript(readNotebook(c.texts[side]), format));
    const base = commit(scripts[0]);
    const merged = git(['merge-tree', '--write-tree', '--no-messages', commit(scripts[1], base), commit(scripts[2], base)]);
    const gitScript = git(['cat-file', 'blob', `${merged.out.split('\n')[0]}:nb.py`]).out;
    const notebook = mergeNotebookTexts(c.texts, { pairFormat: format, makeId: () => 'x' });
    out.cases++;
    if (merged.code === 0) {
      out.clean++;
      if (!notebook.conflicted && notebookToScript(readNotebook(notebook.text), format) === gitScript) out.agree++;
      else out.disagree++;
    } else if (notebook.conflicted) out.bothConflicted++;
    else out.disagree++;
  }
  rmSync(repo, { recursive: true, force: true });
  return out;
}

/** Which texts are valid nbformat 4 notebooks: Debian's nbformat.validate, else our codec. */
function validity(texts, readNotebook) {
  if (existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import nbformat']).status === 0) {
    const script = `
import json, sys, warnings, logging
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")
import nbformat
out = []
for text in json.load(sys.stdin):
    try:
        nbformat.validate(nbformat.reads(text, as_version=4))
        out.append(True)
    except Exception:
        out.append(False)
print(json.dumps(out))
`;
    const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(texts), maxBuffer: 1 << 30 });
    if (r.status === 0) return { valid: JSON.parse(r.stdout.toString()), by: 'python3-nbformat' };
  }
  return {
    valid: texts.map((t) => {
      try {
        readNotebook(t);
        return true;
      } catch {
        return false;
      }
    }),
    by: "ml-hooks' codec",
  };
}

export default async function mergeBench() {
  const { mergeNotebookTexts, readNotebook, writeNotebook, notebookToScript } = await importMerge();
  const bases = baseNotebooks(readNotebook, writeNotebook);
  const random = rng(SEED);
  const counter = { n: 0 };
  const kinds = ['different cells', 'same cell, apart', 'overlapping', 'same deletion'];
  const cases = [];
  for (const kind of kinds) {
    let made = 0;
    for (let attempt = 0; made < CASES_PER_KIND && attempt < CASES_PER_KIND * 20; attempt++) {
      const base = bases[Math.floor(random() * bases.length)];
      const c = makeCase(kind, base, random, counter);
      if (!c) continue;
      cases.push({ kind, base, ...c, texts: { base: writeNotebook(base), ours: writeNotebook(c.ours), theirs: writeNotebook(c.theirs) } });
      made++;
    }
  }

  const work = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-merge-'));
  const results = [];
  let mlHooksMs = 0;
  let gitMs = 0;
  for (const c of cases) {
    let t0 = performance.now();
    const ours = mergeNotebookTexts(c.texts, { makeId: () => `m${counter.n++}` });
    mlHooksMs += performance.now() - t0;
    for (const side of ['base', 'ours', 'theirs']) writeFileSync(join(work, side), c.texts[side]);
    t0 = performance.now();
    const g = spawnSync('git', ['merge-file', '-p', '-L', 'ours', '-L', 'base', '-L', 'theirs', join(work, 'ours'), join(work, 'base'), join(work, 'theirs')]);
    gitMs += performance.now() - t0;
    results.push({ c, mlHooks: { text: ours.text, conflicted: ours.conflicted }, git: { text: g.stdout.toString('utf8'), conflicted: g.status !== 0 } });
  }
  rmSync(work, { recursive: true, force: true });

  const check = validity(results.flatMap((r) => [r.mlHooks.text, r.git.text]), readNotebook);
  const rows = [];
  const REWRITTEN = 'same deletion, one-line cell rewritten';
  const kindOf = (c) => (c.kind === 'same deletion' && c.rewrittenWhole ? REWRITTEN : c.kind);
  for (const kind of [...kinds, REWRITTEN]) {
    for (const tool of ['mlHooks', 'git']) {
      const row = { kind, tool: tool === 'mlHooks' ? 'ml-hooks merge' : 'git merge-file', cases: 0, clean: 0, expected: 0, conflict: 0, invalid: 0, lost: 0 };
      results.forEach((r, i) => {
        if (kindOf(r.c) !== kind) return;
        const out = r[tool];
        row.cases++;
        const valid = check.valid[2 * i + (tool === 'mlHooks' ? 0 : 1)];
        if (out.conflicted) row.conflict++;
        else row.clean++;
        if (!valid) row.invalid++;
        let merged;
        try {
          merged = valid ? readNotebook(out.text) : undefined;
        } catch {
          merged = undefined;
        }
        if (!out.conflicted && merged && r.c.expected && JSON.stringify(merged.cells.map((cell) => cell.source)) === JSON.stringify(r.c.expected)) row.expected++;
        const lines = merged ? sourceLines(merged) : linesInText(out.text);
        if (lostLines(r.c.base, r.c.ours, r.c.theirs, lines) > 0) row.lost++;
      });
      rows.push(row);
    }
  }

  const paired = pairedAgreement(cases, { mergeNotebookTexts, readNotebook, notebookToScript });

  // One merge as git runs it: a new process per notebook.
  const one = mkdtempSync(join(tmpdir(), 'ml-hooks-bench-merge1-'));
  const sample = cases[0].texts;
  for (const side of ['base', 'ours', 'theirs']) writeFileSync(join(one, side), sample[side]);
  const driverMs = timeCommand(process.execPath, [CLI, 'merge', '-o', '-', join(one, 'base'), join(one, 'ours'), join(one, 'theirs')], { runs: 11 });
  const mergeFileMs = timeCommand('git', ['merge-file', '-p', join(one, 'ours'), join(one, 'base'), join(one, 'theirs')], { runs: 11 });
  rmSync(one, { recursive: true, force: true });

  console.log(`\n## Merge (${cases.length} three-way cases from ${bases.length} notebooks, seed ${SEED}; validity by ${check.by})\n`);
  console.log('| kind | tool | cases | clean | as expected | conflict | invalid | lost a line |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.kind} | ${r.tool} | ${r.cases} | ${r.clean} | ${r.kind === 'overlapping' ? '–' : r.expected} | ${r.conflict} | ${r.invalid} | ${r.lost} |`);
  console.log(`\nPaired with a py:percent script, the same ${paired.cases} cases: git merges the three scripts (merge-ort, through \`git merge-tree\`), ml-hooks the notebooks.`);
  console.log(`git's script merge clean: ${paired.clean}, of which the merged notebook's script is byte for byte git's merged script: ${paired.agree}; both conflicted: ${paired.bothConflicted}; disagreeing: ${paired.disagree}`);
  const wrong = rows.filter((r) => r.tool === 'ml-hooks merge' && (r.invalid > 0 || r.lost > 0 || (r.kind === 'overlapping' ? r.conflict !== r.cases : r.kind === REWRITTEN ? r.expected !== r.clean : r.expected !== r.cases)));
  if (paired.disagree > 0) wrong.push({ kind: 'paired' });
  if (wrong.length > 0) {
    console.log(`\nFAILED: ml-hooks merge must give valid notebooks, lose no line, merge all kinds but the overlapping one as expected and conflict on that one, and merge a one-line cell rewritten beside a deletion as expected or conflict (${wrong.map((r) => r.kind).join(', ')})`);
    process.exitCode = 1;
  }
  console.log(`\nin one process: ml-hooks merges the ${cases.length} cases in ${fmt(mlHooksMs)}; git merge-file, a process per case, ${fmt(gitMs)}`);
  console.log(`one merge as git runs a driver (new process): ml-hooks merge ${fmt(driverMs)}, git merge-file ${fmt(mergeFileMs)}`);
}
