// The commit-time check: every staged added or modified file, measured as the blob in the index.
import type { Repo } from '../git/repo.js';
import { isStagedRegularFile } from '../git/parseDiffRaw.js';
import { BINARY_SNIFF_BYTES, judgeBlob, needsHead, type GuardPolicy } from '../guard/sizePolicy.js';
import type { MeasureFn } from '../guard/measureNotebook.js';
import type { Oversized } from '../guard/findings.js';

export interface CheckStagedOptions {
  policy: GuardPolicy;
  /** A notebook's size as it will be committed (after stripping); defaults to the default strip. */
  measure?: MeasureFn;
}

export interface SizeReport {
  checked: number;
  oversized: Oversized[];
}

export async function checkStagedFiles(repo: Repo, options: CheckStagedOptions): Promise<SizeReport> {
  const { policy } = options;
  const staged = repo.stagedChanges().filter(isStagedRegularFile);
  const sizes = repo.blobSizes(staged.map((e) => e.dstOid));
  const lower = Math.min(policy.maxBinarySize.bytes, policy.maxFileSize.bytes);
  const candidates = staged
    .map((e, i) => ({ path: e.path, oid: e.dstOid, size: sizes[i] ?? 0, notebook: policy.isNotebook(e.path) }))
    .filter((b) => b.size > lower && !policy.isAllowed(b.path));
  const objects = repo.objects();
  const contents = await Promise.all(
    candidates.map((b) => (b.notebook ? objects.read(b.oid) : needsHead(b.size, policy) ? objects.read(b.oid, BINARY_SNIFF_BYTES) : undefined)),
  );
  // The strip engine loads only when a large notebook needs measuring (every commit pays start-up).
  const measure = options.measure ?? (candidates.some((b) => b.notebook) ? (await import('../guard/measureNotebook.js')).strippedNotebookSize() : () => undefined);
  const oversized: Oversized[] = [];
  candidates.forEach((b, i) => {
    const bytes = contents[i]?.content;
    const measuredSize = b.notebook && bytes ? measure(b.path, bytes) : undefined;
    const verdict = judgeBlob({ path: b.path, size: b.size, head: bytes?.subarray(0, BINARY_SNIFF_BYTES), measuredSize }, policy);
    if (!verdict.ok) oversized.push({ path: b.path, size: verdict.size, limit: verdict.limit, limitKind: verdict.limitKind, binary: verdict.binary });
  });
  return { checked: staged.length, oversized };
}
