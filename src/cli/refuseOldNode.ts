// On a node older than `engines`, the CLI says so in one line instead of failing somewhere
// inside. What git runs through the runner must still let git work: the filter answers git's
// handshake with no capabilities (git then passes every file through, as when node is missing),
// and the diff textconv prints the file as it is.
import { readFileSync } from 'node:fs';
import { MIN_NODE_MAJOR } from './version.js';
import { nodeTooOldMessage } from '../messages/cli.js';

/** A filter handshake announcing no capabilities (gitattributes(5), long-running filter process). */
export const PASS_THROUGH_HANDSHAKE = '0016git-filter-server\n000eversion=2\n00000000';

/** Never returns: exits when done (after git closes the filter's pipe). */
export async function refuseOldNode(argv: string[]): Promise<never> {
  process.stderr.write(nodeTooOldMessage(process.versions.node, process.execPath, MIN_NODE_MAJOR));
  const [command, file] = argv;
  if (command === 'filter-process') {
    process.stdout.write(PASS_THROUGH_HANDSHAKE);
    process.stdin.resume();
    await new Promise((resolve) => process.stdin.on('end', resolve));
    process.exit(0);
  }
  if (command === 'textconv' && file !== undefined) {
    process.stdout.write(readFileSync(file));
    process.exit(0);
  }
  process.exit(1);
}
