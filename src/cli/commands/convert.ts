// `ml-hooks convert FILE --to FORMAT [-o PATH|-]`: one conversion, like `jupytext --to`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { describeFsError, readTextFile, UnreadableFileError } from '../../fs/readTextFile.js';
import { readNotebook, writeNotebook } from '../../notebook/codec.js';
import { NotebookError } from '../../notebook/errors.js';
import { notebookToScript } from '../../jupytext/notebookToScript.js';
import { isNotebookPath, isScriptPath } from '../../pairing/pathKinds.js';
import { ConversionError, type ScriptFormat } from '../../jupytext/scriptFormat.js';
import { FormatError, parseFormat } from '../../jupytext/formats.js';
import { scriptExtensionFor } from '../../jupytext/scriptExtensionFor.js';
import { writeIfChanged } from '../../fs/writeIfChanged.js';
import * as msg from '../../messages/pairing.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

const text = { help: msg.convertHelp, usageError: msg.usageError('convert') };

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, text);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    ctx.stderr.write(text.usageError(msg.oneFile));
    return EXIT_USAGE;
  }
  if (values.to === undefined) {
    ctx.stderr.write(text.usageError(msg.missingTo));
    return EXIT_USAGE;
  }
  const file = positionals[0]!;
  try {
    return await convert(file, values.to, values.output, ctx);
  } catch (error) {
    if (error instanceof FormatError) {
      ctx.stderr.write(msg.badFormat(values.to, error.message));
      return EXIT_FINDINGS;
    }
    throw error;
  }
};

async function convert(file: string, to: string, output: string | undefined, ctx: CommandContext): Promise<number> {
  const absolute = resolve(ctx.cwd, file);
  const target = parseFormat(to);
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
  let result: string;
  let outExt: string;
  if (isNotebookPath(file)) {
    let nb;
    try {
      nb = readNotebook(input);
    } catch (error) {
      if (error instanceof NotebookError) return fail(error.reason ?? error.message);
      throw error;
    }
    if (target.extension === '.ipynb') {
      result = writeNotebook(nb);
      outExt = '.ipynb';
    } else {
      const ext = target.extension === '.auto' || target.extension === '.' ? scriptExtensionFor(nb) : target.extension;
      if (ext === undefined) return fail(msg.noLanguage);
      const format: ScriptFormat = { extension: ext, formatName: target.formatName === 'light' ? 'light' : 'percent' };
      const warnings = { unsupportedKeys: [] as string[] };
      try {
        result = notebookToScript(nb, format, warnings);
      } catch (error) {
        if (error instanceof ConversionError) return fail(error.message);
        throw error;
      }
      if (warnings.unsupportedKeys.length > 0) ctx.stderr.write(msg.droppedKeys(file, warnings.unsupportedKeys));
      outExt = (target.suffix ?? '') + ext;
    }
  } else if (isScriptPath(file)) {
    // Reading scripts needs the YAML parser: loaded only for them, to keep notebook → script quick.
    const { scriptToNotebook } = await import('../../jupytext/scriptToNotebook.js');
    const { guessFormatName } = await import('../../jupytext/guessFormatName.js');
    const { mergeScriptIntoNotebook } = await import('../../pairing/mergeScriptIntoNotebook.js');
    const ext = file.slice(file.lastIndexOf('.'));
    const format: ScriptFormat = { extension: ext, formatName: guessFormatName(input, ext) };
    let nb;
    try {
      nb = scriptToNotebook(input, format);
    } catch (error) {
      return fail((error as Error).message);
    }
    if (target.extension === '.ipynb') {
      outExt = '.ipynb';
      const outPath = output && output !== '-' ? resolve(ctx.cwd, output) : stem + outExt;
      const existingPath = resolve(ctx.cwd, outPath);
      if (output !== '-' && existsSync(existingPath)) {
        // Like `jupytext --update`: the existing notebook keeps its outputs.
        try {
          nb = mergeScriptIntoNotebook(readNotebook(readTextFile(existingPath)), nb);
        } catch (error) {
          if (error instanceof NotebookError || error instanceof UnreadableFileError) return fail(`the existing ${outPath} ${error instanceof NotebookError ? 'is not a valid notebook' : 'cannot be read'} (${(error as { reason?: string }).reason}); move it away or choose -o`);
          throw error;
        }
      }
      result = writeNotebook(nb);
    } else {
      const ext = target.extension === '.auto' || target.extension === '.' ? ext0(file) : target.extension;
      result = notebookToScript(nb, { extension: ext, formatName: target.formatName === 'light' ? 'light' : 'percent' });
      outExt = (target.suffix ?? '') + ext;
    }
  } else {
    return fail(msg.notANotebookOrScript);
  }

  if (output === '-') {
    ctx.stdout.write(result);
    return EXIT_OK;
  }
  const outPath = output ?? stem + outExt;
  const outAbsolute = resolve(ctx.cwd, outPath);
  try {
    ctx.stdout.write(writeIfChanged(outAbsolute, result) ? msg.wrote(outPath) : msg.unchanged(outPath));
  } catch (error) {
    return fail(`cannot write ${outPath}: ${describeFsError(error)}`);
  }
  return EXIT_OK;
}

const ext0 = (file: string): string => file.slice(file.lastIndexOf('.'));
