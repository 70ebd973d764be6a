// Settings for files that may live in different repositories (`ml-hooks strip ../other/nb.ipynb`):
// each file is governed by its own repository's settings, each repository loaded once.
import { dirname } from 'node:path';
import { findWorkTreeTop } from '../git/findWorkTreeTop.js';
import type { Settings } from '../config/settings.js';
import { loadSettings } from './loadSettings.js';

export class SettingsForFiles {
  private readonly byRoot = new Map<string, Promise<Settings>>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The settings of the repository holding `absolutePath` (a file or folder), undefined outside one. */
  async forPath(absolutePath: string, isFolder = false): Promise<Settings | undefined> {
    const root = findWorkTreeTop(isFolder ? absolutePath : dirname(absolutePath), this.env);
    if (root === undefined) return undefined;
    let settings = this.byRoot.get(root);
    if (!settings) this.byRoot.set(root, (settings = loadSettings(root, this.env)));
    return settings;
  }
}
