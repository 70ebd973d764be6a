// A Jupytext format given on the command line (`convert --to`, `pair --format`): one that does not
// parse, or that ml-hooks does not write, is a usage error (exit 2) before any file is looked at.
import { CommandError } from '../errors/commandError.js';
import { FormatError, formatToString, parseFormat, parseFormats, type FormatSpec } from '../jupytext/formats.js';
import { usageError } from '../messages/cli.js';
import { badFormat, unsupportedTarget } from '../messages/pairing.js';

/** `value` as one format, or (`several`) as a comma-separated list such as `ipynb,py:percent`. */
export function parseFormatOption(command: string, option: string, value: string): FormatSpec;
export function parseFormatOption(command: string, option: string, value: string, several: true): FormatSpec[];
export function parseFormatOption(command: string, option: string, value: string, several = false): FormatSpec | FormatSpec[] {
  let formats: FormatSpec[];
  try {
    formats = several ? parseFormats(value) : [parseFormat(value)];
  } catch (error) {
    if (error instanceof FormatError) throw new CommandError('usage', usageError(command, badFormat(option, value, error.message)));
    throw error;
  }
  const unsupported = formats.find((f) => f.unsupported);
  if (unsupported !== undefined) throw new CommandError('usage', usageError(command, `${option} ${value}: ${unsupportedTarget(formatToString(unsupported))}`));
  return several ? formats : formats[0]!;
}
