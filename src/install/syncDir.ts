import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes `dst` hold the same files as `src` (recursively), writing only files that differ and
 * removing files `src` no longer has. Returns whether anything changed.
 */
export function syncDir(src: string, dst: string): boolean {
  let changed = false;
  mkdirSync(dst, { recursive: true });
  const wanted = new Set(readdirSync(src));
  for (const name of readdirSync(dst)) {
    if (!wanted.has(name)) {
      rmSync(join(dst, name), { recursive: true, force: true });
      changed = true;
    }
  }
  for (const name of wanted) {
    const from = join(src, name);
    const to = join(dst, name);
    const st = statSync(from);
    if (st.isDirectory()) {
      if (syncDir(from, to)) changed = true;
      continue;
    }
    changed = syncFile(from, to, st.mode & 0o777) || changed;
  }
  return changed;
}

export function syncFile(from: string, to: string, mode: number): boolean {
  const data = readFileSync(from);
  let current: Buffer | undefined;
  try {
    current = readFileSync(to);
  } catch {
    current = undefined;
  }
  if (current?.equals(data)) return false;
  writeFileSync(to, data);
  chmodSync(to, mode);
  return true;
}
