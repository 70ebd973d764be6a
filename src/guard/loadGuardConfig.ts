// Reads the guard's configuration from the repository. A stand-in for the shared config loader
// (src/config/): when that lands, this becomes a call to it plus validateGuardConfig.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { validateGuardConfig, type GuardConfigResult } from './validateGuardConfig.js';

export function loadGuardConfig(repoRoot: string): GuardConfigResult {
  const pyproject = join(repoRoot, 'pyproject.toml');
  if (existsSync(pyproject)) {
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(readFileSync(pyproject, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      return { ...validateGuardConfig(undefined, 'pyproject.toml'), errors: [`pyproject.toml: not valid TOML: ${(error as Error).message.split('\n')[0]}`] };
    }
    const tool = doc.tool as Record<string, unknown> | undefined;
    const section = tool && typeof tool === 'object' ? tool['ml-hooks'] : undefined;
    if (section !== undefined) return validateGuardConfig(section, 'pyproject.toml');
  }
  const json = join(repoRoot, '.ml-hooks.json');
  if (existsSync(json)) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(json, 'utf8'));
    } catch (error) {
      return { ...validateGuardConfig(undefined, '.ml-hooks.json'), errors: [`.ml-hooks.json: not valid JSON: ${(error as Error).message}`] };
    }
    return validateGuardConfig(doc, '.ml-hooks.json');
  }
  return validateGuardConfig(undefined, 'pyproject.toml');
}
