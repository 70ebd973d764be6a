// `ml-hooks check`: the CI gate. Reads only; reports every problem with the command that fixes it.
import { repoRelativePath } from '../repoRelativePath.js';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { CommandError } from '../../errors/commandError.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { Repo, literalPathspec } from '../../git/repo.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { checkRepository } from '../../scan/checkRepository.js';
import { formatReport, OUTPUT_FORMATS, styleFor, type OutputFormat } from '../../check/formatFindings.js';
import { invalidConfiguration, noSuchPath, notARepository, usageError } from '../../messages/cli.js';
import { typedPathExists } from '../../fs/resolveTypedName.js';
import * as msg from '../../messages/check.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  history: { type: 'string' },
} as const;

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, { help: msg.help, usageError: (d) => usageError('check', d) });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = (values.format ?? 'human') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new CommandError('usage', usageError('check', msg.badFormat(values.format!)));
  // (a typo in a CI job must not pass as "0 files checked")
  const missing = positionals.find((p) => !typedPathExists(p, ctx.cwd));
  if (missing !== undefined) throw new CommandError('bad-input', noSuchPath('check', missing));
  const repo = Repo.at(ctx.cwd, ctx.env);
  if (repo === undefined) throw new CommandError('not-a-repository', notARepository('check'));
  const root = repo.root;
  if (values.history !== undefined) {
    const complaint = await repo.checkRange(values.history);
    if (complaint !== undefined) throw new CommandError('usage', usageError('check', msg.badHistory(values.history, complaint)));
  }
  const settings = await loadSettings(root, ctx.env);
  if (settings.errors.length > 0) throw new CommandError('config', invalidConfiguration('check', settings.errors));
  for (const warning of settings.warnings) ctx.stderr.write(`ml-hooks check: ${warning}\n`);

  const showProgress = isTTY(ctx.stderr);
  try {
    const report = await checkRepository({
      repo,
      settings,
      pathspecs: positionals.map((p) => literalPathspec(repoRelativePath(root, ctx.cwd, p))),
      ...(values.history !== undefined ? { history: values.history } : {}),
      progress: showProgress ? progressReporter(ctx) : undefined,
    });
    for (const notice of report.notices ?? []) ctx.stderr.write(`${notice}\n`);
    ctx.stdout.write(formatReport(report, format, styleFor(isTTY(ctx.stdout), ctx.env)));
    return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    repo.close();
  }
};

const isTTY = (stream: NodeJS.WritableStream): boolean => Boolean((stream as { isTTY?: boolean }).isTTY);

/** A one-line counter on a terminal for runs over many notebooks; cleared when done. */
function progressReporter(ctx: CommandContext): (done: number, total: number) => void {
  return (done, total) => {
    if (total < 50) return;
    if (done === total) ctx.stderr.write(`${msg.progress(done, total)}\n`);
    else if (done % 25 === 0) ctx.stderr.write(msg.progress(done, total));
  };
}
