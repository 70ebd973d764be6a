import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoStorage } from '../guard/findings.js';

/** Whether the repository uses DVC (a `.dvc/` folder) or Git LFS (`filter=lfs` in `.gitattributes`). */
export function detectRepoStorage(root: string): RepoStorage {
  const dvcDir = join(root, '.dvc');
  const dvc = existsSync(dvcDir) && statSync(dvcDir).isDirectory();
  let lfs = false;
  try {
    lfs = /(^|\s)filter=lfs(\s|$)/m.test(readFileSync(join(root, '.gitattributes'), 'utf8'));
  } catch {
    // no .gitattributes
  }
  return { dvc, lfs };
}
