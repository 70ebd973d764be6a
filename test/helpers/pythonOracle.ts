// Asks CPython's own `json` module (python3 is on every machine here) what it makes of documents,
// in one process for a whole batch.
import { spawnSync } from 'node:child_process';

export interface OracleRequest {
  text: string;
  indent: number | null;
  sortKeys: boolean;
  ensureAscii: boolean;
}

const SCRIPT = `
import json, sys
reqs = json.load(sys.stdin)
out = []
for r in reqs:
    try:
        v = json.loads(r["text"])
        out.append({"ok": json.dumps(v, indent=r["indent"], sort_keys=r["sortKeys"], ensure_ascii=r["ensureAscii"], separators=(",", ": ") if r["indent"] is not None else None)})
    except ValueError as e:
        out.append({"error": str(e)})
sys.stdout.write(json.dumps(out))
`;

export type OracleAnswer = { ok: string } | { error: string };

export function pythonJson(requests: OracleRequest[]): OracleAnswer[] {
  const r = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(requests), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString('utf8')) as OracleAnswer[];
}

/** Python's str.splitlines(keepends) for each string. */
export function pythonSplitLines(texts: string[], keepEnds: boolean): string[][] {
  const script = `import json, sys\nsys.stdout.write(json.dumps([t.splitlines(${keepEnds ? 'True' : 'False'}) for t in json.load(sys.stdin)]))`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString('utf8')) as string[][];
}

const DEBIAN_PYTHON = '/usr/bin/python3'; // Debian's, where python3-nbformat lives

/** Whether Debian's python3-nbformat is installed (the oracle tests skip without it). */
export const hasNbformat = spawnSync(DEBIAN_PYTHON, ['-c', 'import nbformat']).status === 0;

/** nbformat.validate on each text: null when valid, else the validation error's first line. */
export function validateNotebooks(texts: string[]): (string | null)[] {
  const script = `
import json, sys, warnings, logging
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")
import nbformat
out = []
for text in json.load(sys.stdin):
    try:
        nbformat.validate(nbformat.reads(text, as_version=nbformat.NO_CONVERT))
        out.append(None)
    except Exception as e:
        out.append((type(e).__name__ + ": " + str(e)).splitlines()[0])
sys.stdout.write(json.dumps(out))
`;
  const r = spawnSync(DEBIAN_PYTHON, ['-c', script], { input: JSON.stringify(texts), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`python3-nbformat failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString('utf8')) as (string | null)[];
}
