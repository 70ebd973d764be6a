// Pre-commit step: pairing (before stripping). It gathers the texts of every pair the staged
// changes touch, asks the pure planner (src/pairing/planStagedPairs.ts) what to do, and applies
// the plan: new blobs into the index through the one index writer, then the working files. The
// strip step then strips the notebook side as it strips any staged notebook.
import { dirname, join } from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';
import type { PreCommitStep } from './preCommitStep.js';
import type { HookContext } from './hookContext.js';
import { MODE_SYMLINK } from '../git/parseDiffRaw.js';
import { mayBePaired, pairableChanges } from './stagedPairSides.js';
import { fsPath } from '../fs/bytePaths.js';
import { isSymbolicLink, linkTarget } from '../fs/isSymbolicLink.js';
import { leftSymbolicLinkAlone } from '../messages/cli.js';
import { isNotebookPath } from '../pairing/pathKinds.js';
import { readWorkingText } from '../fs/readWorkingText.js';
import { blobId } from '../git/blobId.js';

export const pairStep: PreCommitStep = {
  name: 'pair',
  async run(ctx) {
    const changes = pairableChanges(ctx.stagedEntries());
    // Most commits touch no notebook or script: nothing of pairing is loaded for them.
    if (changes.length === 0) return;
    const settings = await ctx.settings();
    if (!mayBePaired(ctx.repo.root, settings.pairing, changes)) return;
    // Converting (and its YAML parser) is loaded only now. One at a time: concurrent imports of
    // shared modules trip jest's ESM loader.
    const { declaredWhere, findPair, planStagedPairs, formatNotSupported, pairLeftAlone, mayHoldMarkers, conflictScopes, findTextConflicts } = await import('./stepWork.js');
    // A pair in a format ml-hooks cannot write is left alone, with one line (strip and guard go on).
    const notices = new Set<string>();
    const found = (await gatherJobs(ctx, changes, (path, read) => findPair(path, read, settings.pairing, (s) => notices.add(formatNotSupported(s.path, s.format, s.declaredIn, s.invalid))))).map(
      (job): Job => ({ ...job, declaredWhere: declaredWhere(job.pair.declaredIn, settings.pairing) }),
    );
    // A side that is a symbolic link (in the index or the working tree) leaves its pair alone.
    const jobs = found.filter((job) => {
      const link = linkedSide(ctx, job, pairLeftAlone);
      if (link !== undefined) notices.add(link);
      return link === undefined;
    });
    ctx.stderr.write([...notices].join(''));
    if (jobs.length === 0) return;
    // A script holding conflict markers is never read as the inputs (the conflict step has said so).
    const marked = jobs.filter((job) => job.staged.script !== undefined && mayHoldMarkers(job.staged.script));
    const scope = await conflictScopes(ctx.repo, marked.flatMap((job) => [job.pair.script, job.pair.notebook]));
    for (const job of marked) job.scriptConflicts = findTextConflicts(job.staged.script!, scope(job.pair.script, job.pair.notebook));
    const plan = planStagedPairs(jobs);
    if (plan.blocked) return { block: plan.messages.join('') };
    await applyPlan(ctx, plan);
    ctx.stderr.write(plan.messages.join(''));
  },
};

/** The notice for a pair with a side that is a symbolic link, or undefined. */
function linkedSide(ctx: HookContext, job: Job, notice: (path: string, reason: string) => string): string | undefined {
  for (const side of ['notebook', 'script'] as const) {
    const path = job.pair[side];
    const absolute = fsPath(join(ctx.repo.root, path));
    if (job.modes[side] === MODE_SYMLINK || isSymbolicLink(absolute)) return notice(path, leftSymbolicLinkAlone(linkTarget(absolute)));
  }
  return undefined;
}

type FindPair = (path: string, read: (path: string) => string | undefined) => import('./stepWork.js').Pair | undefined;
type Job = import('./stepWork.js').StagedPairJob;
type Plan = import('./stepWork.js').StagedPairsPlan;

