// Pre-commit step: pairing (before stripping). For every staged notebook or script of a pair, the
// other side is regenerated and staged (src/pairing/syncStagedPairs.ts); the strip step then
// strips the notebook side as it strips any staged notebook.
import type { PreCommitStep } from './preCommitStep.js';
import { isStagedRegularFile } from '../git/parseDiffRaw.js';
import { isNotebookPath, isScriptPath } from '../pairing/pathKinds.js';

export const pairStep: PreCommitStep = {
  name: 'pair',
  async run(ctx) {
    const staged = (await ctx.stagedEntries()).filter(isStagedRegularFile);
    // Most commits touch no notebook or script: nothing of pairing is loaded for them.
    if (!staged.some((e) => isNotebookPath(e.path) || isScriptPath(e.path))) return;
    const config = await ctx.config(); // throws HookBlock when the configuration is invalid
    const [{ readPairConfig }, { pairConfigWith }, { syncStagedPairs }] = [
      await import('../pairing/pairConfig.js'),
      await import('../pairing/loadPairConfig.js'),
      await import('../pairing/syncStagedPairs.js'),
    ];
    // Jupytext's own settings (jupytext.toml, [tool.jupytext]) come from the pairing reader; the
    // ml-hooks settings from the shared, validated configuration.
    const pairConfig = pairConfigWith(readPairConfig(ctx.cwd), { config, origins: (await ctx.configResult()).origins });
    const result = await syncStagedPairs(ctx.cwd, pairConfig, staged.map((e) => e.path));
    if (result.blocked) return { block: result.messages.join('') };
    ctx.stderr.write(result.messages.join(''));
    if (result.staged.length > 0) ctx.indexChangedBy(result.staged);
  },
};
