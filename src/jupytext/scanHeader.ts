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
  const comment = headerComment(ext);
  const marker = comment ? `${comment} ---` : '---';
  const lines = text.split(/\r?\n/, 400);
  let i = 0;
  while (i < lines.length && i < 2 && !lines[i]!.startsWith(marker)) i++;
  if (lines[i]?.trimEnd() !== marker) return {};
  const root = ext === '.md' ? ['jupyter.', ''] : ['jupyter.'];
  const fields: HeaderFields = {};
  let path: string[] = [];
  for (i = i + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith(comment)) return {};
    const body = comment ? line.slice(comment.length).replace(/^ /, '') : line;
    if (body.trimEnd() === '---') return fields;
    const m = /^( *)([^:#\s][^:]*):(?:\s+(.*)|\s*)$/.exec(body);
    if (!m) continue;
    const depth = m[1]!.length / 2;
    path = [...path.slice(0, depth), m[2]!.trim()];
    const key = path.join('.');
    if (m[3] === undefined) continue;
    if (root.some((r) => key === `${r}jupytext.formats`)) fields.formats = unquote(m[3]);
    if (root.some((r) => key === `${r}jupytext.text_representation.format_name`)) fields.formatName = unquote(m[3]);
  }
  return {};
}
