// The filter's work for the repository at `cwd`: the strip settings the commit hook applies, and
// this clone's output store (clean remembers, smudge restores).
import type { Writable } from 'node:stream';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import { readNbstripoutGitConfig } from '../git/readNbstripoutGitConfig.js';
import { makePathMatcher } from '../config/makePathMatcher.js';
import { stripOptionsFromConfig } from '../config/stripOptionsFromConfig.js';
import { stripNotebookText } from '../notebook/strip.js';
import { NotebookError } from '../notebook/errors.js';
import { gitSync } from '../git/runGit.js';
import { OUTPUT_STORE_DIR, OutputStore } from '../store/outputStore.js';
import type { FilterHandlers } from './runFilterProcess.js';
import { cleanNotebook } from './cleanNotebook.js';
import { smudgeNotebook } from './smudgeNotebook.js';
import { filterConfigInvalid } from '../messages/filter.js';

/** The per-clone folder (`<git-common-dir>/ml-hooks`): the runner exports it; git is asked otherwise. */
export function stateDirOf(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.ML_HOOKS_STATE_DIR) return env.ML_HOOKS_STATE_DIR;
  const r = gitSync(['rev-parse', '--git-common-dir'], { cwd, env });
  return r.code === 0 ? join(resolve(cwd, r.stdout.toString('utf8').trim()), 'ml-hooks') : undefined;
}

export async function loadFilterHandlers(cwd: string, env: NodeJS.ProcessEnv, stderr: Writable): Promise<FilterHandlers> {
  const result = await loadConfig(cwd, await readNbstripoutGitConfig(cwd, env));
  for (const w of result.warnings) stderr.write(`${w}\n`);
  if (result.errors.length > 0) stderr.write(filterConfigInvalid(result.errors));
  const valid = result.errors.length === 0;
  const isNotebook = await makePathMatcher(result.config.notebooks, result.config.exclude);
  const reasonOf = (error: unknown) => (error instanceof NotebookError ? error.reason : undefined);
  const optionsFor = (path: string) => (valid && isNotebook(path) ? stripOptionsFromConfig(result.config.strip, path) : undefined);
  const stateDir = valid && result.config.outputStore.enabled ? stateDirOf(cwd, env) : undefined;
  const store = stateDir ? new OutputStore(join(stateDir, OUTPUT_STORE_DIR), result.config.outputStore.maxSize) : undefined;

  return {
    clean(path, content) {
      const outcome = cleanNotebook(path, content, isNotebook, optionsFor(path), stripNotebookText, reasonOf);
      if (store && outcome.content !== content) store.remember(outcome.content, content);
      return outcome;
    },
    smudge(path, content) {
      const options = optionsFor(path);
      if (!store || !options) return content;
      return smudgeNotebook(
        content,
        (blob) => store.recall(blob),
        (notebook) => {
          const outcome = cleanNotebook(path, notebook, isNotebook, options, stripNotebookText, reasonOf);
          return outcome.warning === undefined ? outcome.content : undefined;
        },
      );
    },
    close: () => store?.prune(),
  };
}
