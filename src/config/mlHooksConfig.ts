// The typed configuration of ml-hooks, as committed with a repository, and its defaults.
// Keys in the files use the CLI's option names (kebab-case); in code they are camel-cased.
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../notebook/stripOptions.js';

/** The strip section: the strip engine's options, less the mode (chosen per file by extension). */
export type StripConfig = Omit<StripOptions, 'mode'>;

export interface PairConfig {
  /** Globs of notebooks to pair with scripts (none by default). */
  notebooks: string[];
  /** Default script format, e.g. "py:percent". */
  format: string;
}

export type UnstrippedNotebooksPolicy = 'block' | 'warn' | 'off';

export interface GuardConfig {
  /** Bytes; a binary is a file with a NUL byte in its first 8000 bytes. */
  maxBinarySize: number;
  /** Bytes; any file. */
  maxFileSize: number;
  /** Globs never blocked. */
  allow: string[];
  unstrippedNotebooks: UnstrippedNotebooksPolicy;
}

export interface OutputStoreConfig {
  /** Keep working notebooks (with outputs) in the clone so that checkouts and stash pops restore them. */
  enabled: boolean;
  /** Bytes the store may use; the least recently used notebooks go first. */
  maxSize: number;
}

export interface MlHooksConfig {
  /** Which paths are notebooks to strip (globs; a glob without "/" matches the file name anywhere). */
  notebooks: string[];
  /** Paths never touched. */
  exclude: string[];
  strip: StripConfig;
  pair: PairConfig;
  guard: GuardConfig;
  outputStore: OutputStoreConfig;
}

export const DEFAULT_CONFIG: Readonly<MlHooksConfig> = Object.freeze<MlHooksConfig>({
  notebooks: ['**/*.ipynb'],
  exclude: [],
  strip: (({ mode: _mode, ...rest }) => rest)(DEFAULT_STRIP_OPTIONS),
  pair: { notebooks: [], format: 'py:percent' },
  guard: { maxBinarySize: 1_000_000, maxFileSize: 10_000_000, allow: [], unstrippedNotebooks: 'block' },
  outputStore: { enabled: true, maxSize: 1_000_000_000 },
});

/**
 * The configuration file a user edits to change a setting, for messages that say how: the file
 * in use (.ml-hooks.json wins over pyproject.toml), else the one `ml-hooks install` would write
 * (pyproject.toml when the repository has one, .ml-hooks.json otherwise).
 */
export interface ConfigFileInUse {
  file: string;
  format: 'toml' | 'json';
}

export const DEFAULT_CONFIG_FILE: Readonly<ConfigFileInUse> = Object.freeze({ file: 'pyproject.toml', format: 'toml' as const });

/** Where one value came from, for messages like "set in pyproject.toml [tool.ml-hooks.guard] max-binary-size". */
export interface ConfigOrigin {
  /** File name relative to the repository root, or "git config" / "default". */
  file: string;
  /** How the user finds the key in that file, e.g. "[tool.ml-hooks.guard] max-binary-size". */
  key: string;
}

/** Keys are dotted kebab paths as in the files: "notebooks", "guard.max-binary-size". */
export type ConfigOrigins = Record<string, ConfigOrigin>;

export function describeOrigin(origin: ConfigOrigin | undefined): string {
  if (origin === undefined || origin.file === 'default') return 'the default';
  if (origin.file === 'git config') return `set in git config ${origin.key}`;
  return `set in ${origin.file} ${origin.key}`;
}
