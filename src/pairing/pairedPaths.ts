// Where the other side of a pair lives. A format may carry a folder prefix and a name suffix:
// `ipynb,py:percent` (same folder), `ipynb,scripts//py:percent` (a `scripts` folder next to the
// notebook), `notebooks///ipynb,scripts///py:percent` (parallel trees: a notebook under any
// `notebooks/` folder has its script at the same place under `scripts/`). Jupytext's semantics,
// for repository-relative paths with `/` separators.
import type { FormatSpec } from '../jupytext/formats.js';

function rsplit(path: string, sep: string): [string, string] {
  const i = path.lastIndexOf(sep);
  return i < 0 ? ['', path] : [path.slice(0, i), path.slice(i + sep.length)];
}

function splitPrefix(prefix: string): { root: string; dir: string; file: string } {
  let root = '';
  let rest = prefix;
  const i = prefix.lastIndexOf('//');
  if (i >= 0) {
    root = prefix.slice(0, i);
    rest = prefix.slice(i + 2);
  }
  const [dir, file] = rsplit(rest, '/');
  return { root, dir, file };
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

/** The path without extension, suffix and prefix (with `//` marking a prefix root); undefined if the path does not fit the format. */
export function basePath(path: string, fmt: FormatSpec): string | undefined {
  const ext = extensionOf(path);
  if (ext !== fmt.extension) return undefined;
  let base = path.slice(0, path.length - ext.length);
  if (fmt.suffix) {
    if (!base.endsWith(fmt.suffix)) return undefined;
    base = base.slice(0, -fmt.suffix.length);
  }
  if (!fmt.prefix) return base;
  const { root, dir, file } = splitPrefix(fmt.prefix);
  let [notebookDir, fileName] = rsplit(base, '/');
  if (file) {
    if (!fileName.startsWith(file)) return undefined;
    fileName = fileName.slice(file.length);
  }
  if (dir) {
    let parent = notebookDir;
    let expected = dir;
    const popped: string[] = [];
    while (expected) {
      let folder: string;
      [expected, folder] = rsplit(expected, '/');
      if (folder === '..') {
        if (popped.length === 0) return undefined;
        parent = parent ? `${parent}/${popped.pop()!}` : popped.pop()!;
      } else {
        let actual: string;
        [parent, actual] = rsplit(parent, '/');
        popped.push(actual);
        if (actual !== folder) return undefined;
      }
    }
    notebookDir = parent;
  }
  if (root) {
    const longRoot = `/${root}/`;
    const longDir = `/${notebookDir}/`;
    const at = longDir.lastIndexOf(longRoot);
    if (at < 0) return undefined;
    const left = longDir.slice(0, at);
    const right = longDir.slice(at + longRoot.length);
    // "left//right" with the outer slashes removed
    notebookDir = `${left}/` + `//${right}`;
    notebookDir = notebookDir.slice(1, right ? -1 : notebookDir.length);
    if (!right) return `${notebookDir}${fileName}`;
  }
  return notebookDir ? `${notebookDir}/${fileName}` : fileName;
}

/** The path of a format's file for a base path from `basePath`. */
export function fullPath(base: string, fmt: FormatSpec): string {
  let full = base;
  if (fmt.prefix) {
    const { root, dir, file } = splitPrefix(fmt.prefix);
    const hasRoot = base.includes('//');
    if ((root !== '') !== hasRoot) throw new Error(`use folder prefixes with // in all the paired formats, or in none (${fmt.prefix})`);
    let notebookDir: string;
    let fileName: string;
    if (root) {
      const i = base.lastIndexOf('//');
      const left = base.slice(0, i);
      const right = base.slice(i + 2);
      const [rightDir, name] = rsplit(right, '/');
      fileName = name;
      notebookDir = left + root + (rightDir ? '/' + rightDir : '');
      if (left && !left.endsWith('/')) notebookDir = `${left}/${root}${rightDir ? '/' + rightDir : ''}`;
    } else {
      [notebookDir, fileName] = rsplit(base, '/');
    }
    if (file) fileName = file + fileName;
    if (dir) {
      let d = dir;
      while (d.startsWith('../')) {
        d = d.slice(3);
        notebookDir = rsplit(notebookDir, '/')[0];
      }
      if (notebookDir && !notebookDir.endsWith('/')) notebookDir += '/';
      notebookDir += d;
    }
    if (notebookDir && !notebookDir.endsWith('/')) notebookDir += '/';
    full = notebookDir + fileName;
  }
  if (fmt.suffix) full += fmt.suffix;
  return full + fmt.extension;
}

/** The paths of every format in the list for the file at `path`, or undefined if no format fits it. */
export function pairedPaths(path: string, formats: readonly FormatSpec[]): { path: string; format: FormatSpec }[] | undefined {
  for (const fmt of formats) {
    const base = basePath(path, fmt);
    if (base === undefined) continue;
    try {
      const paths = formats.map((f) => ({ path: fullPath(base, f), format: f }));
      if (paths.some((p) => p.path === path)) return paths;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
