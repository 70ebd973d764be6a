import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './writeFileAtomic.js';
import { fsPath } from './bytePaths.js';

/** Writes atomically unless the file already holds exactly this text; true when written. */
export function writeIfChanged(path: string, text: string): boolean {
  try {
    if (readFileSync(fsPath(path), 'utf8') === text) return false;
  } catch {
    mkdirSync(fsPath(dirname(path)), { recursive: true });
  }
  writeFileAtomic(path, text);
  return true;
}
