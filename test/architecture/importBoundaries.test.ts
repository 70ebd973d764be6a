// The layout shows the architecture (docs/architecture.md): decision code lives in folders that
// do no I/O, and this test reads every import to keep it so.
import { test, expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

const SRC = join(REPO_ROOT, 'src');

/** Folders of pure decision code: values in, values out. */
const PURE = ['notebook', 'jupytext', 'pairing', 'match', 'merge', 'diff', 'config', 'messages', 'guard', 'check', 'errors'];
/** Folders at the edges: they run git, touch files, or talk to the process. */
const EDGES = ['git', 'fs', 'settings', 'store', 'filter', 'hooks', 'install', 'scan', 'cli', 'strip'];
const FORBIDDEN_MODULES = ['fs', 'fs/promises', 'child_process', 'os', 'process', 'net', 'worker_threads'];

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) found.push({ file, spec: m[3]!, typeOnly: Boolean(m[2]) });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ file, spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ file, spec: m[1]!, typeOnly: false });
  return found;
}

const folderOf = (file: string): string => relative(SRC, file).split('/')[0]!;
const targetFolder = (imp: Import): string | undefined => (imp.spec.startsWith('.') ? folderOf(resolve(dirname(imp.file), imp.spec)) : undefined);
const all = sourceFiles(SRC);

test('every source folder is either pure or an edge', () => {
  const folders = [...new Set(all.map(folderOf))].sort();
  expect(folders).toEqual([...PURE, ...EDGES].sort());
});

test('pure folders import no fs, child_process, os or process, and no edge folder (types aside)', () => {
  const offences: string[] = [];
  for (const file of all.filter((f) => PURE.includes(folderOf(f)))) {
    const rel = relative(SRC, file);
    for (const imp of importsOf(file)) {
      const module = imp.spec.replace(/^node:/, '');
      if (FORBIDDEN_MODULES.includes(module)) offences.push(`${rel} imports ${imp.spec}`);
      const folder = targetFolder(imp);
      if (folder && EDGES.includes(folder) && !imp.typeOnly) offences.push(`${rel} imports ${imp.spec} (an edge)`);
    }
    const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    if (/\bprocess\.(env|cwd|stdout|stderr|stdin|exit|exitCode|argv|on|once|kill|pid|platform)\b/.test(code)) offences.push(`${rel} uses process`);
  }
  expect(offences).toEqual([]);
});

test('messages are only text: they import nothing but other messages (and types)', () => {
  const offences = all
    .filter((f) => folderOf(f) === 'messages')
    .flatMap((file) => importsOf(file).filter((imp) => !imp.typeOnly && targetFolder(imp) !== 'messages').map((imp) => `${relative(SRC, file)} imports ${imp.spec}`));
  expect(offences).toEqual([]);
});

test('no import cycle between folders (value imports)', () => {
  const edges = new Map<string, Set<string>>();
  for (const file of all) {
    for (const imp of importsOf(file)) {
      const to = targetFolder(imp);
      const from = folderOf(file);
      if (!to || imp.typeOnly || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  const cycles: string[] = [];
  const visit = (node: string, path: string[]): void => {
    if (path.includes(node)) {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
  };
  for (const node of edges.keys()) visit(node, []);
  expect([...new Set(cycles.map((c) => c.split(' -> ').slice(0, -1).sort().join(',')))]).toEqual([]);
});

test('a plain clone tests itself: no test or bench reads ../shared', () => {
  const dirs = [join(REPO_ROOT, 'test'), join(REPO_ROOT, 'bench')];
  const files = dirs.flatMap((d) => readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(ts|mjs|js)$/.test(e.name)).map((e) => join(e.parentPath, e.name)));
  const code = (f: string) => readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const reads = (text: string) => text.includes(`'..', '${'shared'}'`) || text.includes(`../${'shared'}/`);
  const offenders = files.filter((f) => !f.includes(join('test', 'fixtures')) && reads(code(f)));
  expect(offenders.map((f) => relative(REPO_ROOT, f))).toEqual([]);
});
