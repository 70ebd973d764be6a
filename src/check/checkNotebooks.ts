// Finds notebooks that are not stripped, or cannot be read, among working-tree files.
import { planStrip } from '../notebook/planStrip.js';
import { NotebookError } from '../notebook/errors.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { firstDifferentLine, type Finding } from './finding.js';
import { notebookNotStripped, notebookUnreadable } from '../messages/check.js';

export interface NotebookFile {
  path: string;
  text: string;
}

export function checkNotebook(file: NotebookFile, options: StripOptions): Finding | undefined {
  try {
    const plan = planStrip(file.text, file.path.endsWith('.zpln') ? { ...options, mode: 'zeppelin' } : options);
    if (!plan.changed) return undefined;
    return { kind: 'unstripped-notebook', path: file.path, line: firstDifferentLine(file.text, plan.output), ...notebookNotStripped(file.path) };
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    return { kind: 'invalid-notebook', path: file.path, ...notebookUnreadable(file.path, error.reason) };
  }
}
