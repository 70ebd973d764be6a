// The strip settings of the repository at `cwd`, shared by the filter and the textconv so they
// apply exactly what the commit hook applies.
import type { Writable } from 'node:stream';
import { loadConfig } from '../config/loadConfig.js';
import { readNbstripoutGitConfig } from '../git/readNbstripoutGitConfig.js';
import { makePathMatcher } from '../config/makePathMatcher.js';
import { stripOptionsFromConfig } from '../config/stripOptionsFromConfig.js';
import { stripNotebookText } from '../notebook/strip.js';
import { NotebookError } from '../notebook/errors.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { filterConfigInvalid } from '../messages/filter.js';

export interface StripSetup {
  isNotebook: (path: string) => boolean;
  /** undefined: configuration invalid, pass every file through. */
  optionsFor: (path: string) => StripOptions | undefined;
  strip: (text: string, options: StripOptions) => string;
  reasonOf: (error: unknown) => string | undefined;
}

export async function loadStripSetup(cwd: string, env: NodeJS.ProcessEnv, stderr: Writable): Promise<StripSetup> {
  const result = await loadConfig(cwd, await readNbstripoutGitConfig(cwd, env));
  for (const w of result.warnings) stderr.write(`${w}\n`);
  if (result.errors.length > 0) stderr.write(filterConfigInvalid(result.errors));
  const valid = result.errors.length === 0;
  return {
    isNotebook: await makePathMatcher(result.config.notebooks, result.config.exclude),
    optionsFor: (path) => (valid ? stripOptionsFromConfig(result.config.strip, path) : undefined),
    strip: stripNotebookText,
    reasonOf: (error) => (error instanceof NotebookError ? error.reason : undefined),
  };
}
