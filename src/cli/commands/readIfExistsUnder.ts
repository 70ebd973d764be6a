import type { ReadFile } from '../../pairing/findPair.js';
import { readWorkingText } from '../../fs/readWorkingText.js';

/** Reads repository-relative paths under `root`; undefined for a missing or unreadable file. */
export function readIfExistsUnder(root: string): ReadFile {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (!cache.has(path)) {
      cache.set(path, readWorkingText(root, path));
    }
    return cache.get(path);
  };
}
