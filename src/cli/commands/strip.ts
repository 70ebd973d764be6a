// `ml-hooks strip`: nbstripout's command line, with the same option names and meanings.
import { parseCommandArgs } from '../parseCommandArgs.js';
import { takeMultiValueOptions } from '../takeMultiValueOptions.js';
import type { Command, CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { VERSION } from '../version.js';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../../notebook/stripOptions.js';
import { parseMaxSize, strippedKeys } from '../../notebook/strip.js';
import { stripFiles, type FileOutcome } from '../../strip/stripFiles.js';
import { stripStreamedInput } from '../../strip/stripStreamedInput.js';
import { MAX_TEXT_BYTES } from '../../fs/readTextFile.js';
import { resolve } from 'node:path';
import { SettingsForFiles } from '../../settings/settingsForFiles.js';
import { CommandError } from '../../errors/commandError.js';
import { invalidConfiguration, notARepository } from '../../messages/cli.js';
import { Repo } from '../../git/repo.js';
import { repoRelativePath } from '../repoRelativePath.js';
import { filteredIndexBlobs, storedStripped } from '../../scan/filteredIndexBlobs.js';
import { makeHookContext } from '../../hooks/hookContext.js';
import { stripStep } from '../../hooks/stripStep.js';
import * as msg from '../../messages/strip.js';

// As nbstripout's argparse: a flag given twice keeps its last value; --keep-output-type and
// --drop-output-type take several values (see takeMultiValueOptions).
const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  verify: { type: 'boolean' },
  textconv: { type: 'boolean', short: 't' },
  force: { type: 'boolean', short: 'f' },
  mode: { type: 'string', short: 'm' },
  'keep-count': { type: 'boolean' },
  'keep-output': { type: 'boolean' },
  'keep-id': { type: 'boolean' },
  'extra-keys': { type: 'string' },
  'keep-metadata-keys': { type: 'string' },
  'drop-empty-cells': { type: 'boolean' },
  'drop-tagged-cells': { type: 'string' },
  'strip-init-cells': { type: 'boolean' },
  'max-size': { type: 'string' },
  // The pre-commit framework's hooks (.pre-commit-hooks.yaml).
  'pre-commit-mode': { type: 'boolean' },
  staged: { type: 'boolean' },
  // Output is always LF, which is what nbstripout writes with this flag.
  'unix-newlines': { type: 'boolean' },
  // nbstripout's installation flags: answered with the ml-hooks command to use instead.
  install: { type: 'boolean' },
  uninstall: { type: 'boolean' },
  status: { type: 'boolean' },
  'is-installed': { type: 'boolean' },
  global: { type: 'boolean' },
  system: { type: 'boolean' },
  python: { type: 'string' },
  attributes: { type: 'string' },
} as const;
const MULTI_VALUE = ['keep-output-type', 'drop-output-type'] as const;

type Flags = Exclude<ReturnType<typeof parseCommandArgs<typeof OPTIONS>>, number>['values'];
type OutputTypes = Map<string, string[]>;

/** Space-separated lists, as nbstripout splits them. */
const words = (value: string | undefined): string[] => (value ?? '').split(/\s+/).filter((w) => w !== '');

export function stripOptionsFromFlags(flags: Flags, outputTypes: OutputTypes, base: StripOptions = DEFAULT_STRIP_OPTIONS): StripOptions | string {
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
    // Each value is one type, as in nbstripout (which does not split them).
    keepOutputTypes: [...base.keepOutputTypes, ...(outputTypes.get('keep-output-type') ?? [])],
    dropOutputTypes: [...base.dropOutputTypes, ...(outputTypes.get('drop-output-type') ?? [])],
    mode,
  };
}

