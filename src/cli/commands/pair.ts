// `ml-hooks pair NB.ipynb [--format py:percent]`: declares the pair in the notebook's
// metadata.jupytext.formats (Jupytext's place for it) and writes the script.
import { repoRelativePath } from '../repoRelativePath.js';
import type { Command } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { CommandError } from '../../errors/commandError.js';
import { typedPathExists } from '../../fs/resolveTypedName.js';
import { invalidConfiguration, noSuchPath, usageError } from '../../messages/cli.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { readNotebook } from '../../notebook/codec.js';
import { NotebookError } from '../../notebook/errors.js';
import { isNotebookPath, type Pair } from '../../pairing/findPair.js';
import { guessFormatName } from '../../jupytext/guessFormatName.js';
import { FormatError, formatsToString, formatToString, parseFormat, parseFormats, type FormatName, type FormatSpec } from '../../jupytext/formats.js';
import type { PairSettings } from '../../config/settings.js';
import { parseFormatOption } from '../parseFormatOption.js';
import { pairedPaths } from '../../pairing/pairedPaths.js';
import { scriptExtensionFor } from '../../jupytext/scriptExtensionFor.js';
import { syncWorkingTree } from '../syncWorkingTree.js';
import { readIfExistsUnder } from './readIfExistsUnder.js';
import { reportOutcomes } from './syncReport.js';
import { pairingSetup } from './pairingSetup.js';
import { isTextOfNotebook } from '../../pairing/isTextOfNotebook.js';
import * as msg from '../../messages/pairing.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  prefer: { type: 'string' },
  force: { type: 'boolean', short: 'f' },
} as const;

const text = { help: msg.pairHelp, usageError: (detail: string) => usageError('pair', detail) };

/**
 * The formats to pair with: --format (a usage error when it is no format ml-hooks writes), else
 * the configuration's pair.format (a configuration error), else py:percent's language-neutral
 * form. One script format stands for `ipynb,FORMAT`.
 */
function requestedFormats(option: string | undefined, configured: PairSettings | undefined): FormatSpec[] {
  const withNotebook = (formats: FormatSpec[], value: string) => (value.includes(',') ? formats : [parseFormat('ipynb'), ...formats]);
  if (option !== undefined) return withNotebook(parseFormatOption('pair', '--format', option, true), option);
  const value = configured?.format ?? 'percent';
  try {
    const formats = withNotebook(parseFormats(value), value);
    const unsupported = formats.find((f) => f.unsupported);
    if (unsupported !== undefined) throw new FormatError(msg.unsupportedTarget(formatToString(unsupported)));
    return formats;
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    throw new CommandError('config', invalidConfiguration('pair', [msg.badConfiguredFormat(configured?.source ?? 'pair.format', value, error.message)]));
  }
}

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, text);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new CommandError('usage', text.usageError(msg.noFiles));
  const missing = positionals.find((file) => !typedPathExists(file, ctx.cwd));
  if (missing !== undefined) throw new CommandError('bad-input', noSuchPath('pair', missing));
  const { prefer, repo, root, settings } = await pairingSetup(values.prefer, ctx, 'pair');
  try {
    const config = settings.pairing;
    const requested = requestedFormats(values.format, config.source ? config : undefined);
    const read = readIfExistsUnder(root);
    const pairs: Pair[] = [];
    let failed = false;
    for (const file of positionals) {
      const rel = repoRelativePath(root, ctx.cwd, file);
      const fail = (reason: string): void => {
        ctx.stderr.write(msg.cannotPair(file, reason));
        failed = true;
      };
      if (!isNotebookPath(rel)) {
        fail('not a notebook (.ipynb): pair notebooks, and their scripts follow');
        continue;
      }
      const content = read(rel);
      if (content === undefined) {
        fail('file not found');
        continue;
      }
      let nb;
      try {
        nb = readNotebook(content);
      } catch (error) {
        if (error instanceof NotebookError) {
          fail(error.reason ?? error.message);
          continue;
        }
        throw error;
      }
      try {
        // Copies: the script's format gets the name guessed for this file.
        const formats = requested.map((f) => {
          if (f.extension !== '.auto' && f.extension !== '.') return { ...f };
          const ext = scriptExtensionFor(nb);
          if (ext === undefined) throw new FormatError(msg.noLanguage);
          return { ...f, extension: ext };
        });
        const paths = pairedPaths(rel, formats);
        const nbSide = paths?.find((p) => p.format.extension === '.ipynb');
        const scriptSide = paths?.find((p) => p.format.extension !== '.ipynb');
        if (!paths || !nbSide || !scriptSide || nbSide.path !== rel) {
          fail(`its path does not fit the formats ${formatsToString(formats)}`);
          continue;
        }
        const spec = scriptSide.format;
        const formatName = (spec.formatName as FormatName | undefined) ?? guessFormatName(read(scriptSide.path), spec.extension);
        if (!spec.formatName) spec.formatName = formatName;
        const format = { extension: spec.extension, formatName, ...(spec.prefix !== undefined ? { prefix: spec.prefix } : {}), ...(spec.suffix !== undefined ? { suffix: spec.suffix } : {}) };
        pairs.push({ notebook: rel, script: scriptSide.path, format, formats: formatsToString(formats), declaredIn: 'notebook' });
      } catch (error) {
        if (error instanceof FormatError) {
          fail(error.message);
          continue;
        }
        throw error;
      }
    }
    // A script that is not the notebook's own (a module of the same name) is never replaced, as
    // with `ml-hooks convert`; --force replaces it with the notebook's script (or, with
    // --prefer script, takes its inputs into the notebook).
    const ownsScript = (pair: Pair, script: string) => isTextOfNotebook(pair.notebook, pair.script, script, read, config);
    let outcomes = await syncWorkingTree(root, pairs, { ...(prefer ? { prefer } : {}), declare: true, repo, ownsScript });
    const refused = outcomes.filter((o) => o.notOwned).map((o) => o.pair);
    if (values.force && refused.length > 0) {
      const forced = await syncWorkingTree(root, refused, { prefer: prefer ?? 'notebook', declare: true, repo });
      outcomes = outcomes.map((o) => (o.notOwned ? forced.find((f) => f.pair === o.pair)! : o));
    }
    const problem = reportOutcomes(outcomes, ctx, false, true);
    for (const { pair, plan, skipped, notOwned } of outcomes) if (!skipped && !notOwned && (plan.kind === 'update' || plan.kind === 'in-sync')) ctx.stdout.write(msg.paired(pair.notebook, pair.script, pair.formats));
    // A pair left alone (a symbolic link) was asked for by name: not paired.
    return failed || problem || outcomes.some((o) => o.skipped || o.notOwned) ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    repo?.close();
  }
};
