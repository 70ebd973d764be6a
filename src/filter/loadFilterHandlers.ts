// The filter's work for the repository at `cwd`: the strip settings the commit hook applies, and
// this clone's output store (clean remembers, smudge restores).
import type { Writable } from 'node:stream';
import { Repo } from '../git/repo.js';
import { blobId } from '../git/blobId.js';
import { loadSettings } from '../settings/loadSettings.js';
import { stripNotebookText } from '../notebook/strip.js';
import { openOutputStore } from '../store/openOutputStore.js';
import type { FilterHandlers } from './runFilterProcess.js';
import { cleanNotebook } from './cleanNotebook.js';
import { cleanNotebookStream } from './cleanNotebookStream.js';
import { passThroughReason, workingNotebook } from './workingNotebook.js';
import { filterConfigInvalid } from '../messages/filter.js';

/** git runs the filter at the top of the work tree; the runner exports the per-clone folder. */
export async function loadFilterHandlers(cwd: string, env: NodeJS.ProcessEnv, stderr: Writable): Promise<FilterHandlers> {
  const repo = new Repo(cwd, env);
  const settings = await loadSettings(repo.root, env);
  for (const w of settings.warnings) stderr.write(`${w}\n`);
  if (settings.errors.length > 0) stderr.write(filterConfigInvalid(settings.errors));
  const valid = settings.errors.length === 0;
  const isNotebook = settings.isNotebook;
  const optionsFor = (path: string) => (valid && isNotebook(path) ? settings.stripOptionsFor(path) : undefined);
  const store = valid ? openOutputStore(repo, settings, env.ML_HOOKS_STATE_DIR) : undefined;

  // git cleans a file whenever it compares it (git diff, status, commit), not only to add it: the
  // warning is worth saying once per content, when git is about to store it, and not when the
  // index already holds exactly these bytes (nothing is being added).
  const said = new Set<string>();
  const SAID_ONCE_UP_TO = 64 * 1000 * 1000;
  const worthSaying = async (path: string, stored: Buffer): Promise<boolean> => {
    const id = blobId(stored);
    if (said.has(`${id} ${path}`)) return false;
    said.add(`${id} ${path}`);
    return (await repo.indexEntries([path])).get(path)?.oid !== id;
  };

  return {
    async clean(path, content) {
      const outcome = cleanNotebook(path, content, isNotebook, optionsFor(path), stripNotebookText, passThroughReason);
      if (store && outcome.content !== content) store.remember(path, outcome.content, content);
      if (outcome.warning !== undefined && !(await worthSaying(path, outcome.content))) return { content: outcome.content };
      return outcome;
    },
    async cleanStream(path, chunks) {
      const outcome = await cleanNotebookStream(path, chunks, isNotebook, optionsFor(path), stripNotebookText, passThroughReason);
      // (the store keeps no entry over half its size: a big notebook is not read back for it)
      if (store && outcome.stripped && outcome.size <= store.maxBytes / 2) store.remember(path, outcome.stripped, outcome.sent());
      // (a file passed through is what git stores; one too big to read back whole is always said)
      if (outcome.warning !== undefined && outcome.size <= SAID_ONCE_UP_TO && !(await worthSaying(path, outcome.sent()))) {
        const { warning: _said, ...quiet } = outcome;
        return quiet;
      }
      return outcome;
    },
    smudge(path, content) {
      if (!store || !optionsFor(path)) return content;
      return workingNotebook(settings, store, path, content);
    },
    close: () => store?.prune(),
  };
}
