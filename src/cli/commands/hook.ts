// `ml-hooks hook pre-commit` / `ml-hooks hook pre-push REMOTE URL` (hidden): what the installed
// hook scripts run. Kept lean: nothing heavy is imported until a step finds work to do.
import type { Command } from '../context.js';
import { EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { CommandError } from '../../errors/commandError.js';
import { makeHookContext } from '../../hooks/hookContext.js';
import { runPreCommit, runPrePush } from '../../hooks/runPreCommit.js';
import { parsePrePushLines } from '../../hooks/parsePrePushLines.js';
import { hookHelp, hookUsage, skipped } from '../../messages/hooks.js';

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

export const run: Command = async (argv, cmd) => {
  const parsed = parseCommandArgs(argv, OPTIONS, cmd, { help: hookHelp, usageError: hookUsage });
  if (typeof parsed === 'number') return parsed;
  const [hook, ...args] = parsed.positionals;
  if (hook !== 'pre-commit' && hook !== 'pre-push') throw new CommandError('usage', hookUsage(hook === undefined ? 'which hook? pre-commit or pre-push' : `unknown hook '${hook}'`));
  if (cmd.env.ML_HOOKS === '0') {
    cmd.stderr.write(skipped(hook));
    return EXIT_OK;
  }
  const ctx = makeHookContext(cmd);
  try {
    if (hook === 'pre-commit') return await runPreCommit(ctx);
    const [remoteName = '', remoteUrl = ''] = args;
    const refs = parsePrePushLines(await readAll(cmd.stdin));
    return await runPrePush(ctx, { remoteName, remoteUrl, refs });
  } finally {
    ctx.close();
  }
};

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
