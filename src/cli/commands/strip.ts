// `ml-hooks strip`: nbstripout's command line, with the same option names and meanings.
import { parseCommandArgs } from '../parseCommandArgs.js';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../context.js';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../../notebook/stripOptions.js';
import { parseMaxSize, strippedKeys } from '../../notebook/strip.js';
import { planStrip } from '../../notebook/planStrip.js';
import { NotebookError } from '../../notebook/errors.js';
import { decodeUtf8, describeFsError, MAX_TEXT_BYTES, readTextFile, UnreadableFileError, formatBytes } from '../../fs/readTextFile.js';
import { writeFileAtomic } from '../../fs/writeFileAtomic.js';
import { SettingsForFiles } from '../../settings/settingsForFiles.js';
import { CommandError } from '../../errors/commandError.js';
import { invalidConfiguration, notARepository } from '../../messages/cli.js';
import { Repo } from '../../git/repo.js';
import { repoRelativePath } from '../repoRelativePath.js';
import { filteredIndexBlobs, storedStripped } from '../../scan/filteredIndexBlobs.js';
import { makeHookContext } from '../../hooks/hookContext.js';
import { stripStep } from '../../hooks/stripStep.js';
import * as msg from '../../messages/strip.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'dry-run': { type: 'boolean' },
  verify: { type: 'boolean' },
  textconv: { type: 'boolean', short: 't' },
  force: { type: 'boolean', short: 'f' },
  mode: { type: 'string', short: 'm' },
  'keep-count': { type: 'boolean' },
  'keep-output': { type: 'boolean' },
  'keep-id': { type: 'boolean' },
  'extra-keys': { type: 'string', multiple: true },
  'keep-metadata-keys': { type: 'string', multiple: true },
  'drop-empty-cells': { type: 'boolean' },
  'drop-tagged-cells': { type: 'string', multiple: true },
  'strip-init-cells': { type: 'boolean' },
  'max-size': { type: 'string' },
  'keep-output-type': { type: 'string', multiple: true },
  'drop-output-type': { type: 'string', multiple: true },
  // The pre-commit framework's hooks (.pre-commit-hooks.yaml).
  'pre-commit-mode': { type: 'boolean' },
  staged: { type: 'boolean' },
  // nbstripout's installation flags: answered with the ml-hooks command to use instead.
  install: { type: 'boolean' },
  uninstall: { type: 'boolean' },
  status: { type: 'boolean' },
  'is-installed': { type: 'boolean' },
} as const;

type Flags = Exclude<ReturnType<typeof parseCommandArgs<typeof OPTIONS>>, number>['values'];

/** Space-separated lists, as nbstripout takes them; the flag may also be repeated. */
const words = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(/\s+/)).filter((w) => w !== '');

