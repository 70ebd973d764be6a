// User-facing text about the configuration files.
import type { ConfigLayerFormat } from '../config/validateConfig.js';
import type { ConfigFileInUse } from '../config/mlHooksConfig.js';

/** How a key is written where the user will look for it. */
export function keyLabel(format: ConfigLayerFormat, section: string, key: string): string {
  if (format === 'toml') return `[tool.ml-hooks${section ? `.${section}` : ''}] ${key}`;
  if (format === 'json') return section ? `${section}.${key}` : key;
  return key;
}

/** Where a key goes: "allow in [tool.ml-hooks.guard] of pyproject.toml", "guard.allow in .ml-hooks.json". */
export function keyIn(config: ConfigFileInUse, section: string, key: string): string {
  return config.format === 'toml' ? `${key} in ${keyLabel('toml', section, '').trimEnd()} of ${config.file}` : `${keyLabel('json', section, key)} in ${config.file}`;
}

/** A value to set, after "set": `x = "warn" in [tool.ml-hooks.guard] of pyproject.toml`, `guard.x to "warn" in .ml-hooks.json`. */
export function assignmentIn(config: ConfigFileInUse, section: string, key: string, value: unknown): string {
  const literal = JSON.stringify(value);
  return config.format === 'toml'
    ? `${key} = ${literal} in ${keyLabel('toml', section, '').trimEnd()} of ${config.file}`
    : `${keyLabel('json', section, key)} to ${literal} in ${config.file}`;
}

export const describeValue = (value: unknown): string => {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
};

export function wrongType(file: string, label: string, expected: string, value: unknown): string {
  return `${file}: ${label} must be ${expected}, got ${describeValue(value)}`;
}

export function unknownKey(file: string, label: string, known: string[]): string {
  return `${file}: unknown key ${label} (known keys: ${known.join(', ')})`;
}

export function notATable(file: string, label: string, value: unknown): string {
  return `${file}: ${label} must be a table of settings, got ${describeValue(value)}`;
}

export function unreadableConfig(file: string, reason: string): string {
  return `${file}: cannot be read as configuration: ${reason}`;
}

export function setInBoth(key: string, first: string, second: string): string {
  return `ml-hooks: ${key} is set in both ${first} and ${second}; ${second} wins. Keep it in one file.`;
}

