// `ml-hooks merge BASE OURS THEIRS`: git's merge driver for notebooks (merge.ml-hooks.driver,
//   ml-hooks merge --marker-size %L --path %P --base-name %S --ours-name %X --theirs-name %Y %O %A %B
// ). Reads the three versions, finds the notebook's pair, lets src/merge decide, writes the
// result over OURS (git's convention) or to -o. A version it cannot read goes to `git merge-file`.
import { resolve } from 'node:path';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { CommandError } from '../../errors/commandError.js';
import { describeFsError, readTextFile, UnreadableFileError } from '../../fs/readTextFile.js';
import { writeFileAtomic } from '../../fs/writeFileAtomic.js';
import { Repo } from '../../git/repo.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { DEFAULT_LABELS, type ConflictLabels } from '../../merge/mergeText.js';
import type { Side } from '../../merge/mergeNotebookTexts.js';
import type { ScriptFormat } from '../../jupytext/scriptFormat.js';
import * as msg from '../../messages/merge.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  output: { type: 'string', short: 'o' },
  path: { type: 'string' },
  'marker-size': { type: 'string' },
  'ours-name': { type: 'string' },
  'theirs-name': { type: 'string' },
  'base-name': { type: 'string' },
} as const;

/** git before 2.44 leaves %S, %X and %Y as they are: no name then. */
const given = (name: string | undefined, placeholder: string): string | undefined => (name === undefined || name === '' || name === placeholder ? undefined : name);

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, { help: msg.mergeHelp, usageError: msg.mergeUsage });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 3) throw new CommandError('usage', msg.mergeUsage(msg.threeFiles));
  const markerSize = values['marker-size'] === undefined || values['marker-size'] === '%L' ? DEFAULT_LABELS.markerSize : Number(values['marker-size']);
  if (!Number.isInteger(markerSize) || markerSize < 1) throw new CommandError('usage', msg.mergeUsage(msg.badMarkerSize(values['marker-size']!)));
  const base = given(values['base-name'], '%S');
  const labels: ConflictLabels = {
    ours: given(values['ours-name'], '%X') ?? DEFAULT_LABELS.ours,
    theirs: given(values['theirs-name'], '%Y') ?? DEFAULT_LABELS.theirs,
    markerSize,
    style: await conflictStyle(ctx),
    ...(base !== undefined ? { base } : {}),
  };
  const [basePath, oursPath, theirsPath] = positionals.map((p) => resolve(ctx.cwd, p)) as [string, string, string];
  const notebookPath = given(values.path, '%P') ?? positionals[1]!;
  const texts = {} as Record<Side, string>;
  for (const [side, path] of [['base', basePath], ['ours', oursPath], ['theirs', theirsPath]] as const) {
    try {
      texts[side] = readTextFile(path);
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      throw new CommandError('bad-input', msg.cannotRead(path, error.reason));
    }
  }

  const { mergeNotebookTexts } = await import('../../merge/mergeNotebookTexts.js');
  const pairFormat = values.path !== undefined ? await pairFormatOf(notebookPath, texts.ours, ctx) : undefined;
  const result = mergeNotebookTexts(texts, { labels, ...(pairFormat ? { pairFormat: pairFormat.format } : {}) });
  let output: string;
  let code: number;
  if (result.kind === 'unreadable') {
    ctx.stderr.write(msg.mergedAsText(notebookPath, result.side, result.reason));
    const text = await mergeAsText(basePath, oursPath, theirsPath, labels, ctx);
    if (text.output === undefined) throw new CommandError('bad-input', msg.textMergeFailed(notebookPath, text.stderr));
    [output, code] = [text.output, text.conflicts ? EXIT_FINDINGS : EXIT_OK];
  } else {
    [output, code] = [result.text, result.conflicted ? EXIT_FINDINGS : EXIT_OK];
    if (result.conflicted) ctx.stderr.write(msg.mergeConflicts(notebookPath, result.conflictCells, result.conflictValues, pairFormat?.script));
  }

  const target = values.output ?? positionals[1]!;
  if (target === '-') {
    await new Promise<void>((done) => ctx.stdout.write(output, () => done()));
    return code;
  }
  try {
    writeFileAtomic(resolve(ctx.cwd, target), output);
  } catch (error) {
    throw new CommandError('bad-input', msg.cannotWrite(target, describeFsError(error)));
  }
  return code;
};

/** The script format of the notebook's pair, when it has one (declared in it, or by the repository's settings). */
async function pairFormatOf(path: string, oursText: string, ctx: CommandContext): Promise<{ format: ScriptFormat; script: string } | undefined> {
  const root = Repo.at(ctx.cwd, ctx.env)?.root;
  if (root === undefined) return undefined;
  const { findPair } = await import('../../pairing/findPair.js');
  const settings = await loadSettings(root, ctx.env, { nbstripout: false });
  // An invalid configuration: the commit hook reports it; merging cell by cell is safe.
  if (settings.errors.length > 0) return undefined;
  const config = settings.pairing;
  const read = (p: string): string | undefined => {
    if (p === path) return oursText;
    try {
      return readTextFile(resolve(root, p));
    } catch {
      return undefined;
    }
  };
  const pair = findPair(path, read, config);
  return pair && pair.notebook === path ? { format: pair.format, script: pair.script } : undefined;
}

/** git's merge.conflictStyle, which git's own merges of the paired script follow too. */
async function conflictStyle(ctx: CommandContext): Promise<ConflictLabels['style']> {
  const style = (await new Repo(ctx.cwd, ctx.env).configValue('merge.conflictStyle'))?.trim() ?? '';
  return style === 'diff3' || style === 'zdiff3' ? style : 'merge';
}

/** git's own text merge, for versions that are not notebooks we can read. */
async function mergeAsText(base: string, ours: string, theirs: string, labels: ConflictLabels, ctx: CommandContext): Promise<{ output?: string; conflicts: boolean; stderr: string }> {
  return new Repo(ctx.cwd, ctx.env).mergeFile({ ours, base, theirs }, { ours: labels.ours, base: labels.base ?? 'base', theirs: labels.theirs }, labels.markerSize);
}
