import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { decodeGitPath, fsPath } from './bytePaths.js';

/**
 * A name typed on the command line whose bytes were not UTF-8 reaches node with U+FFFD in their
 * place (process.argv is decoded). When no file has that name, the one file in its folder whose
 * name reads the same way is meant; with none or several, the name stays as typed.
 */
export function resolveTypedName(typed: string, cwd: string): string {
  if (!typed.includes('\ufffd')) return typed;
  const folder = dirname(typed);
  let names: Buffer[];
  try {
    statSync(resolve(cwd, typed));
    return typed;
  } catch {
    try {
      names = readdirSync(fsPath(resolve(cwd, folder)), { encoding: 'buffer' });
    } catch {
      return typed;
    }
  }
  const matches = names.filter((name) => name.toString('utf8') === basename(typed));
  return matches.length === 1 ? join(folder, decodeGitPath(matches[0]!)) : typed;
}

/** Does the file or folder a name typed on the command line means exist (see resolveTypedName)? */
export function typedPathExists(typed: string, cwd: string): boolean {
  try {
    statSync(fsPath(resolve(cwd, resolveTypedName(typed, cwd))));
    return true;
  } catch {
    return false;
  }
}
