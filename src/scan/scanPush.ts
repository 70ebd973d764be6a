// The pre-push scan: every blob the pushed commits bring to the remote, measured in one pass.
import type { Repo } from '../git/repo.js';
import { revListObjectSizes, type ListedObject } from '../git/revListObjectSizes.js';
import { findIntroducingCommits } from '../git/findIntroducingCommits.js';
import { BINARY_SNIFF_BYTES, judgeBlob, needsHead, type GuardPolicy } from '../guard/sizePolicy.js';
import { isZeroSha, parsePushRefs, type PushRef } from '../guard/parsePushRefs.js';
import type { PushedOversized, UnstrippedNotebook } from '../guard/findings.js';
import { remoteNotAsked } from '../messages/guard.js';
import { pathsTheFilterCleans } from './filteredIndexBlobs.js';

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
  /** Said when the remote could not be asked what it has (the findings are kept). */
  notice?: string;
}

/** The remote-tracking refs of the remote being pushed to, as `Repo.remoteTrackingRefs` gives them. */
export interface TrackingRefs {
  refs: ReadonlyMap<string, string>;
  /** What `refs/remotes/<remote>/HEAD` points at (the remote's default branch), when set. */
  head: string | undefined;
}

/**
 * The remote's default branch as this clone last saw it, trusted to be on the remote still (a
 * default branch is not deleted): `<remote>/HEAD`'s target, else `<remote>/main` or `master`;
 * unless the push itself says the remote has no such branch.
 */
export function trustedDefaultBranch(tracking: TrackingRefs | undefined, remoteName: string, refs: readonly PushRef[]): string | undefined {
  if (tracking === undefined) return undefined;
  const prefix = `refs/remotes/${remoteName}/`;
  const name = [tracking.head, `${prefix}main`, `${prefix}master`].find((n) => n !== undefined && tracking.refs.has(n));
  if (name === undefined) return undefined;
  const branch = `refs/heads/${name.slice(prefix.length)}`;
  if (refs.some((r) => r.remoteRef === branch && isZeroSha(r.remoteSha))) return undefined;
  return tracking.refs.get(name);
}

/**
 * What to leave out of the scan: objects the remote has for certain. The old values the push
 * itself reports (when we have those commits: after a force push the old value need not be an
 * ancestor, and `^sha` still only subtracts what the remote had; a sha we never fetched cannot
 * be named), and the remote's default branch. Not the other remote-tracking refs: one may be
 * stale (a branch deleted on the server and never pruned here), and whatever only it reaches
 * would be sent without a look. What they hide is asked of the remote instead (see scanPush).
 */
export function exclusionsFor(refs: readonly PushRef[], existing: ReadonlySet<string>, defaultBranch?: string): string[] {
  const olds = [...new Set(refs.map((r) => r.remoteSha).filter((sha) => !isZeroSha(sha) && existing.has(sha)))];
  if (defaultBranch !== undefined && !olds.includes(defaultBranch)) olds.push(defaultBranch);
  return olds.map((sha) => `^${sha}`);
}

/** `refsFromStdin`: the hook's stdin as git gave it, or refs a hook runner already parsed. */
export async function scanPush(repo: Repo, refsFromStdin: string | readonly PushRef[], remoteName: string, options: ScanPushOptions): Promise<PushScanReport> {
  const refs = typeof refsFromStdin === 'string' ? parsePushRefs(refsFromStdin) : refsFromStdin.filter((r) => !isZeroSha(r.localSha));
  if (refs.length === 0) return { refs, scanned: 0, oversized: [], unstripped: [] };
  const olds = [...new Set(refs.map((r) => r.remoteSha).filter((sha) => !isZeroSha(sha)))];
  const found = await repo.objectInfo(olds);
  const existing = new Set(olds.filter((_, i) => found[i] !== undefined));
  const tracking = /^[A-Za-z0-9._-]+$/.test(remoteName) ? await repo.remoteTrackingRefs(remoteName) : undefined;
  const tips = [...new Set(refs.map((r) => r.localSha))];
  const refFor = (tip: string | undefined): string => refs.find((r) => r.localSha === tip)?.localRef ?? refs[0]!.localRef;
  const excluded = exclusionsFor(refs, existing, trustedDefaultBranch(tracking, remoteName, refs));
  const report = await scanHistory(repo, tips, excluded, { ...options, refFor });
  const tracked = tracking !== undefined && tracking.refs.size > 0;
  if (!tracked && excluded.length > 0) for (const file of report.oversized) file.remoteHas = excluded.map((e) => e.slice(1));
  const notice = tracked ? await leaveOutWhatTheRemoteHas(repo, remoteName, report) : undefined;
  return { refs, ...report, ...(notice !== undefined ? { notice } : {}) };
}

