import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadFile } from '../../pairing/findPair.js';

/** Reads repository-relative paths under `root`; undefined for a missing or unreadable file. */
export function readIfExistsUnder(root: string): ReadFile {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (!cache.has(path)) {
      let text: string | undefined;
      try {
        text = readFileSync(join(root, path), 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(path, text);
    }
    return cache.get(path);
  };
}
