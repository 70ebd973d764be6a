// `ml-hooks sync [PATH...]`: brings paired notebooks and scripts up to date.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRelativePath } from '../repoRelativePath.js';
import type { Command } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { CommandError } from '../../errors/commandError.js';
import { resolveTypedName, typedPathExists } from '../../fs/resolveTypedName.js';
import { fsPath } from '../../fs/bytePaths.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { findPair, isNotebookPath, isScriptPath, type Pair } from '../../pairing/findPair.js';
import { syncWorkingTree } from '../syncWorkingTree.js';
import { makeHookContext } from '../../hooks/hookContext.js';
import { pairStep } from '../../hooks/pairStep.js';
import { conflictStep } from '../../hooks/conflictStep.js';
import { noSuchPath, notARepository, usageError } from '../../messages/cli.js';
import { readIfExistsUnder } from './readIfExistsUnder.js';
import { reportOutcomes } from './syncReport.js';
import { pairingSetup } from './pairingSetup.js';
import * as msg from '../../messages/pairing.js';
import { asStagedSync } from '../../messages/merge.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  prefer: { type: 'string' },
  check: { type: 'boolean' },
  staged: { type: 'boolean' },
  'pre-commit-mode': { type: 'boolean' },
} as const;

const text = { help: msg.syncHelp, usageError: (detail: string) => usageError('sync', detail) };

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, text);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const preCommitMode = Boolean(values['pre-commit-mode']);
  if (preCommitMode && (values.staged || values.check)) throw new CommandError('usage', text.usageError('--pre-commit-mode writes the working tree: it cannot be combined with --staged or --check'));
  if (preCommitMode && positionals.length === 0) return EXIT_OK; // pre-commit passed no file
  const { prefer, repo, root, settings } = await pairingSetup(values.prefer, ctx, 'sync');
  try {
    const config = settings.pairing;
    if (values.staged) {
      // The pre-commit step: staged pairs are synced in the index (what the hook runs).
      if (!repo) throw new CommandError('not-a-repository', notARepository('sync'));
      if (positionals.length > 0) throw new CommandError('usage', text.usageError('--staged syncs every staged pair: give no PATH'));
      const hook = makeHookContext({ ...ctx, cwd: repo.root });
      try {
        // What a merge left unresolved stops it first, as in the hook: a script holding
        // markers is never the side the notebook is rebuilt from.
        for (const step of [conflictStep, pairStep]) {
          const outcome = await step.run(hook);
          if (outcome?.block) {
            ctx.stderr.write(asStagedSync(outcome.block));
            return EXIT_FINDINGS;
          }
        }
        for (const path of hook.updatedPaths) ctx.stdout.write(msg.staged(path));
        return EXIT_OK;
      } finally {
        hook.close();
      }
    }
    const read = readIfExistsUnder(root);
    // Candidate files: the given ones (folders expanded), or every file of the repository.
    const explicit = new Set<string>();
    let candidates: string[];
    if (positionals.length > 0) {
      candidates = [];
      for (const p of positionals) {
        const abs = fsPath(resolve(ctx.cwd, resolveTypedName(p, ctx.cwd)));
        const rel = repoRelativePath(root, ctx.cwd, p);
        // A missing file may still be one side of a pair (a deleted script the configuration
        // pairs comes back from its notebook); otherwise it is a typo, said before anything is synced.
        if (!typedPathExists(p, ctx.cwd) && !preCommitMode && findPair(rel, read, config) === undefined) throw new CommandError('bad-input', noSuchPath('sync', p));
        let isDir = false;
        try {
          isDir = statSync(abs).isDirectory();
        } catch {
          // missing: a side of a pair
        }
        if (isDir) {
          const files = repo ? await repo.workingTreeFiles([rel || '.']) : [];
          candidates.push(...files);
        } else {
          candidates.push(rel);
          explicit.add(rel);
        }
      }
    } else {
      candidates = repo ? await repo.workingTreeFiles() : [];
    }
    const pairs = new Map<string, Pair>();
    const skipped = new Set<string>();
    let failed = false;
    for (const path of candidates) {
      if (!isNotebookPath(path) && !isScriptPath(path)) {
        if (explicit.has(path) && !preCommitMode) {
          ctx.stderr.write(msg.notPaired(path));
          failed = true;
        }
        continue;
      }
      let reported = false;
      const pair = findPair(path, read, config, (s) => {
        reported = true;
        const line = msg.formatNotSupported(s.path, s.format, s.declaredIn, s.invalid);
        if (!skipped.has(line)) ctx.stderr.write(line);
        skipped.add(line);
      });
      if (pair) pairs.set(pair.notebook, pair);
      else if (explicit.has(path) && !reported && !preCommitMode) {
        ctx.stderr.write(msg.notPaired(path));
        failed = true;
      }
    }
    const outcomes = await syncWorkingTree(root, [...pairs.values()], { ...(prefer ? { prefer } : {}), check: Boolean(values.check), repo });
    const problem = reportOutcomes(outcomes, ctx, Boolean(values.check));
    const written = outcomes.flatMap((o) => o.written);
    if (preCommitMode && written.length > 0) {
      // A fixing hook of the pre-commit framework fails when it writes a file (a new script is
      // untracked, so pre-commit would not notice it by itself).
      ctx.stdout.write(msg.syncedForPreCommit(written));
      return EXIT_FINDINGS;
    }
    return failed || problem ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    repo?.close();
  }
};
