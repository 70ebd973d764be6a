// `check-size PATH…`: the same policy applied to files in the working tree.
import { closeSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { BINARY_SNIFF_BYTES, judgeBlob, needsHead, type GuardPolicy } from '../guard/sizePolicy.js';
import { strippedNotebookSize, type MeasureFn } from '../guard/measureNotebook.js';
import type { SizeReport } from './checkStagedFiles.js';

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(BINARY_SNIFF_BYTES);
    const n = readSync(fd, buffer, 0, BINARY_SNIFF_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** `paths` are relative to `root`; symlinks and anything that is not a regular file are skipped. */
export function checkWorkingFiles(root: string, paths: readonly string[], policy: GuardPolicy, measure: MeasureFn = strippedNotebookSize()): SizeReport {
  const report: SizeReport = { checked: 0, oversized: [] };
  const lower = Math.min(policy.maxBinarySize.bytes, policy.maxFileSize.bytes);
  for (const path of paths) {
    const absolute = join(root, path);
    let stat;
    try {
      stat = lstatSync(absolute);
    } catch {
      continue; // deleted in the working tree
    }
    if (!stat.isFile()) continue;
    report.checked++;
    const size = stat.size;
    if (size <= lower || policy.isAllowed(path)) continue;
    const notebook = policy.isNotebook(path);
    const whole = notebook ? readFileSync(absolute) : undefined;
    const head = whole ?? (needsHead(size, policy) ? readHead(absolute) : undefined);
    const measuredSize = whole ? measure(path, whole) : undefined;
    const verdict = judgeBlob({ path, size, head: head?.subarray(0, BINARY_SNIFF_BYTES), measuredSize }, policy);
    if (!verdict.ok) report.oversized.push({ path, size: verdict.size, limit: verdict.limit, limitKind: verdict.limitKind, binary: verdict.binary });
  }
  return report;
}
