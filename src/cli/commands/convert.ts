// `ml-hooks convert FILE --to FORMAT [-o PATH|-]`: one conversion, like `jupytext --to`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { noSuchPath, usageError } from '../../messages/cli.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { CommandError } from '../../errors/commandError.js';
import { typedPathExists } from '../../fs/resolveTypedName.js';
import { describeFsError, readTextFile, UnreadableFileError } from '../../fs/readTextFile.js';
import { readNotebook, writeNotebook } from '../../notebook/codec.js';
import { NotebookError } from '../../notebook/errors.js';
import { notebookToScript } from '../../jupytext/notebookToScript.js';
import { extensionOf, isNotebookPath, isScriptPath } from '../../pairing/pathKinds.js';
import { basePath } from '../../pairing/pairedPaths.js';
import { dropFormatsOutsidePair, formatNameFor } from '../../jupytext/formatForDestination.js';
import { isPyObject, newPyObject, type PyObject } from '../../notebook/pyjson.js';
import { ConversionError, type ScriptFormat } from '../../jupytext/scriptFormat.js';
import type { FormatSpec } from '../../jupytext/formats.js';
import { parseFormatOption } from '../parseFormatOption.js';
import { scriptExtensionFor } from '../../jupytext/scriptExtensionFor.js';
import { writeIfChanged } from '../../fs/writeIfChanged.js';
import * as msg from '../../messages/pairing.js';
import { Repo } from '../../git/repo.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { isTextOfNotebook } from '../../pairing/isTextOfNotebook.js';
import { repoRelativePath } from '../repoRelativePath.js';
import { readIfExistsUnder } from './readIfExistsUnder.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean', short: 'f' },
} as const;

const text = { help: msg.convertHelp, usageError: (detail: string) => usageError('convert', detail) };

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, text);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new CommandError('usage', text.usageError(msg.oneFile));
  if (values.to === undefined) throw new CommandError('usage', text.usageError(msg.missingTo));
  const target = parseFormatOption('convert', '--to', values.to);
  if (!typedPathExists(positionals[0]!, ctx.cwd)) throw new CommandError('bad-input', noSuchPath('convert', positionals[0]!));
  return convert(positionals[0]!, values.to, target, values.output, Boolean(values.force), ctx);
};

async function convert(file: string, to: string, target: FormatSpec, output: string | undefined, force: boolean, ctx: CommandContext): Promise<number> {
  const absolute = resolve(ctx.cwd, file);
  const fail = (reason: string): number => {
    ctx.stderr.write(msg.cannotConvert(file, reason));
    return EXIT_FINDINGS;
  };
  let input: string;
  try {
    input = readTextFile(absolute);
  } catch (error) {
    if (error instanceof UnreadableFileError) return fail(error.reason);
    throw error;
  }
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const stem = dot >= 1 ? file.slice(0, file.length - (name.length - dot)) : file;
  let nb: PyObject;
  let fromText = false;
  if (isNotebookPath(file)) {
    try {
      nb = readNotebook(input);
    } catch (error) {
      if (error instanceof NotebookError) return fail(error.reason ?? error.message);
      throw error;
    }
  } else if (isScriptPath(file)) {
    // Reading text needs the YAML parser: loaded only for it, to keep notebook → script quick.
    const { scriptToNotebook } = await import('../../jupytext/scriptToNotebook.js');
    const { guessFormatName } = await import('../../jupytext/guessFormatName.js');
    const ext = extensionOf(file);
    try {
      nb = scriptToNotebook(input, { extension: ext, formatName: guessFormatName(input, ext) });
    } catch (error) {
      return fail((error as Error).message);
    }
    fromText = true;
  } else {
    return fail(msg.notANotebookOrScript);
  }

  let ext = target.extension;
  if (ext === '.auto' || ext === '.') ext = isNotebookPath(file) ? (scriptExtensionFor(nb) ?? '') : extensionOf(file);
  if (!ext) return fail(msg.noLanguage);
  const outExt = ext === '.ipynb' ? '.ipynb' : (target.suffix ?? '') + ext;
  const outPath = output ?? stem + outExt;
  const metadata = isPyObject(nb.metadata) ? nb.metadata : (nb.metadata = newPyObject());
  dropFormatsOutsidePair(metadata, outPath, (path, fmt) => basePath(path, fmt) !== undefined);

  let result: string;
  if (ext === '.ipynb') {
    if (fromText && output !== '-' && existsSync(resolve(ctx.cwd, outPath))) {
      // Like `jupytext --update`: the existing notebook keeps its outputs.
      const { mergeScriptIntoNotebook } = await import('../../pairing/mergeScriptIntoNotebook.js');
      try {
        nb = mergeScriptIntoNotebook(readNotebook(readTextFile(resolve(ctx.cwd, outPath))), nb);
      } catch (error) {
        if (error instanceof NotebookError || error instanceof UnreadableFileError) return fail(`the existing ${outPath} ${error instanceof NotebookError ? 'is not a valid notebook' : 'cannot be read'} (${(error as { reason?: string }).reason}); move it away or choose -o`);
        throw error;
      }
    }
    result = writeNotebook(nb);
  } else {
    const format: ScriptFormat = { extension: ext, formatName: formatNameFor(target, ext, metadata), ...(target.prefix !== undefined ? { prefix: target.prefix } : {}), ...(target.suffix !== undefined ? { suffix: target.suffix } : {}) };
    const warnings = { unsupportedKeys: [] as string[] };
    try {
      result = notebookToScript(nb, format, warnings);
    } catch (error) {
      if (error instanceof ConversionError) return fail(error.message);
      throw error;
    }
    if (warnings.unsupportedKeys.length > 0) ctx.stderr.write(msg.droppedKeys(file, warnings.unsupportedKeys));
  }

  if (output === '-') {
    ctx.stdout.write(result);
    return EXIT_OK;
  }
  const outAbsolute = resolve(ctx.cwd, outPath);
  if (!force && ext !== '.ipynb') {
    const existing = readExisting(outAbsolute);
    if (existing !== undefined && existing !== result && !(await mayReplace(file, outPath, existing, ctx))) {
      ctx.stderr.write(msg.wouldOverwrite(file, outPath, to));
      return EXIT_FINDINGS;
    }
  }
  try {
    ctx.stdout.write(writeIfChanged(outAbsolute, result) ? msg.wrote(outPath) : msg.unchanged(outPath));
  } catch (error) {
    return fail(`cannot write ${outPath}: ${describeFsError(error)}`);
  }
  return EXIT_OK;
}

function readExisting(absolute: string): string | undefined {
  try {
    return readTextFile(absolute);
  } catch {
    return undefined; // absent; anything else is reported when writing
  }
}

/**
 * May a conversion of `file` replace the text file at `outPath`? The rule is isTextOfNotebook's
 * (shared with `ml-hooks pair`), with the repository's pairing settings.
 */
async function mayReplace(file: string, outPath: string, existing: string, ctx: CommandContext): Promise<boolean> {
  const repo = Repo.at(ctx.cwd, ctx.env);
  try {
    const root = repo?.root ?? ctx.cwd;
    const settings = await loadSettings(root, ctx.env, { nbstripout: false });
    return isTextOfNotebook(repoRelativePath(root, ctx.cwd, file), repoRelativePath(root, ctx.cwd, outPath), existing, readIfExistsUnder(root), settings.pairing);
  } finally {
    repo?.close();
  }
}
