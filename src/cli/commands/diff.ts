// `ml-hooks diff A.ipynb B.ipynb`: the readable diff of two notebooks outside git, the same text
// `git diff` shows through the textconv. Colour as git's color.diff says, unless NO_COLOR.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { CommandError } from '../../errors/commandError.js';
import { decodeUtf8, describeFsError } from '../../fs/readTextFile.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { Repo } from '../../git/repo.js';
import { stripNotebookText } from '../../notebook/strip.js';
import { readableNotebook } from '../../diff/readableNotebook.js';
import { GIT_COLORS, NO_COLORS, unifiedDiff } from '../../diff/unifiedDiff.js';
import { CELL_MARKER } from '../../diff/notebookDiffText.js';
import * as msg from '../../messages/merge.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  color: { type: 'string' },
  'no-color': { type: 'boolean' },
} as const;

export const run: Command = async (argv, ctx) => {
  // `--color` alone means always, as in git.
  const args = argv.map((a) => (a === '--color' ? '--color=always' : a));
  const parsed = parseCommandArgs(args, OPTIONS, ctx, { help: msg.diffHelp, usageError: msg.diffUsage });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw new CommandError('usage', msg.diffUsage(msg.twoFiles));
  const when = values['no-color'] ? 'never' : (values.color ?? 'auto');
  if (!['always', 'never', 'auto'].includes(when)) throw new CommandError('usage', msg.diffUsage(msg.badColor(when)));
  const [a, b] = [await readDiffSide(positionals[0]!, ctx), await readDiffSide(positionals[1]!, ctx)];
  const text = (side: string | Buffer): string => (typeof side === 'string' ? side : side.toString('latin1'));
  const colors = (await useColor(when, ctx)) ? GIT_COLORS : NO_COLORS;
  const out = unifiedDiff(text(a), text(b), { a: positionals[0]!, b: positionals[1]! }, colors, (line) => line.startsWith(CELL_MARKER));
  ctx.stdout.write(out);
  return out === '' ? EXIT_OK : EXIT_FINDINGS;
};

/** One side of a diff as the reader sees it; a file that is not UTF-8 comes back as bytes. */
export async function readDiffSide(file: string, ctx: CommandContext): Promise<string | Buffer> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(ctx.cwd, file));
  } catch (error) {
    throw new CommandError('bad-input', msg.cannotReadForDiff(file, describeFsError(error)));
  }
  const text = decodeUtf8(bytes);
  if (text === undefined || text === '') return bytes;
  // With an invalid configuration the notebook is shown without stripping.
  const settings = await loadSettings(Repo.at(ctx.cwd, ctx.env)?.root ?? ctx.cwd, ctx.env);
  const options = settings.errors.length === 0 ? settings.stripOptionsFor(file) : undefined;
  const shown = readableNotebook(text, options ? (t) => stripNotebookText(t, options) : undefined);
  if (shown.unreadable) ctx.stderr.write(msg.shownAsIs(file, shown.unreadable));
  return shown.text;
}

/** NO_COLOR turns colour off; otherwise git decides from color.diff (and color.ui) for this terminal. */
async function useColor(when: string, ctx: CommandContext): Promise<boolean> {
  if (when !== 'auto') return when === 'always';
  if (ctx.env.NO_COLOR) return false;
  const tty = Boolean((ctx.stdout as { isTTY?: boolean }).isTTY);
  return new Repo(ctx.cwd, ctx.env).colorBool('color.diff', tty);
}
