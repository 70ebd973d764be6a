// The pre-commit hook: runs its steps in order over one shared context.
// Order: unresolved merge conflicts (nothing else is worth saying while a notebook holds them), pairing (a script edit regenerates its notebook), stripping (of every staged notebook,
// regenerated ones included), then the large-file guard (notebooks measured as committed).
import type { PreCommitStep, PrePushStep, PushInfo, StepOutcome } from './preCommitStep.js';
import type { HookContext } from './hookContext.js';
import { stripStep } from './stripStep.js';
import { pairStep } from './pairStep.js';
import { guardPreCommitStep, guardPrePushStep } from './guardSteps.js';
import { conflictStep } from './conflictStep.js';
import { emptiedButMeant, nothingLeftToCommit } from '../messages/hooks.js';
import { HookBlock } from './hookContext.js';

export const PRE_COMMIT_STEPS: PreCommitStep[] = [conflictStep, pairStep, stripStep, guardPreCommitStep];
export const PRE_PUSH_STEPS: PrePushStep[] = [guardPrePushStep];

/** Returns the hook's exit code: 0 lets the commit go on, 1 stops it. */
export async function runPreCommit(ctx: HookContext, steps: readonly PreCommitStep[] = PRE_COMMIT_STEPS): Promise<number> {
  const before = await ctx.stagedEntries();
  for (const step of steps) {
    const outcome = await runStep(() => step.run(ctx));
    if (outcome?.block) {
      ctx.stderr.write(outcome.block);
      return 1;
    }
  }
  // Only a commit whose every staged change was rewritten can have become empty; it goes on when
  // that is what was asked for (an --amend, --allow-empty, or concluding a merge).
  const couldBeEmpty = ctx.indexChanged && before.length > 0 && before.every((e) => ctx.updatedPaths.has(e.path));
  if (couldBeEmpty && (await ctx.stagedEntries()).length === 0) {
    const paths = before.map((e) => e.path);
    const { readCommitIntent } = await import('./stepWork.js');
    const intent = await readCommitIntent(ctx.repo, ctx.env);
    if (intent.merge || intent.amend || intent.allowEmpty) {
      ctx.stderr.write(emptiedButMeant(paths, intent.merge ? 'merge' : intent.amend ? 'amend' : 'allow-empty'));
      return 0;
    }
    ctx.stderr.write(nothingLeftToCommit(paths));
    return 1;
  }
  return 0;
}

export async function runPrePush(ctx: HookContext, push: PushInfo, steps: readonly PrePushStep[] = PRE_PUSH_STEPS): Promise<number> {
  for (const step of steps) {
    const outcome = await runStep(() => step.run(ctx, push));
    if (outcome?.block) {
      ctx.stderr.write(outcome.block);
      return 1;
    }
  }
  return 0;
}

async function runStep(run: () => Promise<StepOutcome>): Promise<StepOutcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HookBlock) return { block: error.text };
    throw error;
  }
}