export function stripOptionsFromFlags(flags: Flags, base: StripOptions = DEFAULT_STRIP_OPTIONS): StripOptions | string {
  const mode = flags.mode ?? base.mode;
  if (mode !== 'jupyter' && mode !== 'zeppelin') return msg.badMode(mode);
  let maxSize = base.maxSize;
  if (flags['max-size'] !== undefined) {
    maxSize = parseMaxSize(flags['max-size']);
    if (maxSize === undefined) return msg.badMaxSize(flags['max-size']);
  }
  return {
    keepCount: flags['keep-count'] ?? base.keepCount,
    keepOutput: flags['keep-output'] ?? base.keepOutput,
    keepId: flags['keep-id'] ?? base.keepId,
    extraKeys: [...base.extraKeys, ...words(flags['extra-keys'])],
    keepMetadataKeys: [...base.keepMetadataKeys, ...words(flags['keep-metadata-keys'])],
    dropEmptyCells: flags['drop-empty-cells'] ?? base.dropEmptyCells,
    dropTaggedCells: [...base.dropTaggedCells, ...words(flags['drop-tagged-cells'])],
    stripInitCells: flags['strip-init-cells'] ?? base.stripInitCells,
    maxSize,
    keepOutputTypes: [...base.keepOutputTypes, ...words(flags['keep-output-type'])],
    dropOutputTypes: [...base.dropOutputTypes, ...words(flags['drop-output-type'])],
    mode,
  };
}

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, OPTIONS, ctx, msg);
  if (typeof parsed === 'number') return parsed;
  const flags = parsed.values;
  if (flags.install || flags.uninstall || flags.status || flags['is-installed']) {
    ctx.stderr.write(msg.useInstallCommand);
    return EXIT_USAGE;
  }
  if (flags.staged) return stripStaged(parsed.positionals, flags, ctx);
  // Each file's repository configuration is the base of the flags, so `ml-hooks strip`, the
  // commit hook and the git filter always agree (stdin: the repository we stand in).
  const repositories = new SettingsForFiles(ctx.env);
  const optionsAt = async (absolute: string, isFolder = false): Promise<StripOptions> => {
    const settings = await repositories.forPath(absolute, isFolder);
    if (settings && settings.errors.length > 0) throw new CommandError('config', invalidConfiguration('strip', settings.errors));
    const options = stripOptionsFromFlags(flags, settings ? settings.stripOptionsFor('') : DEFAULT_STRIP_OPTIONS);
    if (typeof options === 'string') throw new CommandError('usage', msg.usageError(options));
    return options;
  };
  const options = await optionsAt(ctx.cwd, true);
  for (const key of strippedKeys(options).invalid) ctx.stderr.write(msg.invalidExtraKey(key));

  const mode: Mode = flags.textconv ? 'textconv' : flags.verify || flags['dry-run'] ? 'dry-run' : 'in-place';
  const preCommitMode = Boolean(flags['pre-commit-mode']);
  if (preCommitMode && mode !== 'in-place') throw new CommandError('usage', msg.usageError(msg.preCommitModeRewrites));
  const files = parsed.positionals;
  if (preCommitMode && files.length === 0) return EXIT_OK; // pre-commit passed no notebook
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) {
    return stripStdin(ctx, options, mode === 'in-place' ? 'stdout' : mode, Boolean(flags.verify));
  }

  const targets = [...expandTargets(files, Boolean(flags.force), ctx)];
  const indexBlobs = preCommitMode ? await indexBlobsTheFilterWrites(targets.map((t) => t.path), ctx) : new Map<string, Buffer>();
  let failed = false;
  let changed = false;
  const rewritten: string[] = [];
  for (const target of targets) {
    if ('error' in target) {
      ctx.stderr.write(msg.couldNotStrip(target.path, target.error));
      failed = true;
      continue;
    }
    // Let a pending Ctrl-C take effect between files: each file is replaced atomically.
    await new Promise((resolve) => setImmediate(resolve));
    const own = await optionsAt(resolve(ctx.cwd, target.path));
    const fileOptions = target.path.endsWith('.zpln') ? { ...own, mode: 'zeppelin' as const } : own;
    // A notebook the clone's ml-hooks filter already stores stripped keeps its outputs on disk.
    const keep = (output: string) => storedStripped(indexBlobs.get(target.path), output);
    const result = stripFile(target.path, fileOptions, mode, ctx, keep);
    if (result === 'error') failed = true;
    else if (result === 'changed') {
      changed = true;
      rewritten.push(target.path);
    }
  }
  if (preCommitMode && rewritten.length > 0) {
    // A fixing hook of the pre-commit framework fails when it rewrites a file, naming it.
    ctx.stderr.write(msg.strippedForPreCommit(rewritten));
    return EXIT_FINDINGS;
  }
  if (failed) return EXIT_FINDINGS;
  return flags.verify && changed ? EXIT_FINDINGS : EXIT_OK;
};

/** The index blobs of the given notebooks (keyed as given) that the clone's ml-hooks filter writes. */
async function indexBlobsTheFilterWrites(paths: readonly string[], ctx: CommandContext): Promise<Map<string, Buffer>> {
  const repo = Repo.at(ctx.cwd, ctx.env);
  if (repo === undefined) return new Map();
  try {
    const byRelative = new Map(paths.map((p) => [repoRelativePath(repo.root, ctx.cwd, p), p]));
    const blobs = await filteredIndexBlobs(repo, [...byRelative.keys()]);
    return new Map([...blobs].map(([rel, blob]) => [byRelative.get(rel)!, blob]));
  } finally {
    repo.close();
  }
}

