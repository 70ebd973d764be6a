// The README's copy-paste recipes, so tests run them as written: the fenced block that follows
// `<!-- recipe: NAME -->`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

export function readmeRecipe(name: string): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const marker = `<!-- recipe: ${name} -->\n`;
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no recipe named ${name}`);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
  if (!block || readme.slice(at + marker.length).indexOf('```') !== 0) throw new Error(`the recipe ${name} is not followed by a fenced block`);
  return block[1]!;
}

/** A recipe's shell lines without their trailing comments (`cmd   # why`). */
export function shellLines(recipe: string): string[] {
  return recipe
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, ''))
    .filter((line) => line.trim() !== '');
}
