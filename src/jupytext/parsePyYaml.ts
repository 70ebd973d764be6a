// YAML read as PyYAML's safe_load reads it: YAML 1.1, except that only yes/no, true/false and
// on/off are booleans (the `yaml` package's 1.1 schema also takes y and n, so a key `n:` would
// turn into `false:`).
import { yamlTooDeep } from '../messages/notebook.js';
import { parse, parseAllDocuments, type ParseOptions, type SchemaOptions, type DocumentOptions } from 'yaml';

const BOOL_TAG = 'tag:yaml.org,2002:bool';
const PY_TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const PY_FALSE = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;

const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) =>
    tags.map((tag) => {
      if (typeof tag !== 'object' || tag.tag !== BOOL_TAG || !('test' in tag) || !tag.test) return tag;
      return { ...tag, test: tag.test.test('true') ? PY_TRUE : PY_FALSE };
    }),
};

/** YAML nested deeper than the reader can go (it recurses, as PyYAML does). */
export class YamlTooDeepError extends Error {}

/** The document's value (throws on invalid YAML, YamlTooDeepError when nested too deeply). */
export function parsePyYaml(text: string): unknown {
  try {
    return parse(text, OPTIONS);
  } catch (error) {
    // The reader runs out of stack near 800 levels and reports it as a parse error.
    const m = /^Maximum call stack size exceeded at (line \d+, column \d+)/.exec((error as Error).message);
    if (m) throw new YamlTooDeepError(yamlTooDeep(m[1]!));
    throw error;
  }
}

/** How a YAML reading error reads after "the … header is" (not valid YAML, or nested too deeply). */
export function yamlProblem(error: unknown): string {
  return error instanceof YamlTooDeepError ? error.message : `not valid YAML (${(error as Error).message.split('\n')[0]})`;
}

/** The first document of a stream, or undefined when it is not valid YAML. */
export function parseFirstPyYamlDocument(text: string): { value: unknown } | undefined {
  const docs = parseAllDocuments(text, OPTIONS);
  const first = Array.isArray(docs) ? docs[0] : undefined;
  if (!first || first.errors.length > 0) return undefined;
  return { value: first.toJS() };
}
