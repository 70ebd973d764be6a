// Validates the guard's part of the configuration. Pure (plain data in, policy and errors out) so
// that it can move into src/config/ beside the other sections' validators.
import { parseSize } from './sizeUnits.js';
import { DEFAULT_GUARD_POLICY, type GuardPolicy, type Limit, type UnstrippedNotebooks } from './sizePolicy.js';

export interface GuardConfigResult {
  policy: GuardPolicy;
  errors: string[];
}

const GUARD_KEYS = ['max-binary-size', 'max-file-size', 'allow', 'unstripped-notebooks'];
const MODES: readonly UnstrippedNotebooks[] = ['block', 'warn', 'off'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * `section` is `[tool.ml-hooks]` from pyproject.toml (or the top of .ml-hooks.json): the guard
 * reads its `guard` table and the top-level `notebooks` globs. `file` names the file in errors and in
 * the limit sources.
 */
export function validateGuardConfig(section: unknown, file: string): GuardConfigResult {
  const errors: string[] = [];
  const policy: GuardPolicy = { ...DEFAULT_GUARD_POLICY };
  if (section === undefined) return { policy, errors };
  const toml = !file.endsWith('.json');
  const where = (key: string): string => (toml ? `[tool.ml-hooks${key.includes('.') ? '.' + key.slice(0, key.lastIndexOf('.')) : ''}] ${key.slice(key.lastIndexOf('.') + 1)}` : key);
  const fail = (key: string, expected: string): void => void errors.push(`${file}: ${where(key)} must be ${expected}`);
  if (!isRecord(section)) {
    errors.push(`${file}: ${toml ? '[tool.ml-hooks]' : 'the file'} must be a table of settings`);
    return { policy, errors };
  }
  if (section.notebooks !== undefined) {
    if (isStringList(section.notebooks)) policy.notebooks = section.notebooks;
    else fail('notebooks', 'a list of glob strings, e.g. ["**/*.ipynb"]');
  }
  const guard = section.guard;
  if (guard === undefined) return { policy, errors };
  if (!isRecord(guard)) {
    fail('guard', 'a table of settings');
    return { policy, errors };
  }
  for (const key of Object.keys(guard)) {
    if (!GUARD_KEYS.includes(key)) errors.push(`${file}: unknown key ${where(`guard.${key}`)} (expected one of ${GUARD_KEYS.join(', ')})`);
  }
  const limit = (key: 'max-binary-size' | 'max-file-size'): Limit | undefined => {
    const value = guard[key];
    if (value === undefined) return undefined;
    const bytes = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : typeof value === 'string' ? parseSize(value) : undefined;
    if (bytes === undefined) {
      fail(`guard.${key}`, 'a size such as "1MB", "500k" or "2G" (or a number of bytes)');
      return undefined;
    }
    return { bytes, source: { file, key } };
  };
  policy.maxBinarySize = limit('max-binary-size') ?? policy.maxBinarySize;
  policy.maxFileSize = limit('max-file-size') ?? policy.maxFileSize;
  if (guard.allow !== undefined) {
    if (isStringList(guard.allow)) policy.allow = guard.allow;
    else fail('guard.allow', 'a list of glob strings, e.g. ["assets/*.png"]');
  }
  const mode = guard['unstripped-notebooks'];
  if (mode !== undefined) {
    if (typeof mode === 'string' && (MODES as readonly string[]).includes(mode)) policy.unstrippedNotebooks = mode as UnstrippedNotebooks;
    else fail('guard.unstripped-notebooks', '"block", "warn" or "off"');
  }
  return { policy, errors };
}
