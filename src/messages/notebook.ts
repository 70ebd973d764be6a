// User-facing text about notebook content (reasons are one line; the caller adds the file name).
import type { PyValue } from '../notebook/pyjson.js';

export const notJson = (detail: string): string => `not valid JSON (${detail})`;
export const notANotebook = (why: string): string => `not a notebook: ${why}`;
export const unsupportedVersion = (version: PyValue): string =>
  `unsupported nbformat version ${JSON.stringify(typeof version === 'bigint' ? String(version) : version)} (ml-hooks reads nbformat 1 to 4)`;
export const contradictoryKeepOutput = (index: number): string =>
  `cell ${index}: cell metadata contradicts tags: \`keep_output\` is false, but \`keep_output\` in tags`;
export const notZeppelin = (why: string): string => `not a Zeppelin notebook: ${why}`;
export const notUtf8 = 'not valid UTF-8 text';
/** PyJsonError's text for JSON nested deeper than the codec reads (position added after it). */
export const nestedTooDeep = (limit: number): string => `nested deeper than ${limit} levels`;
/** The reason for a notebook nested too deep: valid JSON, but no tool can take it. */
export const tooDeep = (detail: string): string => `${detail}; Jupyter and nbformat cannot read it either`;
export const yamlTooDeep = (where: string): string => `nested too deeply to read (${where})`;
