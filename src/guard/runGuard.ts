// Entry points the hooks call: gather the inputs, run the check, turn the outcome into messages.
import { findRepoRoot } from '../git/listWorkingTreeFiles.js';
import { loadGuardConfig } from './loadGuardConfig.js';
import { checkStagedFiles } from './checkStagedFiles.js';
import { scanPush, type ScanPushOptions } from './scanPush.js';
import { detectRepoStorage } from './detectRepoStorage.js';
import type { MeasureFn } from './measureNotebook.js';
import * as msg from '../messages/guard.js';

export interface GuardContext {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface GuardOutcome {
  /** False: the hook must stop the commit or push. */
  ok: boolean;
  /** Text for stderr (blocks and warnings), each ending in a newline. */
  messages: string[];
}

export async function runGuardPreCommit(ctx: GuardContext, options: { measure?: MeasureFn } = {}): Promise<GuardOutcome> {
  const root = await findRepoRoot(ctx.cwd);
  if (root === undefined) return { ok: false, messages: [msg.notARepository('pre-commit')] };
  const config = loadGuardConfig(root);
  if (config.errors.length > 0) return { ok: false, messages: [msg.badConfig(config.errors)] };
  const report = await checkStagedFiles(root, { policy: config.policy, measure: options.measure, env: ctx.env });
  if (report.oversized.length === 0) return { ok: true, messages: [] };
  return { ok: false, messages: [msg.commitBlocked(report.oversized, detectRepoStorage(root))] };
}

/**
 * `options.strip` should strip with the repository's configured strip options (the default strip
 * is used otherwise: with keep-output configured, notebooks would be reported as unstripped).
 */
export async function runGuardPrePush(
  ctx: GuardContext,
  remote: string,
  url: string | undefined,
  stdinText: string,
  options: { strip?: ScanPushOptions['strip'] } = {},
): Promise<GuardOutcome> {
  const root = await findRepoRoot(ctx.cwd);
  if (root === undefined) return { ok: false, messages: [msg.notARepository('pre-push')] };
  const config = loadGuardConfig(root);
  if (config.errors.length > 0) return { ok: false, messages: [msg.badConfig(config.errors)] };
  const report = await scanPush(root, stdinText, remote, { policy: config.policy, strip: options.strip, env: ctx.env });
  const messages: string[] = [];
  let ok = true;
  const name = remote || url || 'the remote';
  if (report.oversized.length > 0) {
    ok = false;
    messages.push(msg.pushBlocked(report.oversized, name));
  }
  if (report.unstripped.length > 0) {
    const block = config.policy.unstrippedNotebooks === 'block';
    if (block) ok = false;
    messages.push(msg.unstrippedNotebooks(report.unstripped, name, block));
  }
  return { ok, messages };
}
