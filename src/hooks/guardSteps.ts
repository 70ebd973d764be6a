// The large-file guard as hook steps: after stripping at commit time (so a notebook is measured
// as it will be committed), and over every pushed commit at push time. Both use the repository's
// settings: the same limits, path rules and strip options as every other command.
import type { PreCommitStep, PrePushStep } from './preCommitStep.js';
import type { HookContext } from './hookContext.js';
import { isStagedRegularFile } from '../git/parseDiffRaw.js';

async function stripWithSettings(ctx: HookContext) {
  const settings = await ctx.settings();
  const { stripNotebookBytes } = await import('./stepWork.js');
  return { settings, strip: (bytes: Buffer, path: string) => stripNotebookBytes(bytes, path, settings.stripOptionsFor(path)) };
}

export const guardPreCommitStep: PreCommitStep = {
  name: 'guard',
  async run(ctx) {
    // Nothing added or changed (only deletions, or nothing staged): nothing to measure.
    const staged = ctx.stagedEntries().filter(isStagedRegularFile);
    if (staged.length === 0) return;
    const settings = await ctx.settings();
    // Every commit pays for this step: one batch-check of the staged blobs' sizes decides whether
    // the guard has anything to look at (it only ever reports blobs over the lower limit, and
    // stripping a notebook only makes it smaller).
    const lower = Math.min(settings.guard.maxBinarySize.bytes, settings.guard.maxFileSize.bytes);
    const sizes = ctx.repo.blobSizes(staged.map((e) => e.dstOid));
    if (sizes.every((size) => size === undefined || size <= lower)) return;
    const { strip } = await stripWithSettings(ctx);
    const { runGuardPreCommit } = await import('./stepWork.js');
    const outcome = await runGuardPreCommit(ctx.repo, {
      policy: settings.guard,
      measure: (path, bytes) => {
        const stripped = strip(bytes, path);
        return stripped === undefined ? undefined : Buffer.byteLength(stripped, 'utf8');
      },
    });
    if (!outcome.ok) return { block: outcome.messages.join('') };
    ctx.stderr.write(outcome.messages.join(''));
  },
};

export const guardPrePushStep: PrePushStep = {
  name: 'guard',
  async run(ctx, push) {
    const refs = push.refs
      .filter((r) => !/^0+$/.test(r.localOid))
      .map((r) => ({ localRef: r.localRef, localSha: r.localOid, remoteRef: r.remoteRef, remoteSha: r.remoteOid }));
    if (refs.length === 0) return;
    const { settings, strip } = await stripWithSettings(ctx);
    const { runGuardPrePush } = await import('./stepWork.js');
    const outcome = await runGuardPrePush(ctx.repo, push.remoteName, push.remoteUrl || undefined, refs, { policy: settings.guard, strip });
    if (!outcome.ok) return { block: outcome.messages.join('\n') };
    ctx.stderr.write(outcome.messages.join('\n'));
  },
};
