// The pure core of commit-time stripping: staged entries and blob contents in, new blob contents
// (or reasons to stop the commit) out.
import { isStagedRegularFile, type StagedEntry } from '../git/parseDiffRaw.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { notUtf8 } from '../messages/hooks.js';
import { MAX_TEXT_BYTES, tooLargeInMemory } from '../fs/readTextFile.js';

/** Staged regular files (not deletions, symlinks or submodules) that the config calls notebooks. */
export function selectStagedNotebooks(entries: readonly StagedEntry[], isNotebook: (path: string) => boolean): StagedEntry[] {
  return entries.filter((e) => isStagedRegularFile(e) && isNotebook(e.path));
}

export interface StagedBlob {
  path: string;
  mode: string;
  content: Buffer;
}

export interface StripResult {
  /** Blobs whose stripped text differs from what is staged. */
  updates: { path: string; mode: string; content: string }[];
  /** Staged notebooks that cannot be read: the commit must stop. */
  problems: { path: string; reason: string }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function stripStagedBlobs(
  blobs: readonly StagedBlob[],
  optionsFor: (path: string) => StripOptions,
  strip: (text: string, options: StripOptions) => string,
  isNotebookError: (error: unknown) => error is Error & { reason: string },
): StripResult {
  const result: StripResult = { updates: [], problems: [] };
  for (const blob of blobs) {
    if (blob.content.length > MAX_TEXT_BYTES) {
      result.problems.push({ path: blob.path, reason: `the staged file ${tooLargeInMemory(blob.content.length)}` });
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(blob.content);
    } catch {
      result.problems.push({ path: blob.path, reason: notUtf8 });
      continue;
    }
    try {
      const stripped = strip(text, optionsFor(blob.path));
      if (stripped !== text) result.updates.push({ path: blob.path, mode: blob.mode, content: stripped });
    } catch (error) {
      if (!isNotebookError(error)) throw error;
      result.problems.push({ path: blob.path, reason: error.reason });
    }
  }
  return result;
}
