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
import { SCRIPT_EXTENSIONS } from './languages.js';

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
  const comment = SCRIPT_EXTENSIONS[ext]?.comment ?? '#';
  const lines = text.split(/\r?\n/, 400);
  let i = 0;
  while (i < lines.length && i < 2 && !lines[i]!.startsWith(`${comment} ---`)) i++;
  if (lines[i]?.trimEnd() !== `${comment} ---`) return {};
  const fields: HeaderFields = {};
  let path: string[] = [];
  for (i = i + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith(comment)) return {};
    const body = line.slice(comment.length).replace(/^ /, '');
    if (body.trimEnd() === '---') return fields;
    const m = /^( *)([^:#\s][^:]*):(?:\s+(.*)|\s*)$/.exec(body);
    if (!m) continue;
    const depth = m[1]!.length / 2;
    path = [...path.slice(0, depth), m[2]!.trim()];
    const key = path.join('.');
    if (key === 'jupyter.jupytext.formats' && m[3] !== undefined) fields.formats = unquote(m[3]);
    if (key === 'jupyter.jupytext.text_representation.format_name' && m[3] !== undefined) fields.formatName = unquote(m[3]);
  }
  return {};
}
