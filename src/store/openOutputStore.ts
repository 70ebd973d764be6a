import { join } from 'node:path';
import type { Repo } from '../git/repo.js';
import type { Settings } from '../config/settings.js';
import { OUTPUT_STORE_DIR, OutputStore } from './outputStore.js';

/** This clone's output store, or undefined when the settings turn it off. */
export function openOutputStore(repo: Repo, settings: Settings, stateDir?: string): OutputStore | undefined {
  if (!settings.outputStore.enabled) return undefined;
  return new OutputStore(join(stateDir ?? repo.stateDir(), OUTPUT_STORE_DIR), settings.outputStore.maxSize);
}
