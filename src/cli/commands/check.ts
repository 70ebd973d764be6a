// `ml-hooks check`: the CI gate. Reads only; reports every problem with the command that fixes it.
import { repoRelativePath } from '../repoRelativePath.js';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { findRepoRoot } from '../../git/listWorkingTreeFiles.js';
import { runGit } from '../../git/runGit.js';
import { loadConfig } from '../../config/loadConfig.js';
import { applyNbstripoutGitConfig } from '../../config/applyNbstripoutGitConfig.js';
import { readNbstripoutGitConfig } from '../../git/readNbstripoutGitConfig.js';
import { checkRepository } from '../../check/checkRepository.js';
import { PairConfigError } from '../../pairing/pairConfig.js';
import { formatReport, OUTPUT_FORMATS, styleFor, type OutputFormat } from '../../check/formatFindings.js';
import * as msg from '../../messages/check.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  history: { type: 'string' },
} as const;

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, msg);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = (values.format ?? 'human') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    ctx.stderr.write(msg.usageError(msg.badFormat(values.format!)));
    return EXIT_USAGE;
  }
  const root = await findRepoRoot(ctx.cwd);
  if (root === undefined) {
    ctx.stderr.write(msg.notARepository);
    return EXIT_USAGE;
  }
  if (values.history !== undefined) {
    const r = await runGit(['rev-list', '--max-count=1', values.history, '--'], { cwd: root, env: ctx.env });
    if (r.code !== 0) {
      ctx.stderr.write(msg.usageError(msg.badHistory(values.history, r.stderr)));
      return EXIT_USAGE;
    }
  }
  const configResult = applyNbstripoutGitConfig(await loadConfig(root), await readNbstripoutGitConfig(root, ctx.env));
  if (configResult.errors.length > 0) {
    ctx.stderr.write(msg.configErrors(configResult.errors));
    return EXIT_USAGE;
  }
  for (const warning of configResult.warnings) ctx.stderr.write(`ml-hooks check: ${warning}\n`);

  const showProgress = isTTY(ctx.stderr);
  let report;
  try {
    report = await checkRepository({
    root,
    pathspecs: positionals.map((p) => relativePathspec(root, ctx.cwd, p)),
    ...(values.history !== undefined ? { history: values.history } : {}),
    configResult,
    env: ctx.env,
    progress: showProgress ? progressReporter(ctx) : undefined,
    });
  } catch (error) {
    if (!(error instanceof PairConfigError)) throw error;
    ctx.stderr.write(msg.configErrors([error.message]));
    return EXIT_USAGE;
  }
  for (const notice of report.notices ?? []) ctx.stderr.write(`${notice}\n`);
  ctx.stdout.write(formatReport(report, format, styleFor(isTTY(ctx.stdout), ctx.env)));
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
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

/** Pathspecs are given relative to where the user stands; git runs at the root. */
function relativePathspec(root: string, cwd: string, path: string): string {
  const rel = repoRelativePath(root, cwd, path);
  return `:(top,literal)${rel}`;
}
