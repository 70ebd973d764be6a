// git gives pre-push one line per ref on stdin:
//   refs/heads/main 67890ab…(40) refs/heads/main 12345cd…(40)
//   (delete) 0000000…(40) refs/heads/old 12345cd…(40)
// A new remote branch has an all-zero remote oid; a deletion an all-zero local oid.
import type { PushedRef } from './preCommitStep.js';

export function parsePrePushLines(text: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parts = line.trim().split(' ');
    if (parts.length !== 4) throw new Error(`unexpected pre-push input line: ${JSON.stringify(line)}`);
    const [localRef, localOid, remoteRef, remoteOid] = parts as [string, string, string, string];
    refs.push({ localRef, localOid, remoteRef, remoteOid });
  }
  return refs;
}
