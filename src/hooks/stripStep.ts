// Pre-commit step: strips the staged notebooks in the index. The working files are never
// touched, so a partially staged notebook keeps its unstaged edits and the user keeps outputs.
import type { PreCommitStep } from './preCommitStep.js';
import { isStagedRegularFile } from '../git/parseDiffRaw.js';
import { selectStagedNotebooks, stripStagedBlobs, type StagedBlob } from './stripStagedBlobs.js';
import { hashObjects } from '../git/writeObjects.js';
import { makePathMatcher } from '../config/makePathMatcher.js';
import { applyNbstripoutGitConfig } from '../config/applyNbstripoutGitConfig.js';
import { readNbstripoutGitConfig } from '../git/readNbstripoutGitConfig.js';
import { invalidStagedNotebooks, strippedStaged } from '../messages/hooks.js';

export const stripStep: PreCommitStep = {
  name: 'strip',
  async run(ctx) {
    const entries = await ctx.stagedEntries();
    if (!entries.some(isStagedRegularFile)) return;
    const projectConfig = await ctx.config();
    const notebooks = selectStagedNotebooks(entries, await makePathMatcher(projectConfig.notebooks, projectConfig.exclude));
    if (notebooks.length === 0) return;
    // Only now that there is something to strip: read the blobs, nbstripout's git config keys and
    // the strip engine, all at once (each is a process start or a module load).
    const batch = ctx.catFile();
    const [nbstripout, [{ stripNotebookText }, { NotebookError }, { stripOptionsFromConfig }], blobs] = await Promise.all([
      readNbstripoutGitConfig(ctx.cwd, ctx.env),
      Promise.all([import('../notebook/strip.js'), import('../notebook/errors.js'), import('../config/stripOptionsFromConfig.js')]),
      Promise.all(
        notebooks.map(async (e): Promise<StagedBlob> => {
          const object = await batch.read(e.dstOid);
          if (!object) throw new Error(`staged blob ${e.dstOid} of ${e.path} is missing from the object database`);
          return { path: e.path, mode: e.dstMode, content: object.content };
        }),
      ),
    ]);
    const { config } = applyNbstripoutGitConfig({ config: projectConfig, origins: {}, errors: [], warnings: [] }, nbstripout);
    const { updates, problems } = stripStagedBlobs(
      blobs,
      (path) => stripOptionsFromConfig(config.strip, path),
      stripNotebookText,
      (error): error is InstanceType<typeof NotebookError> => error instanceof NotebookError,
    );
    if (problems.length > 0) return { block: invalidStagedNotebooks(problems) };
    if (updates.length === 0) return;
    const oids = await hashObjects(updates.map((u) => u.content), ctx.cwd, ctx.env);
    await ctx.updateIndex(updates.map((u, i) => ({ mode: u.mode, oid: oids[i]!, path: u.path })));
    ctx.stderr.write(strippedStaged(updates.map((u) => u.path)));
  },
};
