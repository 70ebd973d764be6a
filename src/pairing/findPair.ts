// Which pair a file belongs to. The notebook's own declaration (`metadata.jupytext.formats`,
// also visible in its script's header) wins; then the ml-hooks configuration (globs of notebooks
// and a format); then Jupytext's configuration (`formats`), so a repository already set up for
// Jupytext keeps its pairs.
import type { ScriptFormat } from '../jupytext/scriptFormat.js';
import { FormatError, formatToString, parseFormat, parseFormats, type FormatName, type FormatSpec } from '../jupytext/formats.js';
import { guessFormatName } from '../jupytext/guessFormatName.js';
import { extensionOf, isNotebookPath, isScriptPath } from './pathKinds.js';
import { scanHeader } from '../jupytext/scanHeader.js';
import type { PairSettings } from '../config/settings.js';
import { pairedPaths } from './pairedPaths.js';

export { isNotebookPath, isScriptPath };

export interface Pair {
  notebook: string;
  script: string;
  format: ScriptFormat;
  /** The formats value of the pair, as `metadata.jupytext.formats` writes it. */
  formats: string;
  declaredIn: 'notebook' | 'ml-hooks config' | 'jupytext config';
}

/** Reads a repository file (undefined when absent or unreadable). */
export type ReadFile = (path: string) => string | undefined;

function formatsDeclaredInNotebook(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const nb = JSON.parse(text) as { metadata?: { jupytext?: { formats?: unknown } } };
    const formats = nb?.metadata?.jupytext?.formats;
    return typeof formats === 'string' ? formats : undefined;
  } catch {
    return undefined;
  }
}

function formatsDeclaredInScript(path: string, text: string | undefined): string | undefined {
  return text === undefined ? undefined : scanHeader(text, extensionOf(path)).formats;
}

/**
 * Does the file's own declaration (a notebook's metadata.jupytext.formats, a script's header)
 * pair it with `other`? What makes an existing file the pair's own, not a stranger's.
 */
export function declaresPairWith(path: string, text: string | undefined, other: string): boolean {
  const formats = isNotebookPath(path) ? formatsDeclaredInNotebook(text) : formatsDeclaredInScript(path, text);
  if (formats === undefined) return false;
  try {
    return pairedPaths(path, parseFormats(formats))?.some((p) => p.path === other) ?? false;
  } catch {
    return false;
  }
}

/** A pair that names a format ml-hooks cannot write (or a value that is no format): left alone. */
export interface SkippedPair {
  /** The file whose pair it is. */
  path: string;
  /** The format entry, as written (`py:hydrogen`), or the whole value when it does not parse. */
  format: string;
  /** Where the pair was declared, for the message. */
  declaredIn: string;
  /** Set when the value is not a Jupytext format at all (the parser's reason). */
  invalid?: string;
}

export type OnSkipped = (skipped: SkippedPair) => void;

/** Where a pair was declared, for messages (the file and key of the configuration). */
export function declaredWhere(declaredIn: Pair['declaredIn'], config: PairSettings): string {
  if (declaredIn === 'ml-hooks config') return config.source ?? '[tool.ml-hooks.pair] format';
  if (declaredIn === 'jupytext config') return config.jupytextSource ?? 'the Jupytext configuration';
  return 'the notebook metadata (jupytext.formats)';
}

function pairFromFormats(path: string, formatsText: string, declaredIn: Pair['declaredIn'], read: ReadFile, config: PairSettings, onSkipped?: OnSkipped): Pair | undefined {
  let formats: FormatSpec[];
  try {
    formats = parseFormats(formatsText);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    onSkipped?.({ path, format: formatsText, declaredIn: declaredWhere(declaredIn, config), invalid: error.message });
    return undefined;
  }
  const paths = pairedPaths(path, formats);
  if (!paths) return undefined;
  const notebook = paths.find((p) => p.format.extension === '.ipynb');
  if (!notebook) return undefined;
  // A text file that a configured pattern would pair, but with no notebook, is not a pair.
  if (declaredIn !== 'notebook' && notebook.path !== path && read(notebook.path) === undefined) return undefined;
  const texts = paths.filter((p) => p.format.extension !== '.ipynb');
  // Formats ml-hooks cannot write are reported and left alone; the first other text file pairs.
  for (const side of texts) if (side.format.unsupported) onSkipped?.({ path, format: formatToString(side.format), declaredIn: declaredWhere(declaredIn, config) });
  const script = texts.find((p) => !p.format.unsupported && isScriptPath(p.path));
  if (!script) return undefined;
  const spec: FormatSpec = script.format;
  const formatName = (spec.formatName as FormatName | undefined) ?? guessFormatName(read(script.path), spec.extension);
  const format: ScriptFormat = { extension: spec.extension, formatName, ...(spec.prefix !== undefined ? { prefix: spec.prefix } : {}), ...(spec.suffix !== undefined ? { suffix: spec.suffix } : {}) };
  return { notebook: notebook.path, script: script.path, format, formats: formatsText, declaredIn };
}

/**
 * The pair of a notebook or text file, or undefined when the file is not paired (or its pair
 * cannot be handled: then `onSkipped` hears why, and the pair is left alone).
 */
export function findPair(path: string, read: ReadFile, config: PairSettings, onSkipped?: OnSkipped): Pair | undefined {
  const pairFrom = (p: string, formats: string, declaredIn: Pair['declaredIn']): Pair | undefined => pairFromFormats(p, formats, declaredIn, read, config, onSkipped);
  const mlHooksFormats = (): string => {
    try {
      return `ipynb,${formatToString(parseFormat(config.format))}`;
    } catch (error) {
      if (error instanceof FormatError) return config.format; // reported, as the value it is
      throw error;
    }
  };
  if (isNotebookPath(path)) {
    const declared = formatsDeclaredInNotebook(read(path));
    if (declared !== undefined) return pairFrom(path, declared, 'notebook');
    if (config.pairs(path)) return pairFrom(path, mlHooksFormats(), 'ml-hooks config');
    if (config.jupytextFormats) return pairFrom(path, config.jupytextFormats, 'jupytext config');
    return undefined;
  }
  if (!isScriptPath(path)) return undefined;
  const declared = formatsDeclaredInScript(path, read(path));
  if (declared !== undefined) {
    const pair = pairFrom(path, declared, 'notebook');
    if (pair) return pair;
  }
  if (config.hasPatterns) {
    const pair = pairFrom(path, mlHooksFormats(), 'ml-hooks config');
    if (pair && pair.script === path && config.pairs(pair.notebook) && read(pair.notebook) !== undefined) {
      // The notebook's own declaration still wins when it exists.
      const own = formatsDeclaredInNotebook(read(pair.notebook));
      return own !== undefined ? (pairFrom(pair.notebook, own, 'notebook') ?? pair) : pair;
    }
  }
  if (config.jupytextFormats) {
    const pair = pairFrom(path, config.jupytextFormats, 'jupytext config');
    if (pair && pair.script === path && read(pair.notebook) !== undefined) return pair;
  }
  return undefined;
}
