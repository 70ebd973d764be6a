import type { PyObject } from '../notebook/pyjson.js';
import type { ConvertWarnings } from './notebookToScript.js';
import type { ScriptFormat } from './scriptFormat.js';

export function notebookToMyst(_nb: PyObject, _metadata: PyObject, _format: ScriptFormat, _warnings?: ConvertWarnings): string {
  throw new Error('todo');
}