/**
 * Findings whose commit another remote-tracking ref reaches may be on the remote already: only
 * for those the remote is asked which refs it has now (one `git ls-remote`), and a finding whose
 * commit one of them reaches is left out. Whatever no remote-tracking ref reaches is new for
 * certain and needs no asking. When the remote cannot be asked, the findings stay, with a notice.
 */
async function leaveOutWhatTheRemoteHas(repo: Repo, remoteName: string, report: { oversized: PushedOversized[]; unstripped: UnstrippedNotebook[] }): Promise<string | undefined> {
  const commits = [...new Set([...report.oversized, ...report.unstripped].map((f) => f.commit).filter((c): c is string => c !== undefined))];
  const maybeThere = [...(await repo.reachableFrom(commits, { options: [`--remotes=${remoteName}`] }))];
  if (maybeThere.length === 0) return undefined;
  let advertised: string[];
  try {
    advertised = [...new Set((await repo.remoteRefs(remoteName)).values())];
  } catch (error) {
    return remoteNotAsked(remoteName, error instanceof Error ? error.message : String(error));
  }
  const info = await repo.objectInfo(advertised);
  const known = advertised.filter((_, i) => info[i] !== undefined);
  const onRemote = await repo.reachableFrom(maybeThere, { shas: known });
  const keep = <T extends { commit: string | undefined }>(findings: T[]): T[] => findings.filter((f) => f.commit === undefined || !onRemote.has(f.commit));
  report.oversized = keep(report.oversized);
  report.unstripped = keep(report.unstripped);
  return undefined;
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
  const tipOf = (oid: string): string | undefined => (tips.includes(oid) ? oid : undefined);
  // The path as the commit has it (rev-list cuts a path at a newline); a blob no commit holds
  // (a tag pointing at it) is named by the ref that reaches it.
  const oversized: PushedOversized[] = overBlobs.map(({ object, verdict }) => {
    const c = introduced.get(object.oid);
    return {
      path: c?.path ?? object.path, oid: object.oid, size: verdict.size, limit: verdict.limit, limitKind: verdict.limitKind, binary: verdict.binary,
      commit: c?.commit, subject: c?.subject, hasParent: (c?.parents.length ?? 1) > 0, localRef: refFor(c?.tip ?? tipOf(object.oid)),
    };
  });
  // What the fix advice depends on: which commit is checked out, and which paths the filter strips.
  const head = unstrippedBlobs.length > 0 ? await repo.resolveCommit('HEAD') : undefined;
  const branch = unstrippedBlobs.length > 0 ? await repo.checkedOutBranch() : undefined;
  const pathOf = (object: ListedObject): string => introduced.get(object.oid)?.path ?? object.path;
  const filtered = await pathsTheFilterCleans(repo, [...new Set(unstrippedBlobs.map(pathOf))]);
  const unstripped: UnstrippedNotebook[] = unstrippedBlobs.map((object) => {
    const c = introduced.get(object.oid);
    return {
      path: pathOf(object), commit: c?.commit, subject: c?.subject, isHead: c !== undefined && c.commit === head,
      hasParent: (c?.parents.length ?? 1) > 0, localRef: refFor(c?.tip), filtered: filtered.has(pathOf(object)),
      onCheckedOutBranch: branch !== undefined && refFor(c?.tip) === branch,
    };
  });
  return { scanned: total, oversized, unstripped };
}
