// `ml-hooks textconv FILE` (hidden): what `git diff`, `git show` and `git log -p` show of a
// notebook (diff.ml-hooks.textconv): its cells as a percent script, stripped with the
// repository's settings (src/diff/readableNotebook.ts). git colours the diff itself.
//
// Inside a commit hook (git sets GIT_INDEX_FILE for hooks) `git diff` is run by tools that apply
// its output as a patch (lint-staged hides a partly staged file's unstaged changes that way), not
// for a person: the notebook's JSON, so that `git apply` can apply it. git apply reads the working
// notebook through the clean filter (the stored form) and writes its result through smudge, so:
// a notebook the output store holds (git hands textconv the index side smudged, with the outputs
// the store gave back; the working side was just remembered by the diff's own clean) goes in its
// stored form, and smudge gives the outputs back after the patch; anything else goes as it is (the
// stored blob itself, or a working notebook whose outputs then travel in the patch).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandContext } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { CommandError } from '../../errors/commandError.js';
import { readDiffSide } from './diff.js';
import { textconvHelp, textconvUsage } from '../../messages/filter.js';
import { Repo } from '../../git/repo.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { cleanNotebook } from '../../filter/cleanNotebook.js';
import { openOutputStore } from '../../store/openOutputStore.js';
import { stripNotebookText } from '../../notebook/strip.js';
import { NotebookError } from '../../notebook/errors.js';
import { describeFsError } from '../../fs/readTextFile.js';
import { cannotReadForDiff } from '../../messages/merge.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: textconvHelp, usageError: textconvUsage });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) throw new CommandError('usage', textconvUsage('give exactly one file'));
  const file = parsed.positionals[0]!;
  const side = ctx.env.GIT_INDEX_FILE ? await patchForm(file, ctx) : await readDiffSide(file, ctx);
  await new Promise<void>((resolve) => ctx.stdout.write(side, () => resolve()));
  return 0;
};

/** FILE for a patch: its stored form when the output store holds it as it is, else as it is. */
async function patchForm(file: string, ctx: CommandContext): Promise<Buffer> {
  let content: Buffer;
  try {
    content = readFileSync(resolve(ctx.cwd, file));
  } catch (error) {
    throw new CommandError('bad-input', cannotReadForDiff(file, describeFsError(error)));
  }
  const repo = Repo.at(ctx.cwd, ctx.env);
  if (!repo) return content;
  const settings = await loadSettings(repo.root, ctx.env);
  const store = settings.errors.length === 0 ? openOutputStore(repo, settings, ctx.env.ML_HOOKS_STATE_DIR) : undefined;
  if (!store) return content;
  // git runs the textconv only for files with diff=ml-hooks: notebooks, whatever the temporary file is called
  const stored = cleanNotebook(file, content, () => true, settings.stripOptionsFor(file), stripNotebookText, (e) => (e instanceof NotebookError ? e.reason : undefined)).content;
  return stored !== content && store.holds(stored, content) ? stored : content;
}
