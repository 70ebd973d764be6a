// Validates raw configuration data (parsed TOML or JSON) into a typed MlHooksConfig. Pure: it
// never reads files. Each layer is one file; later layers win key by key, and every value keeps
// where it came from so messages can name the file and key that set it.
import { DEFAULT_CONFIG, type ConfigOrigins, type MlHooksConfig } from './mlHooksConfig.js';
import { parseByteSize } from './parseByteSize.js';
import { keyLabel, notATable, setInBoth, unknownKey, wrongType } from '../messages/config.js';

export type ConfigLayerFormat = 'toml' | 'json' | 'git';

export interface ConfigLayer {
  /** The file's name relative to the repository root, e.g. "pyproject.toml". */
  file: string;
  format: ConfigLayerFormat;
  /** The `[tool.ml-hooks]` table of a TOML file, or the whole JSON document. */
  data: unknown;
}

export interface ConfigResult {
  config: MlHooksConfig;
  origins: ConfigOrigins;
  errors: string[];
  warnings: string[];
}

type Parsed = { ok: true; value: unknown } | { ok: false; expected: string };
/** A value check that knows what it expects (for messages and the list of keys in help). */
type Parser = ((value: unknown) => Parsed) & { expected: string; written?: (value: unknown) => string };
interface Field {
  /** Property name in MlHooksConfig (camel-cased). */
  prop: string;
  parse: Parser;
}

/** A parser from a test that returns the accepted value, or undefined for a wrong one. */
const parser = (expected: string, accept: (v: unknown) => { value: unknown } | undefined, written?: (value: unknown) => string): Parser =>
  Object.assign(
    (v: unknown): Parsed => {
      const taken = accept(v);
      return taken ? { ok: true, value: taken.value } : { ok: false, expected };
    },
    { expected, ...(written ? { written } : {}) },
  );
const accepted = (value: unknown) => ({ value });

