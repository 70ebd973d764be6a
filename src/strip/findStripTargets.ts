// What `ml-hooks strip FILE|FOLDER …` works on: the files given, and the notebooks in the folders
// given (hidden folders, node_modules and __pycache__ skipped). Names are bytes: a folder is read
// as bytes and each name decoded losslessly (src/fs/bytePaths.ts), so a Latin-1 `lat\xe9.ipynb`
// is found and written back under its own name. Symbolic links are left alone (isSymbolicLink.ts):
// one given by name is reported, one inside a folder is skipped like any file that is no notebook.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeGitPath, fsPath } from '../fs/bytePaths.js';
import { isSymbolicLink, linkTarget } from '../fs/isSymbolicLink.js';
import { resolveTypedName } from '../fs/resolveTypedName.js';

export type StripTarget = { path: string } | { path: string; error: string };

/** What is said about a name given that is not stripped (the caller words it): a file without a notebook extension (no --force), a folder without notebooks, a link. */
export type TargetNote = { kind: 'skipped' | 'no-notebooks'; path: string } | { kind: 'symbolic-link'; path: string; target: string | undefined };

const NOTEBOOK_EXTENSIONS = ['.ipynb', '.zpln'];
const isNotebookName = (name: string): boolean => NOTEBOOK_EXTENSIONS.some((ext) => name.endsWith(ext));
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__']);

export function* findStripTargets(paths: readonly string[], force: boolean, cwd: string, note: (n: TargetNote) => void): Generator<StripTarget> {
  for (const typed of paths) {
    const path = resolveTypedName(typed, cwd);
    const absolute = fsPath(resolve(cwd, path));
    if (isSymbolicLink(absolute)) {
      note({ kind: 'symbolic-link', path, target: linkTarget(absolute) });
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      // reported when the file is read
    }
    if (!isDirectory) {
      if (force || isNotebookName(path)) yield { path };
      else note({ kind: 'skipped', path });
      continue;
    }
    if (isNotebookName(path.replace(/\/+$/, ''))) {
      yield { path, error: 'is a directory, not a notebook file' };
      continue;
    }
    const found = [...walkNotebooks(resolve(cwd, path), path)];
    if (found.length === 0) note({ kind: 'no-notebooks', path });
    for (const file of found) yield { path: file };
  }
}

function* walkNotebooks(absolute: string, shown: string): Generator<string> {
  const entries = readdirSync(fsPath(absolute), { withFileTypes: true, encoding: 'buffer' })
    .map((entry) => ({ entry, name: decodeGitPath(entry.name) }))
    .sort((a, b) => Buffer.compare(a.entry.name, b.entry.name));
  for (const { entry, name } of entries) {
    const child = join(shown, name);
    if (entry.isDirectory()) {
      if (!name.startsWith('.') && !SKIPPED_FOLDERS.has(name)) yield* walkNotebooks(join(absolute, name), child);
    } else if (entry.isFile() && isNotebookName(name)) {
      yield child;
    }
  }
}
