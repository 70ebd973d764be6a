// Entry points the hooks call: run the check with the repository's policy, turn the outcome into messages.
import type { Repo } from '../git/repo.js';
import { checkStagedFiles } from './checkStagedFiles.js';
import { scanPush, type ScanPushOptions } from './scanPush.js';
import type { PushRef } from '../guard/parsePushRefs.js';
import type { GuardPolicy } from '../guard/sizePolicy.js';
import { detectRepoStorage } from './detectRepoStorage.js';
import type { MeasureFn } from '../guard/measureNotebook.js';
import * as msg from '../messages/guard.js';

export interface GuardOutcome {
  /** False: the hook must stop the commit or push. */
  ok: boolean;
  /** Text for stderr (blocks and warnings), each ending in a newline. */
  messages: string[];
}

/** `options.measure`: a notebook's size after the configured strip (the default strip otherwise). */
export async function runGuardPreCommit(repo: Repo, options: { policy: GuardPolicy; measure?: MeasureFn }): Promise<GuardOutcome> {
  const report = await checkStagedFiles(repo, options);
  if (report.oversized.length === 0) return { ok: true, messages: [] };
  return { ok: false, messages: [msg.commitBlocked(report.oversized, detectRepoStorage(repo.root), options.policy.configFile)] };
}

/**
 * `options.strip` should strip with the repository's configured strip options (the default strip
 * is used otherwise: with keep-output configured, notebooks would be reported as unstripped).
 */
export async function runGuardPrePush(
  repo: Repo,
  remote: string,
  url: string | undefined,
  stdinText: string | readonly PushRef[],
  options: { policy: GuardPolicy; strip?: ScanPushOptions['strip'] },
): Promise<GuardOutcome> {
  const { policy } = options;
  const report = await scanPush(repo, stdinText, remote, options);
  const messages: string[] = [];
  let ok = true;
  const name = remote || url || 'the remote';
  if (report.notice !== undefined) messages.push(report.notice);
  if (report.oversized.length > 0) {
    ok = false;
    messages.push(msg.pushBlocked(report.oversized, name));
  }
  if (report.unstripped.length > 0) {
    const block = policy.unstrippedNotebooks === 'block';
    if (block) ok = false;
    messages.push(msg.unstrippedNotebooks(report.unstripped, name, block, policy.configFile));
  }
  return { ok, messages };
}