/** `strip --staged`: the commit hook's strip step alone (the index only, with the repository's settings). */
async function stripStaged(files: readonly string[], flags: Flags, ctx: CommandContext): Promise<number> {
  const others = Object.keys(flags).filter((key) => key !== 'staged');
  if (files.length > 0 || others.length > 0) throw new CommandError('usage', msg.usageError(msg.stagedTakesNothing(others)));
  const repo = Repo.at(ctx.cwd, ctx.env);
  if (repo === undefined) throw new CommandError('not-a-repository', notARepository('strip --staged'));
  const hook = makeHookContext({ ...ctx, cwd: repo.root });
  try {
    const outcome = await stripStep.run(hook);
    if (outcome?.block) {
      ctx.stderr.write(outcome.block);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  } finally {
    hook.close();
    repo.close();
  }
}

type Mode = 'in-place' | 'dry-run' | 'textconv';

function stripFile(path: string, options: StripOptions, mode: Mode, ctx: CommandContext, keep?: (output: string) => boolean): 'changed' | 'unchanged' | 'error' {
  const absolute = resolve(ctx.cwd, path);
  let text: string;
  try {
    text = readTextFile(absolute);
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      ctx.stderr.write(msg.couldNotStrip(path, error.reason));
      return 'error';
    }
    throw error;
  }
  let plan;
  try {
    plan = planStrip(text, options);
  } catch (error) {
    if (mode === 'textconv' && error instanceof NotebookError) {
      // `git diff` calls us as a textconv: show the file as it is rather than break the diff.
      ctx.stderr.write(msg.textconvFallback(path, error.reason));
      ctx.stdout.write(text);
      return 'error';
    }
    return reportStripError(error, msg.noValidNotebookIn(path), ctx);
  }
  if (mode === 'textconv') {
    ctx.stdout.write(plan.output);
    return plan.changed ? 'changed' : 'unchanged';
  }
  if (!plan.changed || keep?.(plan.output)) return 'unchanged';
  if (mode === 'dry-run') {
    ctx.stdout.write(msg.dryRunWouldStrip(path));
    return 'changed';
  }
  try {
    if ((statSync(absolute).mode & 0o222) === 0) {
      ctx.stderr.write(msg.couldNotStrip(path, 'the file is read-only (make it writable, e.g. `chmod u+w`, to strip it)'));
      return 'error';
    }
    writeFileAtomic(absolute, plan.output);
  } catch (error) {
    ctx.stderr.write(msg.couldNotStrip(path, describeFsError(error)));
    return 'error';
  }
  return 'changed';
}

function reportStripError(error: unknown, prefix: (reason: string) => string, ctx: CommandContext): 'error' {
  if (error instanceof NotebookError) {
    ctx.stderr.write(prefix(error.reason));
    return 'error';
  }
  if (error instanceof RangeError) {
    // V8's string or array limits: a notebook too large to process in memory.
    ctx.stderr.write(prefix(`too large to process in memory (${error.message})`));
    return 'error';
  }
  throw error;
}

async function stripStdin(ctx: CommandContext, options: StripOptions, mode: 'stdout' | 'dry-run' | 'textconv', verify: boolean): Promise<number> {
  const bytes = await readAll(ctx.stdin, MAX_TEXT_BYTES);
  if (bytes === undefined) {
    ctx.stderr.write(msg.noValidNotebookOnStdin(`more than ${formatBytes(MAX_TEXT_BYTES)}, too large to process in memory`));
    return EXIT_FINDINGS;
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    ctx.stderr.write(msg.noValidNotebookOnStdin('not valid UTF-8 text'));
    return EXIT_FINDINGS;
  }
  let plan;
  try {
    plan = planStrip(text, options);
  } catch (error) {
    reportStripError(error, msg.noValidNotebookOnStdin, ctx);
    return EXIT_FINDINGS;
  }
  if (mode === 'dry-run') {
    if (plan.changed) ctx.stdout.write(msg.dryRunWouldStrip('input from stdin'));
    return verify && plan.changed ? EXIT_FINDINGS : EXIT_OK;
  }
  ctx.stdout.write(plan.output);
  return EXIT_OK;
}

async function readAll(stream: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > limit) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

type Target = { path: string } | { path: string; error: string };

const NOTEBOOK_EXTENSIONS = ['.ipynb', '.zpln'];
const isNotebookName = (name: string): boolean => NOTEBOOK_EXTENSIONS.some((ext) => name.endsWith(ext));
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__']);

/** Files as given, and the notebooks inside given folders (hidden folders such as .git skipped). */
function* expandTargets(paths: string[], force: boolean, ctx: CommandContext): Generator<Target> {
  for (const path of paths) {
    const absolute = resolve(ctx.cwd, path);
    let isDirectory = false;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      // reported when the file is read
    }
    if (!isDirectory) {
      if (force || isNotebookName(path)) yield { path };
      else ctx.stderr.write(msg.skippedNotNotebook(path));
      continue;
    }
    if (isNotebookName(path.replace(/\/+$/, ''))) {
      yield { path, error: 'is a directory, not a notebook file' };
      continue;
    }
    const found = [...walkNotebooks(absolute, path)];
    if (found.length === 0) ctx.stderr.write(msg.noNotebooksInFolder(path));
    for (const file of found) yield { path: file };
  }
}

function* walkNotebooks(absolute: string, shown: string): Generator<string> {
  const entries = readdirSync(absolute, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = join(shown, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) yield* walkNotebooks(join(absolute, entry.name), child);
    } else if (entry.isFile() && isNotebookName(entry.name)) {
      yield child;
    }
  }
}
