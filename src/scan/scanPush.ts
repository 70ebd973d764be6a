// The pre-push scan: every blob the pushed commits bring to the remote, measured in one pass.
import type { Repo } from '../git/repo.js';
import { revListObjectSizes, type ListedObject } from '../git/revListObjectSizes.js';
import { findIntroducingCommits } from '../git/findIntroducingCommits.js';
import { BINARY_SNIFF_BYTES, judgeBlob, needsHead, type GuardPolicy } from '../guard/sizePolicy.js';
import { isZeroSha, parsePushRefs, type PushRef } from '../guard/parsePushRefs.js';
import type { PushedOversized, UnstrippedNotebook } from '../guard/findings.js';

export interface ScanPushOptions {
  policy: GuardPolicy;
  /** The notebook as the strip hook would have committed it; undefined when it cannot be stripped. */
  strip?: (bytes: Buffer, path: string) => string | undefined;
}

export interface PushScanReport {
  refs: PushRef[];
  /** Objects rev-list listed (commits, trees, blobs, tags). */
  scanned: number;
  oversized: PushedOversized[];
  unstripped: UnstrippedNotebook[];
}

/**
 * What to leave out of the scan: objects the remote already has. Its remote-tracking refs (a
 * brand-new remote has none: everything is scanned), and each updated ref's old value when we
 * have that commit (after a force push it need not be an ancestor; `^sha` still only subtracts
 * what the remote had; a sha we never fetched cannot be named, so it is left out).
 */
export function exclusionsFor(refs: readonly PushRef[], remoteName: string, existing: ReadonlySet<string>): string[] {
  const olds = [...new Set(refs.map((r) => r.remoteSha).filter((sha) => !isZeroSha(sha) && existing.has(sha)))];
  const remoteGlob = /^[A-Za-z0-9._-]+$/.test(remoteName) ? [`--remotes=${remoteName}`] : [];
  return [...olds.map((sha) => `^${sha}`), ...(remoteGlob.length ? ['--not', ...remoteGlob] : [])];
}

/** `refsFromStdin`: the hook's stdin as git gave it, or refs a hook runner already parsed. */
export async function scanPush(repo: Repo, refsFromStdin: string | readonly PushRef[], remoteName: string, options: ScanPushOptions): Promise<PushScanReport> {
  const refs = typeof refsFromStdin === 'string' ? parsePushRefs(refsFromStdin) : refsFromStdin.filter((r) => !isZeroSha(r.localSha));
  if (refs.length === 0) return { refs, scanned: 0, oversized: [], unstripped: [] };
  const olds = [...new Set(refs.map((r) => r.remoteSha).filter((sha) => !isZeroSha(sha)))];
  const found = await repo.objectInfo(olds);
  const existing = new Set(olds.filter((_, i) => found[i] !== undefined));
  const tips = [...new Set(refs.map((r) => r.localSha))];
  const refFor = (tip: string | undefined): string => refs.find((r) => r.localSha === tip)?.localRef ?? refs[0]!.localRef;
  const report = await scanHistory(repo, tips, exclusionsFor(refs, remoteName, existing), { ...options, refFor });
  return { refs, ...report };
}

export interface HistoryScanOptions extends ScanPushOptions {
  /** How to name the ref a commit was reached from (its tip as given), for the messages. */
  refFor?: (tip: string | undefined) => string;
}

/**
 * Every blob reachable from `tips` but not from `excluded` (any rev-list arguments: shas, refs,
 * `A..B` ranges, `^x`, `--not --remotes=origin`): over-limit blobs and unstripped notebooks, each
 * with the commit that introduced it. Also what `ml-hooks check --history RANGE` needs.
 */
export async function scanHistory(
  repo: Repo,
  tips: readonly string[],
  excluded: readonly string[],
  options: HistoryScanOptions,
): Promise<{ scanned: number; oversized: PushedOversized[]; unstripped: UnstrippedNotebook[] }> {
  const { policy } = options;
  const refFor = options.refFor ?? ((tip: string | undefined) => tip ?? tips[0] ?? 'HEAD');
  const lower = Math.min(policy.maxBinarySize.bytes, policy.maxFileSize.bytes);
  const notebookGlob = policy.unstrippedNotebooks === 'off' ? () => false : policy.isNotebook;
  const isLarge = (size: number, path: string): boolean => size > lower && !policy.isAllowed(path);
  // Only blobs over the smaller limit, or notebooks, need a second look: most of a history is neither.
  const { kept, total } = await revListObjectSizes(repo.root, [...tips, ...excluded], (size, path) => isLarge(size, path) || notebookGlob(path), repo.env);

  const notebooks = kept.filter((o) => notebookGlob(o.path));
  const large = kept.filter((o) => isLarge(o.size, o.path));
  const objects = repo.objects();
  const reads = [
    ...notebooks.map((o) => objects.read(o.oid)),
    ...large.filter((o) => !notebookGlob(o.path) && needsHead(o.size, policy)).map((o) => objects.read(o.oid, BINARY_SNIFF_BYTES)),
  ];
  const contents = new Map((await Promise.all(reads)).flatMap((o) => (o ? [[o.oid, o.content] as const] : [])));

  const overBlobs: { object: ListedObject; verdict: Extract<ReturnType<typeof judgeBlob>, { ok: false }> }[] = [];
  const unstrippedBlobs: ListedObject[] = [];
  // The strip engine loads only when there are notebooks to look at.
  const strip = options.strip ?? (notebooks.length > 0 ? (await import('../guard/measureNotebook.js')).stripNotebookBytes : () => undefined);
  for (const o of notebooks) {
    const bytes = contents.get(o.oid);
    if (!bytes) continue;
    const stripped = strip(bytes, o.path);
    if (stripped === undefined) continue;
    const strippedBytes = Buffer.from(stripped, 'utf8');
    if (!strippedBytes.equals(bytes)) unstrippedBlobs.push(o);
  }
  for (const o of large) {
    const bytes = contents.get(o.oid);
    // The blob's own size: what the remote would store (a stripped notebook's blob is already small).
    const verdict = judgeBlob({ path: o.path, size: o.size, head: bytes?.subarray(0, BINARY_SNIFF_BYTES) }, policy);
    if (!verdict.ok) overBlobs.push({ object: o, verdict });
  }
  if (overBlobs.length === 0 && unstrippedBlobs.length === 0) return { scanned: total, oversized: [], unstripped: [] };

  const introduced = await findIntroducingCommits(repo.root, tips, excluded, [...overBlobs.map((b) => b.object), ...unstrippedBlobs], repo.env);
  const oversized: PushedOversized[] = overBlobs.map(({ object, verdict }) => {
    const c = introduced.get(object.oid);
    return {
      path: object.path, size: verdict.size, limit: verdict.limit, limitKind: verdict.limitKind, binary: verdict.binary,
      commit: c?.commit, subject: c?.subject, hasParent: (c?.parents.length ?? 1) > 0, localRef: refFor(c?.tip),
    };
  });
  const unstripped: UnstrippedNotebook[] = unstrippedBlobs.map((object) => {
    const c = introduced.get(object.oid);
    return { path: object.path, commit: c?.commit, subject: c?.subject, isTip: c !== undefined && tips.includes(c.commit), localRef: refFor(c?.tip) };
  });
  return { scanned: total, oversized, unstripped };
}
