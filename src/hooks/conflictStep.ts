// Pre-commit step: a notebook that still holds merge conflicts (markers in its cells, or the
// metadata conflicts `ml-hooks merge` lists) is not committed. Runs first: concluding a merge
// should say "resolve the conflicts", not "the pair is out of sync".
import type { PreCommitStep } from './preCommitStep.js';
import { selectStagedNotebooks } from './stripStagedBlobs.js';
import { decodeUtf8 } from '../fs/readTextFile.js';

export const conflictStep: PreCommitStep = {
  name: 'conflicts',
  async run(ctx) {
    const entries = ctx.stagedEntries();
    if (!entries.some((e) => e.path.endsWith('.ipynb'))) return;
    const settings = await ctx.settings();
    const notebooks = selectStagedNotebooks(entries, settings.isNotebook);
    if (notebooks.length === 0) return;
    const { findConflictsInText, unresolvedConflicts, conflictsBlockCommit } = await import('./stepWork.js');
    const batch = ctx.repo.objects();
    const blocked: Array<{ path: string; message: string; fix: string }> = [];
    for (const entry of notebooks) {
      const object = await batch.read(entry.dstOid);
      const text = object ? decodeUtf8(object.content) : undefined;
      const found = text === undefined ? undefined : findConflictsInText(text);
      if (found) blocked.push({ path: entry.path, ...unresolvedConflicts(entry.path, found) });
    }
    if (blocked.length > 0) return { block: conflictsBlockCommit(blocked) };
  },
};
