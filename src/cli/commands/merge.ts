// `ml-hooks merge BASE OURS THEIRS`: git's merge driver for notebooks (merge.ml-hooks.driver,
//   ml-hooks merge --marker-size %L --path %P --base-name %S --ours-name %X --theirs-name %Y %O %A %B
// ). Reads the three versions, finds the notebook's pair, lets src/merge decide, writes the
// result over OURS (git's convention) or to -o. A version it cannot read goes to `git merge-file`.
import { readFileSync } from 'node:fs';
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
import type { Settings } from '../../config/settings.js';
import { openOutputStore } from '../../store/openOutputStore.js';
import { cleanedForm, workingNotebook } from '../../filter/workingNotebook.js';
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

  const { mergeNotebookTexts, mergeWorkingNotebooks } = await import('../../merge/mergeNotebookTexts.js');
  // Run by git (--path given): the repository's settings, for the pair and the output store.
  const repo = values.path !== undefined ? await repositoryOf(ctx) : undefined;
  const pairFormat = repo ? await pairFormatOf(notebookPath, texts.ours, repo) : undefined;
  const options = { labels, ...(pairFormat ? { pairFormat: pairFormat.format } : {}) };
  const result = mergeNotebookTexts(texts, options);
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
    // (before the result is written over OURS: the store is looked up by OURS' blob)
    if (repo) rememberWorkingMerge(repo, notebookPath, { ours: oursPath, theirs: theirsPath }, result.text, (working, strip) => mergeWorkingNotebooks(texts, working, result.text, strip, options), ctx);
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

interface Repository {
  repo: Repo;
  settings: Settings;
}

/** The repository the driver runs in and its settings; undefined outside one, or when its configuration is invalid (the commit hook reports it; merging cell by cell is safe). */
async function repositoryOf(ctx: CommandContext): Promise<Repository | undefined> {
  const repo = Repo.at(ctx.cwd, ctx.env);
  if (!repo) return undefined;
  const settings = await loadSettings(repo.root, ctx.env);
  return settings.errors.length === 0 ? { repo, settings } : undefined;
}

/** The script format of the notebook's pair, when it has one (declared in it, or by the repository's settings). */
async function pairFormatOf(path: string, oursText: string, { repo, settings }: Repository): Promise<{ format: ScriptFormat; script: string } | undefined> {
  const { findPair } = await import('../../pairing/findPair.js');
  const read = (p: string): string | undefined => {
    if (p === path) return oursText;
    try {
      return readTextFile(resolve(repo.root, p));
    } catch {
      return undefined;
    }
  };
  const pair = findPair(path, read, settings.pairing);
  return pair && pair.notebook === path ? { format: pair.format, script: pair.script } : undefined;
}

/**
 * git stores the driver's result as the merged blob, byte for byte, and writes the working file
 * from that blob through the smudge filter. The result is stripped (git hands the driver blobs),
 * so on its own every output of the working notebook would be gone. When the output store holds
 * the working notebook of a side (ours: the file being merged; theirs: a stash, a branch made
 * here), the same merge over those notebooks gives the merged cells their outputs; it is
 * remembered for the merged blob, and smudge writes it, only as long as it strips to that blob.
 * The result itself never changes; a failure here costs the outputs, never the merge.
 */
function rememberWorkingMerge(
  { repo, settings }: Repository,
  path: string,
  files: Record<'ours' | 'theirs', string>,
  merged: string,
  mergeWorking: (working: Partial<Record<'ours' | 'theirs', string>>, strip: (notebook: string) => string | undefined) => string | undefined,
  ctx: CommandContext,
): void {
  try {
    const store = openOutputStore(repo, settings, ctx.env.ML_HOOKS_STATE_DIR);
    if (!store || !settings.isNotebook(path)) return;
    // A result that is a blob the store knows already (one side's, as when `git stash pop` brings
    // back a stash made on top of what is staged): smudge gives back that notebook as it was.
    const blob = Buffer.from(merged, 'utf8');
    if (workingNotebook(settings, store, path, blob) !== blob) return;
    const working: Partial<Record<'ours' | 'theirs', string>> = {};
    for (const side of ['ours', 'theirs'] as const) {
      const sideBlob = readFileSync(files[side]);
      const notebook = workingNotebook(settings, store, path, sideBlob);
      if (notebook !== sideBlob) working[side] = notebook.toString('utf8');
    }
    const strip = (text: string) => cleanedForm(settings, path, Buffer.from(text, 'utf8'))?.toString('utf8');
    const full = mergeWorking(working, strip);
    if (full === undefined) return;
    store.remember(path, blob, Buffer.from(full, 'utf8'));
    store.prune();
  } catch (error) {
    ctx.stderr.write(msg.outputsNotKept(path, describeFsError(error)));
  }
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
