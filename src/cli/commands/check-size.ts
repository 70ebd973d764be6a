// `ml-hooks check-size`: the large-file guard by hand, on the staged files or on given paths.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRelativePath } from '../repoRelativePath.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import type { Command } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { CommandError } from '../../errors/commandError.js';
import { Repo, literalPathspec } from '../../git/repo.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { invalidConfiguration, noSuchPath, notARepository, usageError } from '../../messages/cli.js';
import { checkStagedFiles, type SizeReport } from '../../scan/checkStagedFiles.js';
import { checkWorkingFiles } from '../../scan/checkWorkingFiles.js';
import { detectRepoStorage } from '../../scan/detectRepoStorage.js';
import * as msg from '../../messages/guard.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  staged: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, { help: msg.checkSizeHelp, usageError: (d) => usageError('check-size', d) });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.staged && positionals.length > 0) throw new CommandError('usage', usageError('check-size', 'give either --staged or paths, not both'));
  const repo = Repo.at(ctx.cwd, ctx.env);
  if (repo === undefined) throw new CommandError('not-a-repository', notARepository('check-size'));
  const root = repo.root;
  const settings = await loadSettings(root, ctx.env);
  if (settings.errors.length > 0) throw new CommandError('config', invalidConfiguration('check-size', settings.errors));
  const config = { policy: settings.guard };
  const staged = positionals.length === 0;
  let report: SizeReport;
  if (staged) {
    try {
      report = await checkStagedFiles(repo, { policy: config.policy });
    } finally {
      repo.close();
    }
  } else {
    const files: string[] = [];
    for (const given of positionals) {
      const absolute = resolve(ctx.cwd, given);
      if (!existsSync(absolute)) throw new CommandError('bad-input', noSuchPath('check-size', given));
      const rel = repoRelativePath(root, ctx.cwd, given);
      // A folder lists what git would commit from it (ignored files are not our concern);
      // a file named on the command line is checked whatever .gitignore says.
      if (statSync(absolute).isDirectory()) files.push(...(await repo.workingTreeFiles([literalPathspec(rel)])));
      else files.push(rel);
    }
    report = checkWorkingFiles(root, [...new Set(files)], config.policy);
  }
  if (values.json) {
    const json = {
      ok: report.oversized.length === 0,
      staged,
      checked: report.checked,
      oversized: report.oversized.map((f) => ({
        path: f.path, size: f.size, limit: f.limit.bytes, limitKind: f.limitKind, binary: f.binary ?? null,
        limitSetIn: f.limit.source.file ?? null, limitKey: f.limit.source.key,
      })),
    };
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (report.oversized.length === 0) {
    ctx.stdout.write(msg.allUnderLimit(report.checked, staged));
  } else {
    ctx.stdout.write(staged ? msg.commitBlocked(report.oversized, detectRepoStorage(root), config.policy.configFile, 'ml-hooks check-size') : msg.workingTreeOversized(report.oversized));
  }
  return report.oversized.length > 0 ? EXIT_FINDINGS : EXIT_OK;
};
