// The installed ml-hooks package (dist/, hooks/, templates/), found from the running bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ml-hooks') return dir;
      } catch {
        // not ours
      }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the ml-hooks package above ${from}`);
  }
}