async function gatherJobs(ctx: HookContext, changes: readonly { path: string; status: string; fromPath?: string }[], findPair: FindPair): Promise<Job[]> {
  const { repo } = ctx;
  const root = repo.root;
  const text = (b: Buffer | undefined) => b?.toString('utf8');
  const staged = await repo.readBlobs(changes.map((c) => (c.status === 'D' ? `HEAD:${c.path}` : `:${c.path}`)));
  const read = (path: string): string | undefined => (staged.has(`:${path}`) ? text(staged.get(`:${path}`)) : readWorkingText(root, path));

  const found = new Map<string, { pair: NonNullable<ReturnType<FindPair>>; renamedFrom?: NonNullable<ReturnType<FindPair>> }>();
  for (const change of changes) {
    // A deleted file is paired as it was committed (its declaration is in HEAD's copy).
    const deleted = change.status === 'D' ? text(staged.get(`HEAD:${change.path}`)) : undefined;
    const pair = findPair(change.path, change.status === 'D' ? (p) => (p === change.path ? deleted : read(p)) : read);
    if (!pair) continue;
    let renamedFrom;
    if (change.status === 'R' && change.fromPath !== undefined && isNotebookPath(change.fromPath)) {
      const from = change.fromPath;
      const headOld = text((await repo.readBlobs([`HEAD:${from}`])).get(`HEAD:${from}`));
      const old = findPair(from, (p) => (p === from ? headOld : readWorkingText(root, p)));
      if (old && old.script !== pair.script) renamedFrom = old;
    }
    if (!found.has(pair.notebook) || renamedFrom) found.set(pair.notebook, { pair, ...(renamedFrom ? { renamedFrom } : {}) });
  }
  if (found.size === 0) return [];
  const names = [...found.values()].flatMap(({ pair, renamedFrom }) => [
    `:${pair.notebook}`, `:${pair.script}`, `HEAD:${pair.notebook}`, `HEAD:${pair.script}`,
    ...(renamedFrom ? [`:${renamedFrom.script}`, `HEAD:${renamedFrom.notebook}`, `HEAD:${renamedFrom.script}`] : []),
  ]);
  const blobs = await repo.readBlobs(names);
  const modes = await repo.indexModes([...found.values()].flatMap(({ pair }) => [pair.notebook, pair.script]));
  const get = (name: string) => text(blobs.get(name));
  // Scripts are compared as git sees them: after its own conversion (a CRLF checkout under
  // core.autocrlf holds the index's LF text), never byte for byte.
  const scripts = [...found.values()].flatMap(({ pair, renamedFrom }) => [pair.script, ...(renamedFrom ? [renamedFrom.script] : [])]);
  const cleaned = await repo.cleanedBlobIds(scripts.filter((p) => readWorkingText(root, p) !== undefined));
  const workingScript = (path: string): string | undefined =>
    asGitSeesIt(readWorkingText(root, path), cleaned.get(path), [get(`:${path}`), get(`HEAD:${path}`)]);
  return [...found.values()].map(({ pair, renamedFrom }): Job => ({
    pair,
    ...(renamedFrom ? { renamedFrom } : {}),
    staged: { notebook: get(`:${pair.notebook}`), script: get(`:${pair.script}`), ...(renamedFrom ? { oldScript: get(`:${renamedFrom.script}`) } : {}) },
    head: {
      notebook: get(`HEAD:${pair.notebook}`),
      script: get(`HEAD:${pair.script}`),
      ...(renamedFrom ? { oldNotebook: get(`HEAD:${renamedFrom.notebook}`), oldScript: get(`HEAD:${renamedFrom.script}`) } : {}),
    },
    working: {
      notebook: readWorkingText(root, pair.notebook),
      script: workingScript(pair.script),
      ...(renamedFrom ? { oldScript: workingScript(renamedFrom.script) } : {}),
    },
    modes: { notebook: modes.get(pair.notebook), script: modes.get(pair.script) },
  }));
}

/**
 * A working file's text as git would stage it: `cleanedId` is the blob id git's own conversion
 * gives it. The index's or HEAD's text when git takes the file for that, the text with CRLF
 * line endings made LF when that is what git does, the text as it is otherwise.
 */
function asGitSeesIt(raw: string | undefined, cleanedId: string | undefined, known: readonly (string | undefined)[]): string | undefined {
  if (raw === undefined || cleanedId === undefined) return raw;
  for (const candidate of [raw, ...known, raw.replace(/\r\n/g, '\n')]) {
    if (candidate !== undefined && blobId(Buffer.from(candidate, 'utf8')) === cleanedId) return candidate;
  }
  return raw;
}

/**
 * The working files are written beside their targets first; the index writer then swaps them in
 * together with the index, in one synchronous step after its last look for Ctrl-C. An interrupt
 * leaves the index and every working file as they were, or (after that step) all updated.
 */
async function applyPlan(ctx: HookContext, plan: Plan): Promise<void> {
  const { repo } = ctx;
  const writes = plan.index.filter((c): c is Extract<typeof c, { content: string }> => 'content' in c);
  const oids = await repo.hashObjects(writes.map((c) => c.content));
  const { prepareFileAtomic, holdsText } = await import('./stepWork.js');
  // A working file that is the blob just staged is written as git would check it out (CRLF
  // under core.autocrlf), so that it reads as unchanged in either form.
  const staged = new Map(writes.map((c, i) => [c.path, { content: c.content, oid: oids[i]! }]));
  const contents = await Promise.all(
    plan.writes.map(async (w) => {
      const blob = staged.get(w.path);
      if (blob === undefined || blob.content !== w.content) return w.content;
      return (await repo.checkoutForm(blob.oid, w.path))?.toString('utf8') ?? w.content;
    }),
  );
  const prepared: ReturnType<typeof prepareFileAtomic>[] = [];
  try {
    plan.writes.forEach((w, i) => {
      const path = join(repo.root, w.path);
      if (holdsText(path, contents[i]!)) return;
      mkdirSync(fsPath(dirname(path)), { recursive: true });
      prepared.push(prepareFileAtomic(path, contents[i]!));
    });
    await ctx.updateIndex(
      plan.index.map((c) => ('remove' in c ? { path: c.path } : { path: c.path, mode: c.mode, oid: oids[writes.indexOf(c)]! })),
      () => {
        for (const p of prepared) p.commit();
        for (const path of plan.removals) rmSync(fsPath(join(repo.root, path)), { force: true });
      },
    );
  } finally {
    for (const p of prepared) p.abort();
  }
}