const boolean = parser('true or false', (v) => (typeof v === 'boolean' ? accepted(v) : undefined));
const stringList = parser('a list of strings, e.g. ["a", "b"]', (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? accepted([...v]) : undefined));
const nonEmptyString = parser('a non-empty string', (v) => (typeof v === 'string' && v.trim() !== '' ? accepted(v) : undefined));
/** A number of bytes as the file would say it: 1000000 → "1MB". */
const bytesWritten = (v: unknown): string => {
  const n = Number(v);
  const unit = [[1e9, 'GB'], [1e6, 'MB'], [1e3, 'k']].find(([size]) => n >= (size as number) && n % (size as number) === 0);
  return unit ? `"${n / (unit[0] as number)}${unit[1]}"` : String(n);
};
const byteSize = parser(
  'a size such as "500k", "1MB", "2GB" or a number of bytes',
  (v) => {
    const n = parseByteSize(v);
    return n === undefined ? undefined : accepted(n);
  },
  bytesWritten,
);
const nbstripoutSize = parser('a size such as "50", "10k" or "1M" (as nbstripout --max-size)', (v) => {
  // --max-size takes nbstripout's units: an integer with an optional k, M or G (decimal).
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return accepted(v);
  if (typeof v === 'string') {
    const m = /^\s*([0-9]+)\s*([kKmMgG]?)\s*$/.exec(v);
    if (m) return accepted(Number(m[1]) * { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g']);
  }
  return undefined;
});
const oneOf = (...choices: string[]) => parser(choices.map((c) => `"${c}"`).join(' or '), (v) => (typeof v === 'string' && choices.includes(v) ? accepted(v) : undefined));

/** The keys each section accepts, named as in the files. "" is the top level. */
const SECTIONS: Record<string, Record<string, Field>> = {
  '': {
    notebooks: { prop: 'notebooks', parse: stringList },
    exclude: { prop: 'exclude', parse: stringList },
  },
  strip: {
    'keep-count': { prop: 'keepCount', parse: boolean },
    'keep-output': { prop: 'keepOutput', parse: boolean },
    'keep-id': { prop: 'keepId', parse: boolean },
    'extra-keys': { prop: 'extraKeys', parse: stringList },
    'keep-metadata-keys': { prop: 'keepMetadataKeys', parse: stringList },
    'drop-empty-cells': { prop: 'dropEmptyCells', parse: boolean },
    'drop-tagged-cells': { prop: 'dropTaggedCells', parse: stringList },
    'strip-init-cells': { prop: 'stripInitCells', parse: boolean },
    'max-size': { prop: 'maxSize', parse: nbstripoutSize },
    'keep-output-type': { prop: 'keepOutputTypes', parse: stringList },
    'drop-output-type': { prop: 'dropOutputTypes', parse: stringList },
  },
  pair: {
    notebooks: { prop: 'notebooks', parse: stringList },
    format: { prop: 'format', parse: nonEmptyString },
  },
  guard: {
    'max-binary-size': { prop: 'maxBinarySize', parse: byteSize },
    'max-file-size': { prop: 'maxFileSize', parse: byteSize },
    allow: { prop: 'allow', parse: stringList },
    'unstripped-notebooks': { prop: 'unstrippedNotebooks', parse: oneOf('block', 'warn', 'off') },
  },
  'output-store': {
    enabled: { prop: 'enabled', parse: boolean },
    'max-size': { prop: 'maxSize', parse: byteSize },
  },
};

/** The property of MlHooksConfig that holds each section. */
const SECTION_PROPS: Record<string, 'strip' | 'pair' | 'guard' | 'outputStore'> = { strip: 'strip', pair: 'pair', guard: 'guard', 'output-store': 'outputStore' };

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function defaultConfig(): MlHooksConfig {
  return structuredClone(DEFAULT_CONFIG) as MlHooksConfig;
}

export function validateConfig(layers: readonly ConfigLayer[]): ConfigResult {
  const config = defaultConfig();
  const origins: ConfigOrigins = {};
  const errors: string[] = [];
  const warnings: string[] = [];

  for (const layer of layers) {
    const { file, format } = layer;
    if (!isTable(layer.data)) {
      errors.push(notATable(file, format === 'toml' ? '[tool.ml-hooks]' : 'the document', layer.data));
      continue;
    }
    const sectionNames = Object.keys(SECTIONS).filter((s) => s !== '');
    const topKnown = [...Object.keys(SECTIONS['']!), ...sectionNames];
    for (const [key, value] of Object.entries(layer.data)) {
      if (format === 'json' && key === '$schema') continue;
      if (Object.hasOwn(SECTIONS, key) && key !== '') {
        if (!isTable(value)) {
          errors.push(notATable(file, keyLabel(format, key, '').replace(/ $/, '').replace(/\.$/, ''), value));
          continue;
        }
        applySection(key, value);
      } else if (Object.hasOwn(SECTIONS['']!, key)) {
        applySection('', { [key]: value });
      } else {
        errors.push(unknownKey(file, keyLabel(format, '', key), topKnown));
      }
    }

    function applySection(section: string, table: Record<string, unknown>): void {
      const fields = SECTIONS[section]!;
      const target = (section === '' ? config : config[SECTION_PROPS[section]!]) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(table)) {
        const label = keyLabel(format, section, key);
        const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
        if (!field) {
          errors.push(unknownKey(file, label, Object.keys(fields)));
          continue;
        }
        const parsed = field.parse(value);
        if (!parsed.ok) {
          errors.push(wrongType(file, label, parsed.expected, value));
          continue;
        }
        const path = section ? `${section}.${key}` : key;
        const previous = origins[path];
        if (previous && previous.file !== file) warnings.push(setInBoth(path, previous.file, file));
        target[field.prop] = parsed.value;
        origins[path] = { file, key: label };
      }
    }
  }
  return { config, origins, errors, warnings };
}

/** One key of the configuration, for the list in `ml-hooks install --help`. */
export interface ConfigKey {
  /** Dotted as in .ml-hooks.json: "strip.keep-output"; TOML puts it under [tool.ml-hooks.strip]. */
  key: string;
  expected: string;
  /** The default as the file would say it (JSON, which TOML reads the same way for these values). */
  default: string;
}

/** Every key the validator accepts, with what it expects and its default, in the table's order. */
export function configKeys(): ConfigKey[] {
  return Object.entries(SECTIONS).flatMap(([section, fields]) =>
    Object.entries(fields).map(([key, field]) => {
      const holder = (section === '' ? DEFAULT_CONFIG : DEFAULT_CONFIG[SECTION_PROPS[section]!]) as unknown as Record<string, unknown>;
      const value = holder[field.prop];
      return { key: section ? `${section}.${key}` : key, expected: field.parse.expected, default: value === undefined ? 'none' : (field.parse.written ?? JSON.stringify)(value) };
    }),
  );
}

/** The keys a section accepts (for help text and the default template's test). */
export function knownKeys(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(SECTIONS).map(([s, f]) => [s, Object.keys(f)]));
}
