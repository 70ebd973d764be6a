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
  kind: 'attributes' | 'husky' | 'config';
}

export interface HookStub {
  /** Absolute path of our hook file. */
  path: string;
  /** A foreign hook was there: renamed to `<path>.ml-hooks-chained`. */
  chained: boolean;
}

export interface GitConfigEdit {
  key: string;
  value: string;
  previous: string | null;
}

export interface InstallState {
  version: 1;
  node: string;
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

export function writeInstallState(dir: string, state: InstallState): void {
  writeFileAtomic(join(dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}
