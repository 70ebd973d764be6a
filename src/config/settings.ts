// The settings of one repository, as every command and hook asks for them. Built once per run by
// src/settings/loadSettings.ts from the repository's files (pure here: texts and compiled path
// rules in, answers out). Errors and warnings are reported, never thrown: each caller decides
// what an invalid configuration means for it (the hook stops the commit, the filter passes files
// through, `strip` exits 2).
import type { ConfigFileInUse, ConfigOrigins, MlHooksConfig, OutputStoreConfig } from './mlHooksConfig.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import type { PathRule } from './pathRules.js';
import type { GuardPolicy, Limit } from '../guard/sizePolicy.js';

/** Jupytext's own settings (jupytext.toml, .jupytext.toml or [tool.jupytext] in pyproject.toml). */
export interface JupytextSettings {
  /** `formats`, written as a formats string (`ipynb,py:percent`, folder forms joined). */
  formats?: string;
  /** Where `formats` was set, e.g. "jupytext.toml formats". */
  formatsSource?: string;
  /** The other keys of the table, as written (metadata filters and format options). */
  options: Record<string, unknown>;
}

/** What pairing needs to know (src/pairing/findPair.ts). */
export interface PairSettings {
  /** Notebooks the ml-hooks configuration pairs (`pair.notebooks`, compiled). */
  pairs: PathRule;
  hasPatterns: boolean;
  /** The script format for them, e.g. `py:percent`. */
  format: string;
  /** Where pair.notebooks / pair.format were set, for messages. */
  source?: string;
  /** Jupytext's `formats`, when the repository has one. */
  jupytextFormats?: string;
  jupytextSource?: string;
}

export interface Settings {
  /** The repository root the settings belong to. */
  readonly root: string;
  readonly config: MlHooksConfig;
  readonly origins: ConfigOrigins;
  /** Invalid configuration, one line each naming the file and key (empty when valid). */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** A path the configuration calls a notebook (`notebooks` minus `exclude`). */
  isNotebook(path: string): boolean;
  /** A path no ml-hooks rule touches (`exclude`). */
  isExcluded(path: string): boolean;
  /** The strip options for a notebook: the strip section, nbstripout's git config keys, the mode. */
  stripOptionsFor(path: string): StripOptions;
  readonly pairing: PairSettings;
  readonly guard: GuardPolicy;
  readonly outputStore: OutputStoreConfig;
  readonly jupytext: JupytextSettings;
  /** The file messages tell the user to edit, and its syntax. */
  readonly configFile: ConfigFileInUse;
}

export interface SettingsInput {
  root: string;
  config: MlHooksConfig;
  origins: ConfigOrigins;
  errors: string[];
  warnings: string[];
  jupytext: JupytextSettings;
  configFile: ConfigFileInUse;
  rules: { notebooks: PathRule; exclude: PathRule; pairs: PathRule; allow: PathRule };
}

export function makeSettings(input: SettingsInput): Settings {
  const { root, config, origins, errors, warnings, jupytext, configFile, rules } = input;
  const isExcluded = rules.exclude;
  const isNotebook = (path: string) => rules.notebooks(path) && !isExcluded(path);
  const originOf = (key: string): string | undefined => {
    const o = origins[key];
    return o && o.file !== 'default' ? `${o.file} ${o.key}` : undefined;
  };
  const limit = (key: 'max-binary-size' | 'max-file-size', bytes: number): Limit => {
    const origin = origins[`guard.${key}`];
    return { bytes, source: origin ? { file: origin.file, key, label: origin.key } : { file: undefined, key, changeIn: configFile } };
  };
  const pairSource = originOf('pair.format') ?? originOf('pair.notebooks');
  return {
    root,
    config,
    origins,
    errors,
    warnings,
    isNotebook,
    isExcluded,
    stripOptionsFor: (path) => ({
      ...config.strip,
      extraKeys: [...config.strip.extraKeys],
      keepMetadataKeys: [...config.strip.keepMetadataKeys],
      dropTaggedCells: [...config.strip.dropTaggedCells],
      keepOutputTypes: [...config.strip.keepOutputTypes],
      dropOutputTypes: [...config.strip.dropOutputTypes],
      mode: path.endsWith('.zpln') ? 'zeppelin' : 'jupyter',
    }),
    pairing: {
      pairs: (path) => rules.pairs(path) && !isExcluded(path),
      hasPatterns: config.pair.notebooks.length > 0,
      format: config.pair.format,
      ...(pairSource ? { source: pairSource } : {}),
      ...(jupytext.formats !== undefined ? { jupytextFormats: jupytext.formats, jupytextSource: jupytext.formatsSource } : {}),
    },
    guard: {
      maxBinarySize: limit('max-binary-size', config.guard.maxBinarySize),
      maxFileSize: limit('max-file-size', config.guard.maxFileSize),
      isAllowed: rules.allow,
      isNotebook,
      unstrippedNotebooks: config.guard.unstrippedNotebooks,
      configFile,
    },
    outputStore: config.outputStore,
    jupytext,
    configFile,
  };
}