export const run: Command = async (argv, ctx) => {
  const multi = takeMultiValueOptions(argv, MULTI_VALUE);
  if ('missingValue' in multi) {
    throw new CommandError('usage', msg.usageError(msg.expectedValues(multi.missingValue)));
  }
  const parsed = parseCommandArgs(multi.rest, OPTIONS, ctx, msg);
  if (typeof parsed === 'number') return parsed;
  const flags = parsed.values;
  if (flags.version) {
    ctx.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const install = (['install', 'uninstall', 'is-installed', 'status'] as const).find((flag) => flags[flag]);
  if (install !== undefined) {
    throw new CommandError('usage', msg.useInstallCommand(install, Boolean(flags.global || flags.system)));
  }
  for (const values of multi.values.values()) for (const value of values) if (/\.(ipynb|zpln)$/.test(value)) ctx.stderr.write(msg.fileTakenAsOutputType(value));
  if (flags.staged) return stripStaged(parsed.positionals, flags, ctx);

  // Each file's repository configuration is the base of the flags, so `ml-hooks strip`, the
  // commit hook and the git filter always agree (stdin: the repository we stand in).
  const repositories = new SettingsForFiles(ctx.env);
  const optionsAt = async (absolute: string, isFolder = false): Promise<StripOptions> => {
    const settings = await repositories.forPath(absolute, isFolder);
    if (settings && settings.errors.length > 0) throw new CommandError('config', invalidConfiguration('strip', settings.errors));
    const options = stripOptionsFromFlags(flags, multi.values, settings ? settings.stripOptionsFor('') : DEFAULT_STRIP_OPTIONS);
    if (typeof options === 'string') throw new CommandError('usage', msg.usageError(options));
    return options;
  };
  const options = await optionsAt(ctx.cwd, true);
  for (const key of strippedKeys(options).invalid) ctx.stderr.write(msg.invalidExtraKey(key));

  const verify = Boolean(flags.verify);
  const dryRun = verify || Boolean(flags['dry-run']);
  const mode = flags.textconv ? 'textconv' : dryRun ? 'dry-run' : 'in-place';
  const preCommitMode = Boolean(flags['pre-commit-mode']);
  if (preCommitMode && mode !== 'in-place') throw new CommandError('usage', msg.usageError(msg.preCommitModeRewrites));
  const files = parsed.positionals;
  if (preCommitMode && files.length === 0) return EXIT_OK; // pre-commit passed no notebook
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) return stripStdin(ctx, options, dryRun, verify);

  // A notebook the clone's ml-hooks filter already stores stripped keeps its outputs on disk.
  const indexBlobs = preCommitMode ? await indexBlobsTheFilterWrites(files, ctx) : new Map<string, Buffer>();
  const keep = (path: string, output: Buffer) => storedStripped(indexBlobs.get(path), output.toString('utf8'));
  let failed = false;
  let changed = false;
  const rewritten: string[] = [];
  const optionsFor = (path: string) => optionsAt(resolve(ctx.cwd, path));
  await stripFiles(files, optionsFor, { mode, force: Boolean(flags.force), cwd: ctx.cwd, stdout: ctx.stdout, ...(preCommitMode ? { keep } : {}) }, (outcome) => {
    const text = fileMessage(outcome);
    if (text !== undefined) (outcome.kind === 'would-strip' ? ctx.stdout : ctx.stderr).write(text);
    failed ||= ['not-a-notebook', 'printed-as-is', 'could-not-strip', 'too-large'].includes(outcome.kind);
    changed ||= outcome.kind === 'stripped' || outcome.kind === 'would-strip' || (outcome.kind === 'printed' && outcome.changed);
    if (outcome.kind === 'stripped') rewritten.push(outcome.path);
  });
  if (preCommitMode && rewritten.length > 0) {
    // A fixing hook of the pre-commit framework fails when it rewrites a file, naming it.
    ctx.stderr.write(msg.strippedForPreCommit(rewritten));
    return EXIT_FINDINGS;
  }
  if (failed) return EXIT_FINDINGS;
  return verify && changed ? EXIT_FINDINGS : EXIT_OK;
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

function fileMessage(outcome: FileOutcome): string | undefined {
  switch (outcome.kind) {
    case 'would-strip':
      return msg.dryRunWouldStrip(outcome.path);
    case 'not-a-notebook':
      return msg.noValidNotebookIn(outcome.path)(outcome.reason);
    case 'printed-as-is':
      return msg.textconvFallback(outcome.path, outcome.reason);
    case 'could-not-strip':
      return msg.couldNotStrip(outcome.path, outcome.reason);
    case 'too-large':
      return msg.couldNotStrip(outcome.path, msg.tooLargeForFullParse(outcome.size, MAX_TEXT_BYTES, outcome.fullParse));
    case 'skipped':
      return msg.skippedNotNotebook(outcome.path);
    case 'symbolic-link':
      return msg.skippedSymbolicLink(outcome.path, outcome.target);
    case 'no-notebooks':
      return msg.noNotebooksInFolder(outcome.path);
    default:
      return undefined;
  }
}

async function stripStdin(ctx: CommandContext, options: StripOptions, dryRun: boolean, verify: boolean): Promise<number> {
  const outcome = await stripStreamedInput(ctx.stdin, options, dryRun);
  if (outcome.kind === 'not-a-notebook') {
    ctx.stderr.write(msg.noValidNotebookOnStdin(outcome.reason));
    return EXIT_FINDINGS;
  }
  if (outcome.kind === 'too-large') {
    ctx.stderr.write(msg.noValidNotebookOnStdin(msg.tooLargeForFullParse(outcome.size, MAX_TEXT_BYTES, outcome.fullParse)));
    return EXIT_FINDINGS;
  }
  if (!dryRun) {
    ctx.stdout.write(outcome.output);
    return EXIT_OK;
  }
  if (outcome.changed) ctx.stdout.write(msg.dryRunWouldStrip('input from stdin'));
  return verify && outcome.changed ? EXIT_FINDINGS : EXIT_OK;
}
