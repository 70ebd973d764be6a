// The large-file guard as hook steps: after stripping at commit time (so a notebook is measured
// as it will be committed), and over every pushed commit at push time. Both use the shared
// configuration (one loader, one set of origins for the messages) and the same strip options.
import type { PreCommitStep, PrePushStep } from './preCommitStep.js';
import type { HookContext } from './hookContext.js';
import { isStagedRegularFile } from '../git/parseDiffRaw.js';
import { blobSizesSync } from '../git/blobSizesSync.js';

/** `withNotebooks` false: no notebook is involved, so nbstripout's git config need not be read. */
async function guardInputs(ctx: HookContext, withNotebooks = true) {
  const config = await ctx.config(); // throws HookBlock when the configuration is invalid
  const { origins } = await ctx.configResult();
  const [{ guardPolicyFromConfig }, { stripOptionsFromConfig }, { stripNotebookBytes }, { readNbstripoutGitConfig }, { applyNbstripoutGitConfig }] = await Promise.all([
    import('../guard/guardPolicyFromConfig.js'),
    import('../config/stripOptionsFromConfig.js'),
    import('../guard/measureNotebook.js'),
    import('../git/readNbstripoutGitConfig.js'),
    import('../config/applyNbstripoutGitConfig.js'),
  ]);
  const withGit = applyNbstripoutGitConfig({ config, origins, errors: [], warnings: [] }, withNotebooks ? await readNbstripoutGitConfig(ctx.cwd, ctx.env) : {});
  const strip = (bytes: Buffer, path: string) => stripNotebookBytes(bytes, path, stripOptionsFromConfig(withGit.config.strip, path));
  return { policy: guardPolicyFromConfig(config, origins), strip };
}

export const guardPreCommitStep: PreCommitStep = {
  name: 'guard',
  async run(ctx) {
    // Nothing added or changed (only deletions, or nothing staged): nothing to measure.
    const staged = (await ctx.stagedEntries()).filter(isStagedRegularFile);
    if (staged.length === 0) return;
    const config = await ctx.config();
    // Every commit pays for this step: one batch-check of the staged blobs' sizes decides whether
    // the guard has anything to look at (it only ever reports blobs over the lower limit, and
    // stripping a notebook only makes it smaller).
    const lower = Math.min(config.guard.maxBinarySize, config.guard.maxFileSize);
    const sizes = blobSizesSync(staged.map((e) => e.dstOid), ctx.cwd, ctx.env);
    if (sizes.every((size) => size === undefined || size <= lower)) return;
    const { makePathMatcher } = await import('../config/makePathMatcher.js');
    const isNotebook = await makePathMatcher(config.notebooks, config.exclude);
    const { policy, strip } = await guardInputs(ctx, staged.some((e) => isNotebook(e.path)));
    const { runGuardPreCommit } = await import('../guard/runGuard.js');
    const outcome = await runGuardPreCommit(ctx, {
      policy,
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
    const { policy, strip } = await guardInputs(ctx);
    const { runGuardPrePush } = await import('../guard/runGuard.js');
    const outcome = await runGuardPrePush(ctx, push.remoteName, push.remoteUrl || undefined, refs, { policy, strip });
    if (!outcome.ok) return { block: outcome.messages.join('\n') };
    ctx.stderr.write(outcome.messages.join('\n'));
  },
};
