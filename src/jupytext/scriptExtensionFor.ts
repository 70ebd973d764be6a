import { isPyObject, type PyObject } from '../notebook/pyjson.js';
import { SCRIPT_EXTENSIONS, sameLanguage } from './languages.js';

/** The script extension for a notebook's language (Jupytext's `auto`), or undefined. */
export function scriptExtensionFor(nb: PyObject): string | undefined {
  const metadata = isPyObject(nb.metadata) ? nb.metadata : undefined;
  const info = isPyObject(metadata?.language_info) ? metadata.language_info : undefined;
  let ext = typeof info?.file_extension === 'string' ? info.file_extension : undefined;
  const kernelspec = isPyObject(metadata?.kernelspec) ? metadata.kernelspec : undefined;
  const kernelLanguage = typeof kernelspec?.language === 'string' ? kernelspec.language : undefined;
  if (ext === '.py' && kernelLanguage === 'sage') ext = '.sage';
  if (ext === undefined) {
    const jupytext = isPyObject(metadata?.jupytext) ? metadata.jupytext : undefined;
    const language = kernelLanguage ?? (typeof jupytext?.main_language === 'string' ? jupytext.main_language : undefined);
    if (language) ext = Object.keys(SCRIPT_EXTENSIONS).find((e) => sameLanguage(language, SCRIPT_EXTENSIONS[e]!.language));
  }
  if (ext === '.r') return '.R';
  if (ext === '.fs') return '.fsx';
  if (ext === '.resource') return '.robot';
  if (ext === '.C') return '.cpp';
  return ext !== undefined && Object.hasOwn(SCRIPT_EXTENSIONS, ext) ? ext : undefined;
}
