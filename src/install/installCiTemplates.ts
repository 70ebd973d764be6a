// `ml-hooks install --ci`: the CI side of the rules. Hooks run on laptops and can be skipped;
// a CI job cannot. Each template is written when its file does not exist yet, and printed
// (with where to put it) when it does: we never edit a workflow or YAML file someone owns.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/writeFileAtomic.js';

export interface CiTemplate {
  /** Where the file goes, relative to the repository root. */
  target: string;
  /** The template in the package's templates/ folder. */
  template: string;
}

export const CI_TEMPLATES: readonly CiTemplate[] = [
  { target: '.github/workflows/ml-hooks.yml', template: 'github-workflow.yml' },
  { target: '.pre-commit-config.yaml', template: 'pre-commit-config.yaml' },
];

export type CiOutcome = { target: string; written: true } | { target: string; written: false; content: string };

/** The template text for this version (pins `ml-hooks@VERSION` so CI runs what the team tested). */
export function renderTemplate(text: string, version: string): string {
  return text.replace(/__VERSION__/g, version);
}

export function installCiTemplates(root: string, packageRoot: string, version: string): CiOutcome[] {
  return CI_TEMPLATES.map(({ target, template }) => {
    const content = renderTemplate(readFileSync(join(packageRoot, 'templates', template), 'utf8'), version);
    const path = join(root, target);
    if (existsSync(path)) return { target, written: false, content };
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, content);
    return { target, written: true };
  });
}
