import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './writeFileAtomic.js';
import { fsPath } from './bytePaths.js';

/** Does the file hold exactly this text? (false when it cannot be read) */
export function holdsText(path: string, text: string): boolean {
  try {
    return readFileSync(fsPath(path), 'utf8') === text;
  } catch {
    return false;
  }
}

/** Writes atomically unless the file already holds exactly this text; true when written. */
export function writeIfChanged(path: string, text: string): boolean {
  if (holdsText(path, text)) return false;
  mkdirSync(fsPath(dirname(path)), { recursive: true });
  writeFileAtomic(path, text);
  return true;
}
