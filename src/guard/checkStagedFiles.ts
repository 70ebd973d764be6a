// The commit-time check: every staged added or modified file, measured as the blob in the index.
import { listStagedBlobs } from '../git/listStagedBlobs.js';
import { catFileBatchCheck } from '../git/catFileBatchCheck.js';
import { catFileBatchHeads, type BlobRequest } from '../git/catFileBatchHeads.js';
import { BINARY_SNIFF_BYTES, judgeBlob, needsHead, type GuardPolicy } from './sizePolicy.js';
import { matchesAnyGlob } from './matchesAnyGlob.js';
import type { MeasureFn } from './measureNotebook.js';
import type { Oversized } from '../messages/guard.js';

export interface CheckStagedOptions {
  policy: GuardPolicy;
  /** A notebook's size as it will be committed (after stripping); defaults to the default strip. */
  measure?: MeasureFn;
  env?: NodeJS.ProcessEnv;
}

export interface SizeReport {
  checked: number;
  oversized: Oversized[];
}

export async function checkStagedFiles(repoRoot: string, options: CheckStagedOptions): Promise<SizeReport> {
  const { policy, env } = options;
  const staged = await listStagedBlobs(repoRoot, env);
  const infos = await catFileBatchCheck(repoRoot, staged.map((b) => b.oid), env);
  const lower = Math.min(policy.maxBinarySize.bytes, policy.maxFileSize.bytes);
  const candidates = staged
    .map((blob, i) => ({ ...blob, size: infos[i]?.size ?? 0, notebook: matchesAnyGlob(blob.path, policy.notebooks) }))
    .filter((b) => b.size > lower && !matchesAnyGlob(b.path, policy.allow));
  const requests: BlobRequest[] = candidates
    .filter((b) => b.notebook || needsHead(b.size, policy))
    .map((b) => ({ oid: b.oid, whole: b.notebook }));
  const contents = await catFileBatchHeads(repoRoot, requests, BINARY_SNIFF_BYTES, env);
  // The strip engine loads only when a large notebook needs measuring (every commit pays start-up).
  const measure = options.measure ?? (candidates.some((b) => b.notebook) ? (await import('./measureNotebook.js')).strippedNotebookSize() : () => undefined);
  const oversized: Oversized[] = [];
  for (const b of candidates) {
    const bytes = contents.get(b.oid);
    const measuredSize = b.notebook && bytes ? measure(b.path, bytes) : undefined;
    const verdict = judgeBlob({ path: b.path, size: b.size, head: bytes?.subarray(0, BINARY_SNIFF_BYTES), measuredSize }, policy);
    if (!verdict.ok) oversized.push({ path: b.path, size: verdict.size, limit: verdict.limit, limitKind: verdict.limitKind, binary: verdict.binary });
  }
  return { checked: staged.length, oversized };
}
