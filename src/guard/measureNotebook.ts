import { stripNotebookText } from '../notebook/strip.js';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../notebook/stripOptions.js';

/** A measure callback: a notebook's size as the strip hook would commit it; undefined if it is not one. */
export type MeasureFn = (path: string, bytes: Buffer) => number | undefined;

/** The notebook as the strip hook would commit it (`_path` for the scan's callback shape). */
export function stripNotebookBytes(bytes: Buffer, _path?: string, options: StripOptions = DEFAULT_STRIP_OPTIONS): string | undefined {
  try {
    return stripNotebookText(bytes.toString('utf8'), options);
  } catch {
    return undefined; // not a valid notebook: the strip hook reports that; here it counts at full size
  }
}

export function strippedNotebookSize(options: StripOptions = DEFAULT_STRIP_OPTIONS): MeasureFn {
  return (path, bytes) => {
    const stripped = stripNotebookBytes(bytes, path, options);
    return stripped === undefined ? undefined : Buffer.byteLength(stripped, 'utf8');
  };
}
