// Zeppelin notebooks (.zpln): nbstripout empties every paragraph's `results` and writes the
// file back with `json.dump(indent=2)`: insertion order, ASCII-escaped, then a newline.
import { NotebookError } from './errors.js';
import { dumpPyJson, isPyObject, newPyObject, parsePyJson, type PyObject } from './pyjson.js';
import { asNotebookError, stripBom } from './codec.js';
import { notZeppelin } from '../messages/notebook.js';

export function readZeppelin(text: string): PyObject {
  let doc;
  try {
    doc = parsePyJson(stripBom(text), { keepKeyOrder: true });
  } catch (error) {
    throw asNotebookError(error);
  }
  if (!isPyObject(doc) || !Array.isArray(doc.paragraphs) || !doc.paragraphs.every(isPyObject)) {
    throw new NotebookError('not-notebook', notZeppelin('it has no "paragraphs" list'));
  }
  return doc;
}

export function stripZeppelin(doc: PyObject): PyObject {
  for (const paragraph of doc.paragraphs as PyObject[]) {
    if (Object.hasOwn(paragraph, 'results')) paragraph.results = newPyObject();
  }
  return doc;
}

export function writeZeppelin(doc: PyObject): string {
  return dumpPyJson(doc, { indent: 2, sortKeys: false, ensureAscii: true }) + '\n';
}
