// Bridges the shared config loader (src/config/, `validateConfig` → config + origins) to the
// guard's policy. Structural types, so the guard does not depend on the loader's module.
import { DEFAULT_GUARD_POLICY, type GuardPolicy, type Limit, type UnstrippedNotebooks } from './sizePolicy.js';

export interface GuardConfigInput {
  notebooks: string[];
  guard: { maxBinarySize: number; maxFileSize: number; allow: string[]; unstrippedNotebooks: UnstrippedNotebooks };
}

/** `origins['guard.max-binary-size'] = { file: 'pyproject.toml', key: '[tool.ml-hooks.guard] max-binary-size' }`. */
export type ConfigOriginsInput = Readonly<Record<string, { file: string; key: string } | undefined>>;

export function guardPolicyFromConfig(config: GuardConfigInput, origins: ConfigOriginsInput): GuardPolicy {
  const limit = (key: 'max-binary-size' | 'max-file-size', bytes: number): Limit => {
    const origin = origins[`guard.${key}`];
    return { bytes, source: origin ? { file: origin.file, key, label: origin.key } : { file: undefined, key } };
  };
  return {
    ...DEFAULT_GUARD_POLICY,
    maxBinarySize: limit('max-binary-size', config.guard.maxBinarySize),
    maxFileSize: limit('max-file-size', config.guard.maxFileSize),
    allow: [...config.guard.allow],
    notebooks: [...config.notebooks],
    unstrippedNotebooks: config.guard.unstrippedNotebooks,
  };
}
