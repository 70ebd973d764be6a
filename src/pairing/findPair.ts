// Which pair a file belongs to. The notebook's own declaration (`metadata.jupytext.formats`,
// also visible in its script's header) wins; then the ml-hooks configuration (globs of notebooks
// and a format); then Jupytext's configuration (`formats`), so a repository already set up for
// Jupytext keeps its pairs.
import type { ScriptFormat } from '../jupytext/scriptFormat.js';
import { formatToString, parseFormat, parseFormats, type FormatSpec } from '../jupytext/formats.js';
import { guessFormatName } from '../jupytext/guessFormatName.js';
import { extensionOf, isNotebookPath, isScriptPath } from './pathKinds.js';
import { scanHeader } from '../jupytext/scanHeader.js';
import { SCRIPT_EXTENSIONS } from '../jupytext/languages.js';
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

function pairFromFormats(path: string, formatsText: string, declaredIn: Pair['declaredIn'], read: ReadFile): Pair | undefined {
  const formats = parseFormats(formatsText);
  const paths = pairedPaths(path, formats);
  if (!paths) return undefined;
  const notebook = paths.find((p) => p.format.extension === '.ipynb');
  const script = paths.find((p) => Object.hasOwn(SCRIPT_EXTENSIONS, p.format.extension));
  if (!notebook || !script) return undefined;
  const spec: FormatSpec = script.format;
  const formatName = spec.formatName === 'percent' || spec.formatName === 'light' ? spec.formatName : guessFormatName(read(script.path), spec.extension);
  return { notebook: notebook.path, script: script.path, format: { extension: spec.extension, formatName }, formats: formatsText, declaredIn };
}

/** The pair of a notebook or script path, or undefined when the file is not paired. */
export function findPair(path: string, read: ReadFile, config: PairSettings): Pair | undefined {
  const mlHooksFormats = (): string => `ipynb,${formatToString(parseFormat(config.format))}`;
  if (isNotebookPath(path)) {
    const declared = formatsDeclaredInNotebook(read(path));
    if (declared !== undefined) return pairFromFormats(path, declared, 'notebook', read);
    if (config.pairs(path)) return pairFromFormats(path, mlHooksFormats(), 'ml-hooks config', read);
    if (config.jupytextFormats) return pairFromFormats(path, config.jupytextFormats, 'jupytext config', read);
    return undefined;
  }
  if (!isScriptPath(path)) return undefined;
  const declared = formatsDeclaredInScript(path, read(path));
  if (declared !== undefined) {
    const pair = pairFromFormats(path, declared, 'notebook', read);
    if (pair) return pair;
  }
  if (config.hasPatterns) {
    const pair = pairFromFormats(path, mlHooksFormats(), 'ml-hooks config', read);
    if (pair && pair.script === path && config.pairs(pair.notebook) && read(pair.notebook) !== undefined) {
      // The notebook's own declaration still wins when it exists.
      const own = formatsDeclaredInNotebook(read(pair.notebook));
      return own !== undefined ? (pairFromFormats(pair.notebook, own, 'notebook', read) ?? pair) : pair;
    }
  }
  if (config.jupytextFormats) {
    const pair = pairFromFormats(path, config.jupytextFormats, 'jupytext config', read);
    if (pair && pair.script === path && read(pair.notebook) !== undefined) return pair;
  }
  return undefined;
}
