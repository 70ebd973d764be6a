// What `install` changed, kept per clone in <git-common-dir>/ml-hooks/state.json so that
// `uninstall` removes exactly that and `status` can say what is installed where.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/writeFileAtomic.js';

export interface FileEdit {
  /** Absolute path. */
  path: string;
  /** The bytes before install (null: the file did not exist). */
  before: string | null;
  /** The bytes install wrote. */
  after: string;
  kind: 'attributes' | 'husky' | 'config' | 'info-attributes';
}

export interface HookStub {
  /** Absolute path of our hook file. */
  path: string;
  /** A foreign hook was there: renamed to `<path>.ml-hooks-chained`. */
  chained: boolean;
  /** The bytes install wrote (absent in states written before 0.1.1): uninstall never deletes a changed hook. */
  written?: string;
}

export interface GitConfigEdit {
  key: string;
  value: string;
  previous: string | null;
}

export interface InstallState {
  version: 1;
  node: string;
  /** Where the clone was at install (absent in early states): a moved clone is noticed and its paths follow it. */
  top?: string;
  commonDir?: string;
  hooks: HookStub[];
  files: FileEdit[];
  gitConfig: GitConfigEdit[];
}

export const emptyState = (node: string): InstallState => ({ version: 1, node, hooks: [], files: [], gitConfig: [] });

export function readInstallState(dir: string): InstallState | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as InstallState;
  } catch {
    return undefined;
  }
}

/** Where the state says the clone was, when that is not where it is now (it was moved or renamed). */
export function movedFrom(state: InstallState, where: { top: string; commonDir: string }): { top: string; commonDir: string } | undefined {
  const top = state.top ?? state.files.find((f) => f.kind === 'attributes')?.path.replace(/\/\.gitattributes$/, '');
  const commonDir = state.commonDir ?? state.hooks[0]?.path.replace(/\/hooks\/[^/]+$/, '');
  if (top === undefined || commonDir === undefined) return undefined;
  return top === where.top && commonDir === where.commonDir ? undefined : { top, commonDir };
}

/** The state with every recorded path moved from where the clone was to where it is (pure). */
export function rebaseState(state: InstallState, where: { top: string; commonDir: string }): InstallState {
  const from = movedFrom(state, where);
  if (!from) return { ...state, top: where.top, commonDir: where.commonDir };
  // The git directory is usually inside the work tree: try the longer prefix first.
  const prefixes = [
    [from.commonDir, where.commonDir],
    [from.top, where.top],
  ].sort((a, b) => b[0]!.length - a[0]!.length) as [string, string][];
  const move = (path: string): string => {
    for (const [old, now] of prefixes) if (path === old || path.startsWith(`${old}/`)) return now + path.slice(old.length);
    return path;
  };
  return {
    ...state,
    top: where.top,
    commonDir: where.commonDir,
    hooks: state.hooks.map((h) => ({ ...h, path: move(h.path) })),
    files: state.files.map((f) => ({ ...f, path: move(f.path) })),
  };
}

export function writeInstallState(dir: string, state: InstallState): void {
  writeFileAtomic(join(dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}
