import type { PyObject } from '../notebook/pyjson.js';
import type { ScriptFormat } from './scriptFormat.js';

export function mystToNotebook(_text: string, _format: ScriptFormat, _makeId: () => string): PyObject {
  throw new Error('todo');
}
