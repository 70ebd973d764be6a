// `ml-hooks install`: see src/install/installHooks.ts and the help text.
import type { Command } from '../context.js';
import { EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { notARepository, usageError } from '../../messages/cli.js';
import { CommandError } from '../../errors/commandError.js';
import { installHooks, InstallRefused } from '../../install/installHooks.js';
import { findPackageRoot } from '../../install/findPackageRoot.js';
import { git, GitError } from '../../git/runGit.js';
import { installCiTemplates } from '../../install/installCiTemplates.js';
import { VERSION } from '../version.js';
import { findWorkTreeTop } from '../../git/findWorkTreeTop.js';
import { bareRepository, ciTemplateExists, ciTemplateWritten, installDone, installHelp } from '../../messages/install.js';
import { configKeys } from '../../config/validateConfig.js';
import { BareRepository } from '../../install/locateRepo.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' }, ci: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } } as const, ctx, { help: installHelp(configKeys()), usageError: (detail) => usageError('install', detail) }, false);
  if (typeof parsed === 'number') return parsed;
  // --quiet is for npm's `prepare` script, which runs on every `npm ci`: CI machines and copies
  // without git (a Docker build, an installed tarball) are left alone, and nothing is printed.
  const quiet = Boolean(parsed.values.quiet);
  if (quiet && (isCi(ctx.env) || findWorkTreeTop(ctx.cwd, ctx.env) === undefined)) return EXIT_OK;
  try {
    const packageRoot = findPackageRoot();
    const report = await installHooks(ctx.cwd, ctx.env, { node: process.execPath, packageRoot });
    if (!quiet) ctx.stdout.write(installDone(report.done, report.notes));
    if (parsed.values.ci) {
      const root = (await git(['rev-parse', '--show-toplevel'], { cwd: ctx.cwd, env: ctx.env })).trim();
      for (const outcome of installCiTemplates(root, packageRoot, VERSION)) {
        ctx.stdout.write(outcome.written ? ciTemplateWritten(outcome.target) : ciTemplateExists(outcome.target, outcome.content));
      }
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InstallRefused) {
      ctx.stderr.write(error.message);
      // From `prepare`, a clone we cannot set up must not stop `npm ci`: the hooks say so at commit.
      return quiet ? EXIT_OK : 1;
    }
    if (error instanceof BareRepository) throw new CommandError('not-a-repository', bareRepository('install', error.gitDir));
    if (error instanceof GitError && error.args[0] === 'rev-parse') {
      throw new CommandError('not-a-repository', notARepository('install'));
    }
    throw error;
  }
};

/** CI services set CI (GitHub Actions, GitLab CI, CircleCI, …: CI=true); CI=false or 0 means not CI. */
const isCi = (env: NodeJS.ProcessEnv): boolean => env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
