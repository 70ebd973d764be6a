// `ml-hooks guard-push REMOTE [URL]`: the large-file guard's pre-push scan, refs on stdin
// (as git gives them to the pre-push hook). Hidden: hooks run it, people run check-size.
import type { Command } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../context.js';
import { runGuardPrePush } from '../../guard/runGuard.js';
import { guardPushUsage } from '../../messages/guard.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export const run: Command = async (argv, ctx) => {
  if (argv.length < 1 || argv.length > 2 || argv[0]!.startsWith('-')) {
    (argv[0] === '-h' || argv[0] === '--help' ? ctx.stdout : ctx.stderr).write(guardPushUsage);
    return argv[0] === '-h' || argv[0] === '--help' ? EXIT_OK : EXIT_USAGE;
  }
  const [remote, url] = argv as [string, string | undefined];
  const outcome = await runGuardPrePush(ctx, remote, url, await readAll(ctx.stdin));
  ctx.stderr.write(outcome.messages.join('\n'));
  return outcome.ok ? EXIT_OK : EXIT_FINDINGS;
};
