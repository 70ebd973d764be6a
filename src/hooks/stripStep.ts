// Pre-commit step: strips the staged notebooks in the index. The working files are never
// touched, so a partially staged notebook keeps its unstaged edits and the user keeps outputs;
// the output store remembers each staged notebook as it was, so a later checkout of the stripped
// blob gives its outputs back.
import type { PreCommitStep } from './preCommitStep.js';
import { isStagedRegularFile } from '../git/parseDiffRaw.js';
import { selectStagedNotebooks, stripStagedBlobs, type StagedBlob } from './stripStagedBlobs.js';
import { invalidStagedNotebooks, strippedStaged } from '../messages/hooks.js';

export const stripStep: PreCommitStep = {
  name: 'strip',
  async run(ctx) {
    const entries = ctx.stagedEntries();
    if (!entries.some(isStagedRegularFile)) return;
    const settings = await ctx.settings();
    const notebooks = selectStagedNotebooks(entries, settings.isNotebook);
    if (notebooks.length === 0) return;
    // Only now that there is something to strip: read the blobs and load the strip engine.
    const objects = ctx.repo.objects();
    const [{ stripNotebookText, NotebookError, openOutputStore }, blobs] = await Promise.all([
      import('./stepWork.js'),
      Promise.all(
        notebooks.map(async (e): Promise<StagedBlob> => {
          const object = await objects.read(e.dstOid);
          if (!object) throw new Error(`staged blob ${e.dstOid} of ${e.path} is missing from the object database`);
          return { path: e.path, mode: e.dstMode, content: object.content };
        }),
      ),
    ]);
    const { updates, problems } = stripStagedBlobs(
      blobs,
      (path) => settings.stripOptionsFor(path),
      stripNotebookText,
      (error): error is InstanceType<typeof NotebookError> => error instanceof NotebookError,
    );
    if (problems.length > 0) return { block: invalidStagedNotebooks(problems) };
    if (updates.length === 0) return;
    const oids = await ctx.repo.hashObjects(updates.map((u) => u.content));
    await ctx.updateIndex(updates.map((u, i) => ({ mode: u.mode, oid: oids[i]!, path: u.path })));
    const store = openOutputStore(ctx.repo, settings);
    if (store) {
      const staged = new Map(blobs.map((b) => [b.path, b.content]));
      for (const u of updates) store.remember(u.path, Buffer.from(u.content, 'utf8'), staged.get(u.path)!);
      store.prune();
    }
    ctx.stderr.write(strippedStaged(updates.map((u) => u.path)));
  },
};
