// `ml-hooks strip FILE|FOLDER …`: every notebook given, or found in a given folder, stripped in
// place (atomically; a file whose content would not change is left alone), printed, or checked.
// A notebook is read in chunks by the byte-level strip, so its size does not matter; only one
// that needs the full parse is read whole, and only then does the in-memory limit apply.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { NotebookStripStream, fullParseReason } from '../notebook/NotebookStripStream.js';
import { planStrip } from '../notebook/planStrip.js';
import { NotebookError } from '../notebook/errors.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { describeFsError, MAX_TEXT_BYTES, readTextFile, UnreadableFileError } from '../fs/readTextFile.js';
import { readFileChunks } from '../fs/readFileChunks.js';
import { writeFileAtomic } from '../fs/writeFileAtomic.js';
import { rangeErrorReason } from '../messages/strip.js';
import { fsPath } from '../fs/bytePaths.js';
import { findStripTargets } from './findStripTargets.js';

export type StripFileMode = 'in-place' | 'dry-run' | 'textconv';

export type FileOutcome =
  | { kind: 'stripped' | 'would-strip' | 'unchanged'; path: string }
  | { kind: 'printed'; path: string; changed: boolean }
  /** Not a notebook ml-hooks can strip (`reason` is one line); with --textconv printed as it is. */
  | { kind: 'not-a-notebook' | 'printed-as-is'; path: string; reason: string }
  | { kind: 'could-not-strip'; path: string; reason: string }
  /** Needs the full parse, which cannot hold this much in memory. */
  | { kind: 'too-large'; path: string; size: number; fullParse: string }
  /** A file without a notebook extension (no --force), or a folder without notebooks. */
  | { kind: 'skipped' | 'no-notebooks'; path: string }
  /** A symbolic link given by name: left alone (see src/fs/isSymbolicLink.ts). */
  | { kind: 'symbolic-link'; path: string; target: string | undefined };

export interface StripFilesSettings {
  mode: StripFileMode;
  force: boolean;
  cwd: string;
  /** Where --textconv prints. */
  stdout: Writable;
  /** Leave a file as it is although stripping would change it (the pre-commit hook's rule for notebooks the filter already stores stripped). */
  keep?: (path: string, stripped: Buffer) => boolean;
}

/** `optionsFor` gives each file's options (its repository's settings under the flags). */
export async function stripFiles(
  paths: string[],
  optionsFor: (path: string) => Promise<StripOptions>,
  settings: StripFilesSettings,
  report: (outcome: FileOutcome) => void,
): Promise<void> {
  const targets = findStripTargets(paths, settings.force, settings.cwd, report);
  for (const found of targets) {
    if ('error' in found) {
      report({ kind: 'could-not-strip', path: found.path, reason: found.error });
      continue;
    }
    const target = found.path;
    // Let a pending Ctrl-C take effect between files: each file is replaced atomically.
    await new Promise((done) => setImmediate(done));
    const options = await optionsFor(target);
    const fileOptions = target.endsWith('.zpln') ? { ...options, mode: 'zeppelin' as const } : options;
    report(await stripFile(target, fileOptions, settings));
  }
}

async function stripFile(path: string, options: StripOptions, settings: StripFilesSettings): Promise<FileOutcome> {
  // The path may hold bytes that are not UTF-8 (see src/fs/bytePaths.ts): fs calls take its bytes.
  const absolute = fsPath(resolve(settings.cwd, path));
  const { mode, stdout } = settings;
  let size: number;
  try {
    const stat = statSync(absolute);
    if (stat.isDirectory()) return { kind: 'could-not-strip', path, reason: 'is a directory, not a file' };
    size = stat.size;
  } catch (error) {
    return { kind: 'could-not-strip', path, reason: describeFsError(error) };
  }

  const planned = planFile(absolute, size, options, mode !== 'textconv');
  if ('kind' in planned) {
    if (planned.kind === 'too-large' || planned.kind === 'could-not-strip') return { ...planned, path };
    if (mode !== 'textconv') return { kind: 'not-a-notebook', path, reason: planned.reason };
    // `git diff` calls us as a textconv: show the file as it is rather than break the diff.
    try {
      await copyFileTo(absolute, stdout);
    } catch (error) {
      return { kind: 'could-not-strip', path, reason: describeFsError(error) };
    }
    return { kind: 'printed-as-is', path, reason: planned.reason };
  }

  if (mode === 'textconv') {
    await write(stdout, planned.output);
    return { kind: 'printed', path, changed: planned.changed };
  }
  if (!planned.changed || settings.keep?.(path, planned.output)) return { kind: 'unchanged', path };
  if (mode === 'dry-run') return { kind: 'would-strip', path };
  try {
    if ((statSync(absolute).mode & 0o222) === 0) {
      return { kind: 'could-not-strip', path, reason: 'the file is read-only (make it writable, e.g. `chmod u+w`, to strip it)' };
    }
    writeFileAtomic(resolve(settings.cwd, path), planned.output);
  } catch (error) {
    return { kind: 'could-not-strip', path, reason: describeFsError(error) };
  }
  return { kind: 'stripped', path };
}

type Plan =
  | { output: Buffer; changed: boolean }
  | { kind: 'bad-notebook'; reason: string }
  | { kind: 'could-not-strip'; reason: string }
  | { kind: 'too-large'; size: number; fullParse: string };

/** The byte-level strip, reading the file in chunks; else the full parse of the whole file. */
function planFile(absolute: string | Buffer, size: number, options: StripOptions, detectChange: boolean): Plan {
  let fullParse = fullParseReason(options);
  if (fullParse === undefined) {
    const stream = new NotebookStripStream(options, { detectChange });
    try {
      for (const chunk of readFileChunks(absolute)) if (!stream.push(chunk)) break;
    } catch (error) {
      return { kind: 'could-not-strip', reason: describeFsError(error) };
    }
    try {
      const result = stream.end();
      if ('stripped' in result) return { output: result.stripped, changed: result.changed };
      fullParse = result.fullParse;
    } catch (error) {
      if (error instanceof NotebookError) return { kind: 'bad-notebook', reason: error.reason };
      throw error;
    }
  }
  if (size > MAX_TEXT_BYTES) return { kind: 'too-large', size, fullParse };
  let text: string;
  try {
    text = readTextFile(absolute);
  } catch (error) {
    if (error instanceof UnreadableFileError) return { kind: 'could-not-strip', reason: error.reason };
    throw error;
  }
  try {
    const plan = planStrip(text, options);
    return { output: Buffer.from(plan.output, 'utf8'), changed: plan.changed };
  } catch (error) {
    if (error instanceof NotebookError) return { kind: 'bad-notebook', reason: error.reason };
    // V8's string or array limits: a notebook too large to process in memory.
    if (error instanceof RangeError) return { kind: 'bad-notebook', reason: rangeErrorReason(error.message) };
    throw error;
  }
}

async function copyFileTo(absolute: string | Buffer, out: Writable): Promise<void> {
  for (const chunk of readFileChunks(absolute)) await write(out, chunk);
}

const write = (out: Writable, data: Buffer): Promise<void> => new Promise((done, fail) => out.write(data, (error) => (error ? fail(error) : done())));
