// Entry points the hooks call: gather the inputs, run the check, turn the outcome into messages.
import { findRepoRoot } from '../git/listWorkingTreeFiles.js';
import { loadGuardConfig } from './loadGuardConfig.js';
import { checkStagedFiles } from './checkStagedFiles.js';
import { scanPush, type ScanPushOptions } from './scanPush.js';
import type { PushRef } from './parsePushRefs.js';
import type { GuardPolicy } from './sizePolicy.js';
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

/** What a hook runner that has already loaded the configuration may pass in. */
export interface GuardHookOptions {
  /** The policy from the shared loader (see guardPolicyFromConfig); read from the repository otherwise. */
  policy?: GuardPolicy;
}

/** The caller's policy, or the repository's; the messages to stop with when the config is invalid. */
async function policyFor(root: string, options: GuardHookOptions): Promise<{ policy: GuardPolicy } | GuardOutcome> {
  if (options.policy) return { policy: options.policy };
  const config = await loadGuardConfig(root);
  if (config.errors.length > 0) return { ok: false, messages: [msg.badConfig(config.errors)] };
  return { policy: config.policy };
}

/** `options.measure`: a notebook's size after the configured strip (the default strip otherwise). */
export async function runGuardPreCommit(ctx: GuardContext, options: GuardHookOptions & { measure?: MeasureFn } = {}): Promise<GuardOutcome> {
  const root = await findRepoRoot(ctx.cwd);
  if (root === undefined) return { ok: false, messages: [msg.notARepository('pre-commit')] };
  const loaded = await policyFor(root, options);
  if (!('policy' in loaded)) return loaded;
  const report = await checkStagedFiles(root, { policy: loaded.policy, measure: options.measure, env: ctx.env });
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
  stdinText: string | readonly PushRef[],
  options: GuardHookOptions & { strip?: ScanPushOptions['strip'] } = {},
): Promise<GuardOutcome> {
  const root = await findRepoRoot(ctx.cwd);
  if (root === undefined) return { ok: false, messages: [msg.notARepository('pre-push')] };
  const loaded = await policyFor(root, options);
  if (!('policy' in loaded)) return loaded;
  const { policy } = loaded;
  const report = await scanPush(root, stdinText, remote, { policy, strip: options.strip, env: ctx.env });
  const messages: string[] = [];
  let ok = true;
  const name = remote || url || 'the remote';
  if (report.oversized.length > 0) {
    ok = false;
    messages.push(msg.pushBlocked(report.oversized, name));
  }
  if (report.unstripped.length > 0) {
    const block = policy.unstrippedNotebooks === 'block';
    if (block) ok = false;
    messages.push(msg.unstrippedNotebooks(report.unstripped, name, block));
  }
  return { ok, messages };
}
