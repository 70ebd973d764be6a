// `ml-hooks github-action` (hidden): what action.yml runs. It turns what GitHub sets for the job
// into a `check --format github` run: the working tree, and the commits of the pull request or
// push (src/check/githubHistoryRange.ts decides which).
import { readFileSync } from 'node:fs';
import type { Command, CommandContext } from '../context.js';
import { CommandError } from '../../errors/commandError.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { Repo } from '../../git/repo.js';
import { githubHistoryCandidates, type GithubEvent, type HistoryCandidate } from '../../check/githubHistoryRange.js';
import { notARepository, usageError } from '../../messages/cli.js';
import * as msg from '../../messages/ci.js';
import { run as check } from './check.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: msg.githubActionHelp, usageError: (d) => usageError('github-action', d) });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) throw new CommandError('usage', usageError('github-action', 'takes no arguments (the action\'s inputs come as INPUT_* variables)'));
  const { env } = ctx;
  const repo = Repo.at(ctx.cwd, env);
  if (repo === undefined) throw new CommandError('not-a-repository', notARepository('github-action', ctx.cwd));
  let chosen: HistoryCandidate | undefined;
  try {
    const event = readEvent(env.GITHUB_EVENT_PATH, ctx);
    // Without the event, which commits were pushed is unknown: the working tree only.
    const candidates = event === undefined ? [] : githubHistoryCandidates({ eventName: env.GITHUB_EVENT_NAME, sha: env.GITHUB_SHA, ref: env.GITHUB_REF, baseRef: env.GITHUB_BASE_REF, event });
    for (const candidate of candidates) {
      const found = await Promise.all(candidate.needs.map((rev) => repo.resolveCommit(rev)));
      if (found.every((oid) => oid !== undefined)) {
        chosen = candidate;
        break;
      }
    }
    if (chosen) ctx.stdout.write(msg.checking(chosen.what, chosen.range));
    else if (candidates.length > 0) ctx.stdout.write(msg.historyNotInCheckout(candidates[0]!.range));
    else if (event !== undefined) ctx.stdout.write(msg.workingTreeOnly(env.GITHUB_EVENT_NAME ?? 'local'));
  } finally {
    repo.close();
  }
  const paths = (env.INPUT_PATHS ?? '').split(/\s+/).filter((p) => p !== '');
  return check(['--format', 'github', ...(chosen ? ['--history', chosen.range] : []), '--', ...paths], ctx);
};

/** The webhook payload GitHub wrote for the run; undefined (after a warning) when it cannot be read. */
function readEvent(path: string | undefined, ctx: CommandContext): GithubEvent | undefined {
  if (path === undefined || path === '') return {};
  try {
    const event: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof event === 'object' && event !== null ? (event as GithubEvent) : {};
  } catch (error) {
    ctx.stdout.write(msg.unreadableEvent(path, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}
