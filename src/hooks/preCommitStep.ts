import type { HookContext } from './hookContext.js';

/**
 * One part of the pre-commit hook. Steps run in order (pairing, then stripping, then the
 * large-file guard); each sees the index as the previous steps left it. A step that returns
 * `block` stops the commit: its text is printed and no later step runs.
 */
export interface PreCommitStep {
  readonly name: string;
  run(ctx: HookContext): Promise<StepOutcome>;
}

export type StepOutcome = { block: string } | undefined | void;

/** A pre-push step gets the refs being pushed (see parsePrePushLines). */
export interface PrePushStep {
  readonly name: string;
  run(ctx: HookContext, push: PushInfo): Promise<StepOutcome>;
}

export interface PushInfo {
  remoteName: string;
  remoteUrl: string;
  refs: PushedRef[];
}

export interface PushedRef {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}
