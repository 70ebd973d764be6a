// Which files are notebooks and which are text files that can pair with one: scripts of a known
// language, Markdown (`.md`) and R Markdown (`.Rmd`).
import { MARKDOWN_EXTENSIONS } from '../jupytext/formats.js';
import { SCRIPT_EXTENSIONS } from '../jupytext/languages.js';

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

export const isNotebookPath = (path: string): boolean => extensionOf(path) === '.ipynb';
export const isScriptPath = (path: string): boolean => Object.hasOwn(SCRIPT_EXTENSIONS, extensionOf(path)) || Object.hasOwn(MARKDOWN_EXTENSIONS, extensionOf(path));
