import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsPath } from './bytePaths.js';

/** A working-tree file's text (repository-relative path, any bytes), undefined when absent or unreadable. */
export function readWorkingText(root: string, path: string): string | undefined {
  try {
    return readFileSync(fsPath(join(root, path)), 'utf8');
  } catch {
    return undefined;
  }
}
