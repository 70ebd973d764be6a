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
interface Field {
  /** Property name in MlHooksConfig (camel-cased). */
  prop: string;
  parse: (value: unknown) => Parsed;
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (expected: string): Parsed => ({ ok: false, expected });

const boolean = (v: unknown): Parsed => (typeof v === 'boolean' ? ok(v) : fail('true or false'));
const stringList = (v: unknown): Parsed =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? ok([...v]) : fail('a list of strings, e.g. ["a", "b"]');
const nonEmptyString = (v: unknown): Parsed => (typeof v === 'string' && v.trim() !== '' ? ok(v) : fail('a non-empty string'));
const byteSize = (v: unknown): Parsed => {
  const n = parseByteSize(v);
  return n === undefined ? fail('a size such as "500k", "1MB", "2GB" or a number of bytes') : ok(n);
};
const nbstripoutSize = (v: unknown): Parsed => {
  // --max-size takes nbstripout's units: an integer with an optional k, M or G (decimal).
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return ok(v);
  if (typeof v === 'string') {
    const m = /^\s*([0-9]+)\s*([kKmMgG]?)\s*$/.exec(v);
    if (m) return ok(Number(m[1]) * { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g']);
  }
  return fail('a size such as "50", "10k" or "1M" (as nbstripout --max-size)');
};
const oneOf = (...choices: string[]) => (v: unknown): Parsed =>
  typeof v === 'string' && choices.includes(v) ? ok(v) : fail(choices.map((c) => `"${c}"`).join(' or '));

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

/** The keys a section accepts (for help text and the default template's test). */
export function knownKeys(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(SECTIONS).map(([s, f]) => [s, Object.keys(f)]));
}
