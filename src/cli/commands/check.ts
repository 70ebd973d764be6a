// `ml-hooks check`: the CI gate. Reads only; reports every problem with the command that fixes it.
import { parseCommandArgs } from '../parseCommandArgs.js';
import { join } from 'node:path';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../context.js';
import { findRepoRoot, listWorkingTreeFiles } from '../../git/listWorkingTreeFiles.js';
import { readTextFile, UnreadableFileError } from '../../fs/readTextFile.js';
import { checkNotebook } from '../../check/checkNotebooks.js';
import type { CheckReport, Finding } from '../../check/finding.js';
import { formatReport, OUTPUT_FORMATS, styleFor, type OutputFormat } from '../../check/formatFindings.js';
import { DEFAULT_STRIP_OPTIONS } from '../../notebook/stripOptions.js';
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

  const report = await checkWorkingTree(root, positionals, ctx);
  ctx.stdout.write(formatReport(report, format, styleFor(isTTY(ctx.stdout), ctx.env)));
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
};

const isTTY = (stream: NodeJS.WritableStream): boolean => Boolean((stream as { isTTY?: boolean }).isTTY);
const isNotebookPath = (path: string): boolean => path.endsWith('.ipynb') || path.endsWith('.zpln');

async function checkWorkingTree(root: string, pathspecs: string[], ctx: CommandContext): Promise<CheckReport> {
  const files = await listWorkingTreeFiles(root, pathspecs.map((p) => relativePathspec(root, ctx.cwd, p)));
  const notebooks = files.filter(isNotebookPath);
  const findings: Finding[] = [];
  const showProgress = isTTY(ctx.stderr) && notebooks.length > 50;
  notebooks.forEach((path, i) => {
    if (showProgress && i % 25 === 0) ctx.stderr.write(msg.progress(i, notebooks.length));
    let text: string;
    try {
      text = readTextFile(join(root, path));
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      if (error.reason === 'file not found') return; // deleted in the work tree, still in the index
      findings.push({ kind: 'invalid-notebook', path, ...msg.notebookUnreadable(path, error.reason) });
      return;
    }
    const finding = checkNotebook({ path, text }, DEFAULT_STRIP_OPTIONS);
    if (finding) findings.push(finding);
  });
  if (showProgress) ctx.stderr.write(`${msg.progress(notebooks.length, notebooks.length)}\n`);
  return { findings, checked: files.length };
}

/** Pathspecs are given relative to where the user stands; git runs at the root. */
function relativePathspec(root: string, cwd: string, path: string): string {
  const absolute = path.startsWith('/') ? path : join(cwd, path);
  const rel = absolute === root ? '.' : absolute.startsWith(root + '/') ? absolute.slice(root.length + 1) : path;
  return `:(top,literal)${rel === '.' ? '' : rel}`;
}
