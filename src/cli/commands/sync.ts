// `ml-hooks sync [PATH...]`: brings paired notebooks and scripts up to date.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRelativePath } from '../repoRelativePath.js';
import type { Command } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { listWorkingTreeFiles } from '../../git/listWorkingTreeFiles.js';
import { findPair, isNotebookPath, isScriptPath, type Pair } from '../../pairing/findPair.js';
import { syncWorkingTree } from '../../pairing/syncWorkingTree.js';
import { readIfExistsUnder } from './readIfExistsUnder.js';
import { reportOutcomes } from './syncReport.js';
import { pairingSetup } from './pairingSetup.js';
import * as msg from '../../messages/pairing.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  prefer: { type: 'string' },
  check: { type: 'boolean' },
  staged: { type: 'boolean' },
} as const;

const text = { help: msg.syncHelp, usageError: msg.usageError('sync') };

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, text);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const setup = await pairingSetup(values.prefer, ctx, text.usageError);
  if (typeof setup === 'number') return setup;
  const { prefer, gitRoot, root, config } = setup;
  if (values.staged) {
    // The pre-commit step: staged pairs are synced in the index (what the hook runs).
    if (!gitRoot) {
      ctx.stderr.write(msg.stagedNeedsGit);
      return EXIT_USAGE;
    }
    const { syncStagedPairs } = await import('../../pairing/syncStagedPairs.js');
    const result = await syncStagedPairs(root, config, positionals.length > 0 ? positionals.map((p) => repoRelativePath(root, ctx.cwd, p)) : undefined);
    for (const line of result.messages) ctx.stderr.write(line);
    for (const path of result.staged) ctx.stdout.write(msg.staged(path));
    return result.blocked ? EXIT_FINDINGS : EXIT_OK;
  }
  const read = readIfExistsUnder(root);
  // Candidate files: the given ones (folders expanded), or every file of the repository.
  const explicit = new Set<string>();
  let candidates: string[];
  if (positionals.length > 0) {
    candidates = [];
    for (const p of positionals) {
      const abs = resolve(ctx.cwd, p);
      const rel = repoRelativePath(root, ctx.cwd, p);
      let isDir = false;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        // a missing file may still be one side of a pair
      }
      if (isDir) {
        const files = gitRoot ? await listWorkingTreeFiles(root, [rel || '.']) : [];
        candidates.push(...files);
      } else {
        candidates.push(rel);
        explicit.add(rel);
      }
    }
  } else {
    candidates = gitRoot ? await listWorkingTreeFiles(root) : [];
  }
  const pairs = new Map<string, Pair>();
  const skipped = new Set<string>();
  let failed = false;
  for (const path of candidates) {
    if (!isNotebookPath(path) && !isScriptPath(path)) {
      if (explicit.has(path)) {
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
    else if (explicit.has(path) && !reported) {
      ctx.stderr.write(msg.notPaired(path));
      failed = true;
    }
  }
  const outcomes = await syncWorkingTree(root, [...pairs.values()], { ...(prefer ? { prefer } : {}), check: Boolean(values.check), inGit: gitRoot !== undefined });
  const problem = reportOutcomes(outcomes, ctx, Boolean(values.check));
  return failed || problem ? EXIT_FINDINGS : EXIT_OK;
};
