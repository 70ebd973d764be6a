// The filter's work for the repository at `cwd`: the strip settings the commit hook applies, and
// this clone's output store (clean remembers, smudge restores).
import type { Writable } from 'node:stream';
import { Repo } from '../git/repo.js';
import { loadSettings } from '../settings/loadSettings.js';
import { stripNotebookText } from '../notebook/strip.js';
import { NotebookError } from '../notebook/errors.js';
import { openOutputStore } from '../store/openOutputStore.js';
import type { FilterHandlers } from './runFilterProcess.js';
import { cleanNotebook } from './cleanNotebook.js';
import { cleanNotebookStream } from './cleanNotebookStream.js';
import { smudgeNotebook } from './smudgeNotebook.js';
import { filterConfigInvalid } from '../messages/filter.js';

/** git runs the filter at the top of the work tree; the runner exports the per-clone folder. */
export async function loadFilterHandlers(cwd: string, env: NodeJS.ProcessEnv, stderr: Writable): Promise<FilterHandlers> {
  const repo = new Repo(cwd, env);
  const settings = await loadSettings(repo.root, env);
  for (const w of settings.warnings) stderr.write(`${w}\n`);
  if (settings.errors.length > 0) stderr.write(filterConfigInvalid(settings.errors));
  const valid = settings.errors.length === 0;
  const isNotebook = settings.isNotebook;
  const reasonOf = (error: unknown) => (error instanceof NotebookError ? error.reason : undefined);
  const optionsFor = (path: string) => (valid && isNotebook(path) ? settings.stripOptionsFor(path) : undefined);
  const store = valid ? openOutputStore(repo, settings, env.ML_HOOKS_STATE_DIR) : undefined;

  return {
    clean(path, content) {
      const outcome = cleanNotebook(path, content, isNotebook, optionsFor(path), stripNotebookText, reasonOf);
      if (store && outcome.content !== content) store.remember(outcome.content, content);
      return outcome;
    },
    async cleanStream(path, chunks) {
      const outcome = await cleanNotebookStream(path, chunks, isNotebook, optionsFor(path), stripNotebookText, reasonOf);
      // (the store keeps no entry over half its size: a big notebook is not read back for it)
      if (store && outcome.stripped && outcome.size <= store.maxBytes / 2) store.remember(outcome.stripped, outcome.sent());
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
