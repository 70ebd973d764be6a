// A quick look at a script's header without a YAML parser: the two values pair discovery needs
// (`jupytext.formats` and `jupytext.text_representation.format_name`), so that finding pairs at
// commit time does not pay for loading one. Header lines look like:
//   # ---
//   # jupyter:
//   #   jupytext:
//   #     formats: ipynb,py:percent
//   #     text_representation:
//   #       format_name: percent
//   # ---
// Markdown headers are not commented, and MyST's has `jupytext:` at the top level.
import { headerComment } from './writeHeader.js';

export interface HeaderFields {
  formats?: string;
  formatName?: string;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v;
}

export function scanHeader(text: string, ext: string): HeaderFields {
  return scanHeaderLines(text, ext)?.fields ?? {};
}

/** The header's fields, and the line (0-based) that holds `formats`; undefined without a header. */
function scanHeaderLines(text: string, ext: string): { fields: HeaderFields; formatsLine?: number } | undefined {
  const comment = headerComment(ext);
  const marker = comment ? `${comment} ---` : '---';
  const lines = text.split(/\r?\n/, 400);
  let i = 0;
  while (i < lines.length && i < 2 && !lines[i]!.startsWith(marker)) i++;
  if (lines[i]?.trimEnd() !== marker) return undefined;
  const root = ext === '.md' ? ['jupyter.', ''] : ['jupyter.'];
  const fields: HeaderFields = {};
  let formatsLine: number | undefined;
  let path: string[] = [];
  for (i = i + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith(comment)) return undefined;
    const body = comment ? line.slice(comment.length).replace(/^ /, '') : line;
    if (body.trimEnd() === '---') return { fields, ...(formatsLine !== undefined ? { formatsLine } : {}) };
    const m = /^( *)([^:#\s][^:]*):(?:\s+(.*)|\s*)$/.exec(body);
    if (!m) continue;
    const depth = m[1]!.length / 2;
    path = [...path.slice(0, depth), m[2]!.trim()];
    const key = path.join('.');
    if (m[3] === undefined) continue;
    if (root.some((r) => key === `${r}jupytext.formats`)) {
      fields.formats = unquote(m[3]);
      formatsLine = i;
    }
    if (root.some((r) => key === `${r}jupytext.text_representation.format_name`)) fields.formatName = unquote(m[3]);
  }
  return undefined;
}

/** The text without the header's `formats` line (it no longer declares a pair); undefined when it has none. */
export function withoutHeaderFormats(text: string, ext: string): string | undefined {
  const at = scanHeaderLines(text, ext)?.formatsLine;
  if (at === undefined) return undefined;
  const lines = text.split(/(?<=\n)/);
  return [...lines.slice(0, at), ...lines.slice(at + 1)].join('');
}
