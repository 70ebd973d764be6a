// Pre-commit step: what a merge left unresolved is not committed. A notebook that still holds
// conflicts (markers in its cells, or the metadata conflicts `ml-hooks merge` lists), and the text
// side of every pair the staged changes touch when git's text merge left markers in it: the pair
// step would otherwise take that script as the edited side and rebuild the notebook from it,
// markers and all, undoing a resolution made in the notebook. Runs first, and changes nothing:
// concluding a merge should say "resolve the conflicts", not "the pair is out of sync".
import type { PreCommitStep } from './preCommitStep.js';
import type { HookContext } from './hookContext.js';
import type { Settings } from '../config/settings.js';
import type { StagedEntry } from '../git/parseDiffRaw.js';
import { selectStagedNotebooks } from './stripStagedBlobs.js';
import { mayBePaired, pairableChanges } from './stagedPairSides.js';
import { decodeUtf8 } from '../fs/readTextFile.js';
import { readWorkingText } from '../fs/readWorkingText.js';

export const conflictStep: PreCommitStep = {
  name: 'conflicts',
  async run(ctx) {
    const changes = pairableChanges(ctx.stagedEntries()).filter((e) => e.status !== 'D');
    if (changes.length === 0) return;
    const settings = await ctx.settings();
    const notebooks = selectStagedNotebooks(changes, settings.isNotebook);
    const pairs = mayBePaired(ctx.repo.root, settings.pairing, changes);
    if (notebooks.length === 0 && !pairs) return;
    const work = await import('./stepWork.js');
    const batch = ctx.repo.objects();
    const notebookTexts = new Map<string, string>();
    for (const entry of notebooks) {
      const object = await batch.read(entry.dstOid);
      const text = object ? decodeUtf8(object.content) : undefined;
      if (text !== undefined) notebookTexts.set(entry.path, text);
    }
    const scripts = pairs ? await pairedScripts(ctx, settings, changes, notebookTexts, work.findPair) : [];
    // Most files hold no marker: only those that may are scanned, and their attributes asked.
    const marked = [...[...notebookTexts].filter(([, text]) => work.mayHoldMarkers(text)).map(([path]) => path), ...scripts.filter((s) => work.mayHoldMarkers(s.text)).flatMap((s) => [s.pair.script, s.pair.notebook])];
    const scope = await work.conflictScopes(ctx.repo, marked);
    const scriptOf = new Map(scripts.map(({ pair }) => [pair.notebook, pair.script]));
    const blockedNotebooks: Array<{ path: string; message: string; fix: string; pairedScript?: string }> = [];
    const blockedScripts: Array<{ path: string; message: string; fix: string; keepNotebook?: string }> = [];
    const scriptsFound = scripts.map(({ pair, text }) => ({ pair, found: work.findTextConflicts(text, scope(pair.script, pair.notebook)) }));
    const markedScripts = new Set(scriptsFound.filter(({ found }) => found.length > 0).map(({ pair }) => pair.script));
    for (const [path, text] of notebookTexts) {
      const found = work.findConflictsInText(text, scope(path));
      if (!found) continue;
      // Resolving in the script is a way out only for a paired notebook whose script holds none.
      const script = scriptOf.get(path);
      blockedNotebooks.push({ path, ...work.unresolvedConflicts(path, found), ...(script !== undefined && !markedScripts.has(script) ? { pairedScript: script } : {}) });
    }
    const markedNotebooks = new Set(blockedNotebooks.map((b) => b.path));
    for (const { pair, found } of scriptsFound) {
      if (found.length > 0) blockedScripts.push({ path: pair.script, ...work.unresolvedScriptConflicts(pair.script, pair.notebook, found, markedNotebooks.has(pair.notebook)) });
    }
    if (blockedNotebooks.length + blockedScripts.length > 0) return { block: work.conflictsBlockCommit(blockedNotebooks, blockedScripts) };
  },
};

type FindPair = (typeof import('./stepWork.js'))['findPair'];
type Pair = import('./stepWork.js').Pair;

/**
 * The pairs of the staged changes, each with its script as the index holds it (what the pair
 * step reads as the script's side). Pairs are found as the pair step finds them: from the staged
 * texts, and the working files of sides that are not staged.
 */
async function pairedScripts(ctx: HookContext, settings: Settings, changes: readonly StagedEntry[], notebookTexts: ReadonlyMap<string, string>, findPair: FindPair): Promise<Array<{ pair: Pair; text: string }>> {
  const repo = ctx.repo;
  const staged = await repo.readBlobs(changes.filter((c) => !notebookTexts.has(c.path)).map((c) => `:${c.path}`));
  const read = (path: string): string | undefined => notebookTexts.get(path) ?? (staged.has(`:${path}`) ? staged.get(`:${path}`)?.toString('utf8') : readWorkingText(repo.root, path));
  const pairs = new Map<string, Pair>();
  for (const change of changes) {
    const pair = findPair(change.path, read, settings.pairing);
    if (pair && !pairs.has(pair.script)) pairs.set(pair.script, pair);
  }
  const unstaged = [...pairs.keys()].filter((script) => !staged.has(`:${script}`));
  const index = await repo.readBlobs(unstaged.map((script) => `:${script}`));
  return [...pairs.values()].flatMap((pair) => {
    const blob = staged.get(`:${pair.script}`) ?? index.get(`:${pair.script}`);
    return blob === undefined ? [] : [{ pair, text: blob.toString('utf8') }];
  });
}
